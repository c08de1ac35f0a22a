package dev.sparkweld.examples.bench;

import dev.sparkweld.runtime.jit.CompileStats;
import dev.sparkweld.weld.WeldContext;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.WeldValue;
import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.abi.Memory;
import dev.sparkweld.weld.conf.WeldConf;
import java.util.function.Function;

/** Compiles a kernel's Weld program (timing a cold compile and a cache hit) and runs it zero-copy. */
final class WeldRunner implements AutoCloseable {
  /** Compile timings of one program: wall times of a cold compile and of a cache hit, and the stage breakdown. */
  record CompileTimes(long coldNanos, long hitNanos, long frontEndNanos, CompileStats stats) {}

  private final WeldModule module;
  private final CompileTimes compileTimes;
  private final WeldConf conf;
  private long block;

  private WeldRunner(WeldModule module, CompileTimes compileTimes, WeldConf conf) {
    this.module = module;
    this.compileTimes = compileTimes;
    this.conf = conf;
  }

  static WeldRunner compile(String program, WeldConf conf) {
    WeldModule.clearCache();
    long t0 = System.nanoTime();
    WeldModule cold = WeldModule.compile(program, conf);
    long cold1 = System.nanoTime() - t0;
    long t1 = System.nanoTime();
    WeldModule hit = WeldModule.compile(program, conf);
    long hit1 = System.nanoTime() - t1;
    hit.close();
    return new WeldRunner(cold, new CompileTimes(cold1, hit1, cold.frontEndNanos(), cold.stats()), conf);
  }

  CompileTimes compileTimes() {
    return compileTimes;
  }

  /**
   * Points the argument block at the off-heap columns: each {@code vec[T]} parameter becomes {data, length} over
   * memory Weld reads in place.
   */
  void bind(Columns cols) {
    AbiLayout.Layout layout = AbiLayout.of(module.argsType());
    if (block == 0) {
      block = Memory.allocate(layout.size());
    }
    Memory.zero(block, layout.size());
    for (int j = 0; j < cols.count(); j++) {
      Memory.putLong(block + layout.offset(j), cols.address(j));
      Memory.putLong(block + layout.offset(j) + 8, cols.n());
    }
  }

  /**
   * Times one run in a fresh context (so results of earlier runs do not pile up) and summarizes its result before the
   * context frees it. Context creation and the summary are outside the timed region.
   */
  long timedRun(Function<Long, Summary> summarize, Summary[] out) {
    try (WeldContext ctx = WeldContext.create(conf)) {
      WeldValue args = WeldValue.ofAddress(block, module.argsType());
      long t0 = System.nanoTime();
      WeldValue r = module.run(args, ctx);
      long t = System.nanoTime() - t0;
      out[0] = summarize.apply(r.address());
      return t;
    }
  }

  @Override
  public void close() {
    if (block != 0) {
      Memory.free(block);
      block = 0;
    }
    module.close();
  }
}
