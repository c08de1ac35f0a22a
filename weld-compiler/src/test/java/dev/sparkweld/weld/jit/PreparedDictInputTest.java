package dev.sparkweld.weld.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.WeldContext;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.WeldValue;
import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.abi.Memory;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.value.VecValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A dictionary produced by one run (its context kept open) is passed by address to other runs of another kernel:
 * the way a join's build table is built once and probed by many tasks. The table already has its index, so probing
 * kernels must read it as is and never write to it, also when they run at the same time.
 */
class PreparedDictInputTest {
  private static final String BUILD = "|k: vec[i64], v: vec[i64]|"
      + " result(for(zip(k, v), groupmerger[i64, i64], |b, i, x| merge(b, {x.$0, x.$1})))";
  private static final String PROBE = "|d: dict[i64, vec[i64]], p: vec[i64]|"
      + " result(for(p, merger[i64, +], |b, i, x| let m = optlookup(d, x);"
      + " if(m.$0, for(m.$1, b, |b2, j, y| merge(b2, y)), b)))";

  @Test
  void aBuiltTableIsProbedInPlaceByConcurrentRunsWithoutBeingWritten() throws Exception {
    WeldConf conf = WeldConf.defaults();
    int n = 50_000;
    List<Object> keys = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    long[] sumByKey = new long[1000];
    for (int i = 0; i < n; i++) {
      long k = (i * 7919L) % 1000; // every key several times: groups of many values
      keys.add(k);
      values.add((long) i);
      sumByKey[(int) k] += i;
    }
    try (WeldModule build = WeldModule.compile(BUILD, conf);
        WeldModule probe = WeldModule.compile(PROBE, conf);
        WeldContext buildCtx = WeldContext.create(conf)) {
      long table = Memory.getLong(build.run(WeldValue.of(new VecValue(keys), new VecValue(values)), buildCtx).address());
      byte[] header = bytes(table, 48);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        runs.add(pool.submit(() -> {
          for (int r = 0; r < 20; r++) {
            int len = 2000 + seed * 100 + r;
            long data = Memory.allocate(8L * len);
            long expected = 0;
            for (int i = 0; i < len; i++) {
              long k = (i * 31L + seed) % 1500; // a third of the probes miss
              Memory.putLong(data + 8L * i, k);
              expected += k < 1000 ? sumByKey[(int) k] : 0;
            }
            var layout = AbiLayout.of(probe.argsType());
            long block = Memory.allocate(layout.size());
            try (WeldContext ctx = WeldContext.create(conf)) {
              Memory.putLong(block + layout.offset(0), table);
              Memory.putLong(block + layout.offset(1), data);
              Memory.putLong(block + layout.offset(1) + 8, len);
              Object got = probe.run(WeldValue.ofAddress(block, probe.argsType()), ctx).toJava();
              if (!Long.valueOf(expected).equals(got)) {
                throw new AssertionError("thread " + seed + " run " + r + ": " + got + " != " + expected);
              }
            } finally {
              Memory.free(block);
              Memory.free(data);
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : runs) {
        assertThat(f.get()).isTrue();
      }
      pool.shutdown();
      assertThat(bytes(table, 48)).isEqualTo(header);
    }
  }

  private static byte[] bytes(long address, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = Memory.getByte(address + i);
    }
    return b;
  }
}
