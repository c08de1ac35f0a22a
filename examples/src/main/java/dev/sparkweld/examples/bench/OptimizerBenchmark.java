package dev.sparkweld.examples.bench;

import dev.sparkweld.weld.WeldContext;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.WeldValue;
import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.abi.Memory;
import dev.sparkweld.weld.conf.PassList;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.value.ValueText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the Weld optimizer buys: each workload written as separate operators (as a library or a SQL translator would
 * write it) runs under the default pipeline, under no passes, and with fusion, predication, vectorization or dense
 * group keys left out; and each is compared with the same work hand-written as one loop. Every configuration must
 * give the same result (checked). Usage: {@code bench.sh --optimizer [--n 10000000] [--reps 7]}.
 */
public final class OptimizerBenchmark {
  private record Workload(String name, String operators, String handFused, List<ColumnSpec> columns, double tol) {}

  private static final List<Workload> WORKLOADS = List.of(
      new Workload("map-filter-sum",
          "|v: vec[f64]| let m = map(v, |x| x * 2.0 + 1.0); let f = filter(m, |y| y > 600.0); sum(f)",
          "|v: vec[f64]| result(for(v, merger[f64,+], |b,i,x| let y = x * 2.0 + 1.0; "
              + "if(y > 600.0, merge(b, y), b)))",
          List.of(ColumnSpec.f64Decimal("v", 100_000, 100.0)), 1e-9),
      new Workload("multi-aggregate",
          "|v: vec[f64]| {result(for(v, merger[f64,+], |b,i,x| merge(b, x))),"
              + " result(for(v, merger[f64,max], |b,i,x| merge(b, x))),"
              + " result(for(v, merger[f64,min], |b,i,x| merge(b, x))),"
              + " result(for(v, merger[i64,+], |b,i,x| if(x > 500.0, merge(b, 1L), b)))}",
          "|v: vec[f64]| let r = for(v, {merger[f64,+], merger[f64,max], merger[f64,min], merger[i64,+]},"
              + " |b,i,x| {merge(b.$0, x), merge(b.$1, x), merge(b.$2, x), merge(b.$3, select(x > 500.0, 1L, 0L))});"
              + " {result(r.$0), result(r.$1), result(r.$2), result(r.$3)}",
          List.of(ColumnSpec.f64Decimal("v", 100_000, 100.0)), 1e-9),
      new Workload("q1-like-group-by",
          "|k: vec[i32], p: vec[f64], d: vec[f64]| let kept = filter(zip(k, p, d), |r| r.$2 < 0.08);"
              + " tovec(result(for(kept, dictmerger[i8,{f64,f64,i64},+],"
              + " |b,i,r| merge(b, {i8(r.$0), {r.$1, r.$1 * (1.0 - r.$2), 1L}}))))",
          "|k: vec[i32], p: vec[f64], d: vec[f64]| tovec(result(for(zip(k, p, d), dictmerger[i8,{f64,f64,i64},+],"
              + " |b,i,r| if(r.$2 < 0.08, merge(b, {i8(r.$0), {r.$1, r.$1 * (1.0 - r.$2), 1L}}), b))))",
          List.of(ColumnSpec.i32Range("k", 0, 4), ColumnSpec.f64Decimal("p", 100_000, 100.0),
              ColumnSpec.f64Decimal("d", 11, 100.0)), 1e-9));

  private OptimizerBenchmark() {}

  public static void main(String[] argv) {
    long n = 10_000_000;
    int reps = 7;
    for (int i = 0; i < argv.length; i++) {
      if (argv[i].equals("--n")) {
        n = Long.parseLong(argv[++i]);
      } else if (argv[i].equals("--reps")) {
        reps = Integer.parseInt(argv[++i]);
      } else if (!argv[i].equals("--optimizer")) {
        throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    String[][] configs = {
        {"default", "default"},
        {"no passes", "none"},
        {"no fusion", without("loop-fusion", "horizontal-fusion")},
        {"no predication", without("predicate")},
        {"no vectorize", without("vectorize")},
        {"no dense keys", without("dense-group-keys")}};
    System.out.printf(Locale.ROOT, "n = %d, median of %d runs (ms)%n", n, reps);
    for (Workload w : WORKLOADS) {
      try (Columns cols = Columns.generate(w.columns(), n, 42)) {
        String reference = null;
        double handFused = 0;
        List<String> lines = new ArrayList<>();
        for (String[] c : configs) {
          String[] r = time(w.operators(), c[1], cols, reps);
          reference = check(w, reference, r[1], c[0]);
          lines.add(String.format(Locale.ROOT, "  %-16s %9s", c[0], r[0]));
        }
        String[] hand = time(w.handFused(), "none", cols, reps);
        check(w, reference, hand[1], "hand-fused");
        handFused = Double.parseDouble(hand[0]);
        String[] handOpt = time(w.handFused(), "default", cols, reps);
        System.out.println(w.name() + ":");
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "  %-16s %9s%n  %-16s %9s%n", "hand-fused", hand[0], "hand-fused+opt",
            handOpt[0]);
        double def = Double.parseDouble(lines.get(0).trim().split("\\s+")[1]);
        System.out.printf(Locale.ROOT, "  default / hand-fused = %.2fx%n", def / handFused);
      }
    }
  }

  private static String without(String... names) {
    List<String> keep = new ArrayList<>(PassList.DEFAULT);
    keep.removeAll(Arrays.asList(names));
    return String.join(",", keep);
  }

  /** {median ms, result text}. */
  private static String[] time(String program, String passes, Columns cols, int reps) {
    WeldConf conf = WeldConf.defaults().withText(WeldConf.PASSES, passes);
    try (WeldModule m = WeldModule.compile(program, conf)) {
      AbiLayout.Layout layout = AbiLayout.of(m.argsType());
      long block = Memory.allocate(layout.size());
      try {
        Memory.zero(block, layout.size());
        for (int j = 0; j < cols.count(); j++) {
          Memory.putLong(block + layout.offset(j), cols.address(j));
          Memory.putLong(block + layout.offset(j) + 8, cols.n());
        }
        long[] ns = new long[reps];
        String result = null;
        for (int r = 0; r < reps; r++) {
          try (WeldContext ctx = WeldContext.create(conf)) {
            long t0 = System.nanoTime();
            WeldValue out = m.run(WeldValue.ofAddress(block, m.argsType()), ctx);
            ns[r] = System.nanoTime() - t0;
            result = ValueText.format(out.toJava(), m.resultType());
          }
        }
        Arrays.sort(ns);
        return new String[] {String.format(Locale.ROOT, "%.2f", ns[reps / 2] / 1e6), result};
      } finally {
        Memory.free(block);
      }
    }
  }

  /** Results must agree (floats within the reassociation tolerance of spec 4.5). */
  private static String check(Workload w, String reference, String result, String config) {
    if (reference != null && !reference.equals(result) && !close(reference, result, w.tol())) {
      throw new AssertionError(w.name() + " under " + config + " gave " + result + ", expected " + reference);
    }
    return reference == null ? result : reference;
  }

  private static boolean close(String a, String b, double tol) {
    String[] xa = a.split("[^0-9eE.+-]+");
    String[] xb = b.split("[^0-9eE.+-]+");
    if (xa.length != xb.length) {
      return false;
    }
    for (int i = 0; i < xa.length; i++) {
      if (xa[i].equals(xb[i])) {
        continue;
      }
      try {
        double p = Double.parseDouble(xa[i]);
        double q = Double.parseDouble(xb[i]);
        if (Math.abs(p - q) > tol * Math.max(Math.abs(p), Math.abs(q))) {
          return false;
        }
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }
}
