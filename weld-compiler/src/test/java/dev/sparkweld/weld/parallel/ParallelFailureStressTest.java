package dev.sparkweld.weld.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.MemoryGrantor;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.WeldContext;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.WeldValue;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.value.VecValue;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 parallel runs that fail in one worker midway, half with an out-of-bounds index at one iteration, half by
 * exceeding the memory limit: every run throws the typed exception a single-threaded run throws, none hangs (the
 * timeout), and all memory comes back (each context to zero, the embedding's grants to zero).
 */
class ParallelFailureStressTest {
  private static final int RUNS = Integer.getInteger("parstress.runs", 10_000);

  /** Counts what is granted and not yet released, over all runs. */
  private static final class CountingGrantor implements MemoryGrantor {
    final AtomicLong outstanding = new AtomicLong();

    @Override
    public boolean acquire(long bytes) {
      outstanding.addAndGet(bytes);
      return true;
    }

    @Override
    public void release(long bytes) {
      outstanding.addAndGet(-bytes);
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void failuresInOneWorkerAreTypedAndLeaveNothingBehind() {
    int n = 4096;
    Object[] o = new Object[n];
    for (int i = 0; i < n; i++) {
      o[i] = (long) i;
    }
    VecValue v = VecValue.wrap(o);
    WeldConf bounds = WeldConf.of(Map.of("weld.threads", "4", "weld.grain", "64"));
    // Iteration `bad` builds a 1M-element vector (8 MiB) in a 1 MiB run: the worker running it fails.
    WeldConf memory = WeldConf.of(Map.of("weld.threads", "4", "weld.grain", "64", "weld.memory.limit", "1048576"));
    CountingGrantor grantor = new CountingGrantor();
    String outOfBounds = "|v: vec[i64], bad: i64| result(for(v, appender[i64], |b, i, x| "
        + "merge(b, lookup(v, if(i == bad, len(v), i)))))";
    String tooBig = "|v: vec[i64], bad: i64| result(for(v, appender[i64], |b, i, x| merge(b, "
        + "len(result(for(rangeiter(0L, if(i == bad, 1000000L, 1L), 1L), appender[i64], |b2, j, y| merge(b2, y)))))))";
    int[] seen = new int[2];
    try (WeldModule oob = WeldModule.compile(outOfBounds, bounds); WeldModule mem = WeldModule.compile(tooBig, memory)) {
      for (int run = 0; run < RUNS; run++) {
        boolean memoryRun = run % 2 == 1;
        WeldConf conf = memoryRun ? memory : bounds;
        long bad = 1000 + run % 2000;
        try (WeldContext ctx = WeldContext.create(conf, grantor)) {
          Throwable t = catchThrowable(() -> (memoryRun ? mem : oob).run(WeldValue.of(v, bad), ctx));
          assertThat(t).as("run %d", run).isInstanceOf(WeldRuntimeException.class);
          ErrorKind kind = ((WeldRuntimeException) t).kind();
          assertThat(kind).as("run %d: %s", run, t.getMessage())
              .isEqualTo(memoryRun ? ErrorKind.MEMORY_LIMIT : ErrorKind.OUT_OF_BOUNDS);
          seen[memoryRun ? 1 : 0]++;
          ctx.close();
          assertThat(ctx.bytesInUse()).as("run %d", run).isZero();
          assertThat(grantor.outstanding.get()).as("run %d", run).isZero();
        }
      }
    }
    assertThat(seen[0] + seen[1]).isEqualTo(RUNS);
  }
}
