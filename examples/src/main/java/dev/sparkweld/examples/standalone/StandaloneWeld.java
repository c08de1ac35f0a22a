package dev.sparkweld.examples.standalone;

import dev.sparkweld.weld.WeldContext;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.WeldValue;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.value.DictValue;
import dev.sparkweld.weld.value.StructValue;
import dev.sparkweld.weld.value.VecValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Weld without Spark: compile a program once, run it on Java values, read the result. The program groups sales by
 * store and sums the amounts above a threshold: one loop, a filter and a dictionary merger, compiled to native code.
 *
 * <pre>examples/bin/run.sh dev.sparkweld.examples.standalone.StandaloneWeld</pre>
 */
public final class StandaloneWeld {
  /** Total amount per store over the sales above {@code threshold}; {@code store} and {@code amount} are columns. */
  static final String PROGRAM = String.join("\n",
      "|store: vec[i32], amount: vec[f64], threshold: f64|",
      "  let sums = for(zip(store, amount), dictmerger[i32, f64, +], |b, i, x|",
      "    if(x.$1 > threshold, merge(b, {x.$0, x.$1}), b));",
      "  tovec(result(sums))");

  private StandaloneWeld() {}

  public static void main(String[] args) {
    WeldConf conf = WeldConf.defaults();
    List<Object> stores = new ArrayList<>();
    List<Object> amounts = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      stores.add(i % 5);
      amounts.add((double) (i % 100));
    }
    long t0 = System.nanoTime();
    // A module is compiled once and can run many times, from many threads, each with its own context.
    try (WeldModule module = WeldModule.compile(PROGRAM, conf);
         WeldContext ctx = WeldContext.create(conf)) {
      long t1 = System.nanoTime();
      WeldValue result = module.run(WeldValue.of(new VecValue(stores), new VecValue(amounts), 49.5), ctx);
      // The result lives in the context's native memory: decode it before the context closes.
      VecValue pairs = (VecValue) result.toJava();
      long t2 = System.nanoTime();
      System.out.printf("compiled in %.1f ms, ran on %d rows in %.1f ms%n", (t1 - t0) / 1e6, stores.size(),
          (t2 - t1) / 1e6);
      // tovec of a dictionary: a vector of {key, value} structs.
      for (Object pair : pairs.elems()) {
        StructValue kv = (StructValue) pair;
        System.out.println("  store " + kv.get(0) + ": " + kv.get(1));
      }
    }

    // Errors carry their position: line 1, column 9 here.
    try {
      WeldModule.compile("|x: i64| x + 1.0", conf).close();
    } catch (WeldCompileException e) {
      System.out.println("rejected as expected: " + e.getMessage());
    }
  }

  /** For tests: runs the program on small columns and returns store to sum. */
  static Map<Object, Object> totals(List<Object> stores, List<Object> amounts, double threshold) {
    try (WeldModule module = WeldModule.compile(PROGRAM.replace("tovec(result(sums))", "result(sums)"),
        WeldConf.defaults())) {
      return ((DictValue) module.runJava(new VecValue(stores), new VecValue(amounts), threshold)).asMap();
    }
  }
}
