package dev.sparkweld.weld;

import dev.sparkweld.runtime.RunContext;
import dev.sparkweld.weld.abi.OffHeapArena;
import dev.sparkweld.weld.conf.WeldConf;

/**
 * Where a run's memory lives: the native run context (allocations of the kernel, accounted against
 * {@code weld.memory.limit}) plus the off-heap copies of Java arguments. Results returned as {@link WeldValue}s point
 * into this memory and stay readable until {@link #close()}, which frees all of it.
 *
 * <p>One run at a time per context; use one context per thread. After a run fails, close the context.
 */
public final class WeldContext implements AutoCloseable {
  private final RunContext runtime;
  private final OffHeapArena inputs = new OffHeapArena();

  private WeldContext(RunContext runtime) {
    this.runtime = runtime;
  }

  /** A context whose parallel loops run on {@link #threads(WeldConf)} threads. */
  public static WeldContext create(WeldConf conf) {
    return new WeldContext(RunContext.create(conf.get(WeldConf.MEMORY_LIMIT), threads(conf), null));
  }

  /**
   * A context whose native memory is also granted by the embedding (in Spark, the task's memory manager): the run
   * fails with MEMORY_LIMIT when either the limit is reached or the grantor refuses.
   */
  public static WeldContext create(WeldConf conf, dev.sparkweld.runtime.MemoryGrantor grantor) {
    return new WeldContext(RunContext.create(conf.get(WeldConf.MEMORY_LIMIT), threads(conf), grantor));
  }

  /** {@code weld.threads}, where 0 (the default) means the machine's available processors. */
  public static int threads(WeldConf conf) {
    int n = conf.get(WeldConf.THREADS);
    return n > 0 ? n : Runtime.getRuntime().availableProcessors();
  }

  /** The native context (its address is the {@code ctx} argument of kernels). */
  public RunContext runtime() {
    return runtime;
  }

  OffHeapArena inputs() {
    return inputs;
  }

  /** Bytes the kernels of this context hold (not counting the copies of Java arguments). */
  public long bytesInUse() {
    return runtime.bytesInUse();
  }

  /** Stops a running kernel at its next poll; the run fails with CANCELLED. Any thread may call this. */
  public void cancel() {
    runtime.cancel();
  }

  @Override
  public void close() {
    try {
      runtime.close();
    } finally {
      inputs.close();
    }
  }
}
