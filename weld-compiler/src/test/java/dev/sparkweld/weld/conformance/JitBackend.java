package dev.sparkweld.weld.conformance;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import java.util.List;

/**
 * The LLVM JIT through the public API: compile (cached), run in a fresh context, decode the result. Optionally with
 * a thread count and grain size that override the file's conf (the parallel runtime's matrix).
 */
public final class JitBackend implements Backend {
  private final int threads;
  private final long grain;

  /** Single-threaded, the file's conf otherwise. */
  public JitBackend() {
    this(1, 0);
  }

  /** {@code threads} workers, loops split into chunks of {@code grain} iterations (0: the file's conf). */
  public JitBackend(int threads, long grain) {
    this.threads = threads;
    this.grain = grain;
  }

  @Override
  public String name() {
    return threads == 1 && grain == 0 ? "jit" : "jit[threads=" + threads + ", grain=" + grain + "]";
  }

  @Override
  public Object run(TypedProgram program, List<Object> args, WeldConf fileConf) {
    WeldConf conf = fileConf.with(WeldConf.THREADS, threads);
    if (grain > 0) {
      conf = conf.with(WeldConf.GRAIN, grain);
    }
    try (WeldModule m = WeldModule.compile(program, conf)) {
      return m.runJava(args.toArray());
    }
  }
}
