package dev.sparkweld.weld.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.WeldContext;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.WeldValue;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.value.VecValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failing programs, run over and over in one JVM: every run must end in the right typed exception, and native memory
 * must not grow (each failed run's allocations are freed when its context closes, whatever state the kernel was in).
 */
class BadInputSoakTest {
  private static final int RUNS = 10_000;

  private record Case(String program, WeldConf conf, Object[] args, ErrorKind kind) {}

  private static List<Case> cases() {
    WeldConf d = WeldConf.defaults();
    VecValue small = vecOfLongs(1000);
    List<Case> out = new ArrayList<>();
    out.add(new Case("|v: vec[i64]| lookup(v, len(v))", d, new Object[] {small}, ErrorKind.OUT_OF_BOUNDS));
    // The error strikes after the loop has grown an appender and a dictionary: they must be freed too.
    out.add(new Case("|v: vec[i64]| let a = result(for(v, appender[i64], |b, i, x| merge(b, x * 2L)));"
        + " let d = result(for(v, dictmerger[i64, i64, +], |b, i, x| merge(b, {x, 1L})));"
        + " lookup(d, -1L) + lookup(a, 0L)", d, new Object[] {small}, ErrorKind.KEY_NOT_FOUND));
    out.add(new Case("|v: vec[i64]| result(for(v, merger[i64,+], |b, i, x| if(i == 999L,"
        + " merge(b, if(assert(x < 0L), x, 0L)), merge(b, x))))", d, new Object[] {small},
        ErrorKind.ASSERTION_FAILED));
    // 8 MB of appender under a 1 MB limit.
    out.add(new Case("|n: i64| len(result(for(rangeiter(0L, n, 1L), appender[i64], |b, i, x| merge(b, x))))",
        d.with(WeldConf.MEMORY_LIMIT, 1L << 20), new Object[] {1_000_000L}, ErrorKind.MEMORY_LIMIT));
    out.add(new Case("|v: vec[i64]| result(for(iter(v, 0L, len(v) + 1L, 1L), merger[i64,+], |b, i, x| merge(b, x)))",
        d, new Object[] {small}, ErrorKind.BAD_ITERATOR));
    return out;
  }

  @Test
  void failingRunsThrowTypedExceptionsAndLeakNothing() throws IOException {
    List<Case> cases = cases();
    List<WeldModule> modules = new ArrayList<>();
    for (Case c : cases) {
      modules.add(WeldModule.compile(c.program(), c.conf()));
    }
    try {
      // Warm up so that JIT-compiled Java, the heap and malloc's arenas reach their steady size first.
      runAll(cases, modules, 1_000);
      System.gc();
      long before = rssKb();
      int[] counts = runAll(cases, modules, RUNS);
      System.gc();
      long after = rssKb();
      for (int i = 0; i < cases.size(); i++) {
        assertThat(counts[i]).as(cases.get(i).program()).isEqualTo(RUNS / cases.size());
      }
      assertThat(after).as("RSS after %d failing runs (kB), started at %d kB", RUNS, before)
          .isLessThanOrEqualTo(before + before / 10);
    } finally {
      modules.forEach(WeldModule::close);
    }
  }

  /** Runs the cases round robin; returns how often each threw its expected kind. */
  private static int[] runAll(List<Case> cases, List<WeldModule> modules, int runs) {
    int[] counts = new int[cases.size()];
    for (int r = 0; r < runs; r++) {
      int i = r % cases.size();
      Case c = cases.get(i);
      try (WeldContext ctx = WeldContext.create(c.conf())) {
        Throwable t = catchThrowable(() -> modules.get(i).run(WeldValue.of(c.args()), ctx));
        assertThat(t).as(c.program()).isInstanceOf(WeldRuntimeException.class);
        assertThat(((WeldRuntimeException) t).kind()).as(c.program() + ": " + t.getMessage()).isEqualTo(c.kind());
        counts[i]++;
      }
    }
    return counts;
  }

  private static VecValue vecOfLongs(int n) {
    List<Object> xs = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      xs.add(i * 7 % 1000);
    }
    return new VecValue(xs);
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
