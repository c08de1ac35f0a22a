package dev.sparkweld.weld.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.WeldContext;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.WeldValue;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.interp.Interpreter;
import dev.sparkweld.weld.value.ValueText;
import dev.sparkweld.weld.value.VecValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One compiled module run from 8 threads at once, each with its own context and inputs. */
class ConcurrentRunTest {
  private static final String GROUP_BY = "|k: vec[i64], v: vec[f64]|"
      + " let d = result(for(zip(k, v), dictmerger[i64, f64, +], |b, i, x| merge(b, {x.$0 % 97L, x.$1})));"
      + " {tovec(d), result(for(v, appender[f64], |b, i, x| if(x > 0.5, merge(b, x), b)))}";

  @Test
  void eightThreadsShareOneModule() throws Exception {
    WeldConf conf = WeldConf.defaults();
    int threads = 8;
    try (WeldModule m = WeldModule.compile(GROUP_BY, conf)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          List<Object> args = inputs(seed, 20_000 + seed * 1000);
          Object expected = new Interpreter(conf).run(m.program(), args);
          start.await();
          int ok = 0;
          for (int r = 0; r < 50; r++) {
            try (WeldContext ctx = WeldContext.create(conf)) {
              Object actual = m.run(WeldValue.ofList(args), ctx).toJava();
              // Each run's loops may themselves run in parallel (weld.threads defaults to the cores), which may
              // reassociate the f64 sums (docs/weld-ir.md 4.5).
              if (!ValueText.equalValues(expected, actual, m.resultType(), 1e-9)) {
                throw new AssertionError("thread " + seed + " run " + r + " differs");
              }
              ok++;
            }
          }
          return ok;
        }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertThat(f.get()).isEqualTo(50);
      }
      pool.shutdown();
    }
  }

  private static List<Object> inputs(int seed, int n) {
    java.util.Random rnd = new java.util.Random(seed);
    List<Object> keys = new ArrayList<>();
    List<Object> vals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(rnd.nextLong());
      vals.add(rnd.nextDouble());
    }
    return List.of(new VecValue(keys), new VecValue(vals));
  }
}
