package dev.sparkweld.weld.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.WeldContext;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.WeldValue;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.interp.Interpreter;
import dev.sparkweld.weld.value.ValueText;
import dev.sparkweld.weld.value.VecValue;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parallel runtime on inputs large enough that every loop is split into many chunks: each builder's result is
 * the reference interpreter's (serial order: appended elements, dictionary keys, group values), for 2, 4 and 8
 * threads and grains that do not divide the input.
 */
class ParallelRuntimeTest {
  private static final int N = 200_000;

  private static WeldConf conf(int threads, long grain) {
    return WeldConf.of(Map.of("weld.threads", "" + threads, "weld.grain", "" + grain));
  }

  private static VecValue randomLongs(long seed, int n, int bound) {
    SplittableRandom r = new SplittableRandom(seed);
    Object[] o = new Object[n];
    for (int i = 0; i < n; i++) {
      o[i] = (long) r.nextInt(bound);
    }
    return VecValue.wrap(o);
  }

  private static void sameAsInterpreter(String program, int threads, long grain, double tolerance, Object... args) {
    var typed = WeldFrontEnd.compile(program);
    Object expected = new Interpreter(WeldConf.defaults()).run(typed, List.of(args));
    try (WeldModule m = WeldModule.compile(program, conf(threads, grain))) {
      Object actual = m.runJava(args);
      assertThat(ValueText.equalValues(expected, actual, typed.resultType(), tolerance))
          .as("threads=%d grain=%d\n%s\nexpected %s\nactual   %s", threads, grain, program,
              abbreviate(ValueText.format(expected, typed.resultType())),
              abbreviate(ValueText.format(actual, typed.resultType())))
          .isTrue();
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  @ParameterizedTest(name = "threads={0} grain={1}")
  @CsvSource({"2, 1000", "4, 777", "8, 4099"})
  void everyBuilderGivesTheSerialResult(int threads, long grain) {
    VecValue v = randomLongs(threads, N, 1000);
    // filter + map: appended in serial order
    sameAsInterpreter("|v: vec[i64]| result(for(v, appender[i64], |b, i, x| if(x % 3L == 0L, merge(b, x * 10L + i), b)))",
        threads, grain, 0, v);
    // dictmerger: keys in first-merge order
    sameAsInterpreter("|v: vec[i64]| tovec(result(for(v, dictmerger[i64, i64, +], |b, i, x| merge(b, {x * 7L % 1009L, i}))))",
        threads, grain, 0, v);
    // groupmerger: groups in first-merge order, values in serial order
    sameAsInterpreter("|v: vec[i64]| tovec(result(for(v, groupmerger[i64, i64], |b, i, x| merge(b, {x % 97L, i}))))",
        threads, grain, 0, v);
    // vecmerger
    sameAsInterpreter("|v: vec[i64]| result(for(v, vecmerger[i64, +](result(for(rangeiter(0L, 100L, 1L), appender[i64], |b, i, x| merge(b, x)))), |b, i, x| merge(b, {x % 100L, x})))",
        threads, grain, 0, v);
    // a struct of builders, min/max/* mergers, an initial value
    sameAsInterpreter("|v: vec[i64]| let r = for(v, {appender[i64], merger[i64, max], merger[i64, min](5L), dictmerger[i64, i64, max]}, |b, i, x| {merge(b.$0, x), merge(b.$1, x), merge(b.$2, x + 3L), merge(b.$3, {x % 10L, i})}); {len(result(r.$0)), result(r.$1), result(r.$2), tovec(result(r.$3))}",
        threads, grain, 0, v);
  }

  @Test
  void nestedLoopsAndLoopsInsideIterate() {
    VecValue v = randomLongs(7, 20_000, 50);
    // the outer loop runs in parallel, the inner one serially inside each iteration
    sameAsInterpreter("|v: vec[i64]| result(for(v, appender[i64], |b, i, x| for(rangeiter(0L, x % 4L, 1L), b, |b2, j, y| merge(b2, x + y))))",
        4, 333, 0, v);
    // a parallel loop in every round of iterate
    sameAsInterpreter("|v: vec[i64]| iterate({v, 0L}, |s| let w = result(for(s.$0, appender[i64], |b, i, x| merge(b, x + 1L))); {{w, s.$1 + 1L}, s.$1 < 3L}).$0",
        2, 1000, 0, v);
  }

  @Test
  void floatSumsAgreeWithinTheReassociationTolerance() {
    SplittableRandom r = new SplittableRandom(3);
    Object[] o = new Object[N];
    for (int i = 0; i < N; i++) {
      o[i] = r.nextDouble() * 1000;
    }
    sameAsInterpreter("|v: vec[f64]| result(for(v, merger[f64, +], |b, i, x| merge(b, x * 0.5)))", 4, 1000, 1e-9,
        VecValue.wrap(o));
  }

  @Test
  void loopsAreReallySplitAcrossWorkers() {
    VecValue v = randomLongs(11, 1_000_000, 1000);
    String p = "|v: vec[i64]| result(for(v, appender[i64], |b, i, x| merge(b, x * x)))";
    WeldConf conf = conf(4, 1000);
    int busiest = 0;
    try (WeldModule m = WeldModule.compile(p, conf)) {
      for (int attempt = 0; attempt < 20 && busiest < 2; attempt++) {
        try (WeldContext ctx = WeldContext.create(conf)) {
          m.run(WeldValue.of(v), ctx);
          int busy = 0;
          for (int w = 0; w < 4; w++) {
            busy += ctx.runtime().allocations(w) > 0 ? 1 : 0;
          }
          busiest = Math.max(busiest, busy);
        }
      }
    }
    assertThat(busiest).as("workers that allocated their own appender").isGreaterThanOrEqualTo(2);
  }

  @Test
  void cancelStopsAParallelLoopWithin100Milliseconds() throws Exception {
    String p = "|n: i64| result(for(rangeiter(0L, n, 1L), merger[i64, +], |b, i, x| merge(b, x * x % 7L)))";
    WeldConf conf = conf(2, 100_000);
    try (WeldModule m = WeldModule.compile(p, conf); WeldContext ctx = WeldContext.create(conf)) {
      CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(
          () -> catchThrowable(() -> m.run(WeldValue.of(1L << 50), ctx)));
      Thread.sleep(300);
      assertThat(run).isNotDone();
      long t0 = System.nanoTime();
      ctx.cancel();
      Throwable t = run.get(10, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(t).isInstanceOf(WeldRuntimeException.class);
      assertThat(((WeldRuntimeException) t).kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(ms).as("ms from cancel to the exception").isLessThan(100);
    }
  }
}
