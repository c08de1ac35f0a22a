package dev.sparkweld.runtime.parallel;

import dev.sparkweld.runtime.bridge.NativeBridge;

/**
 * What a kernel calls (through {@code weld_rt_parallel_for}, JNI method {@code run(JJJJ)Z}: keep name and signature)
 * to run one parallel loop: {@code participants - 1} pool threads and the calling thread each enter the loop's worker
 * function {@code i64 fn(JNIEnv*, ctx, task)} through the JNI bridge; the worker function pulls chunks of iterations
 * from an atomic counter in the task until none are left (docs/abi.md, "Parallel loops"). The call returns once every
 * thread that entered has left, so the task (on the kernel's stack) outlives all its users.
 *
 * <p>One object serves the whole JVM: it holds no per-run state; everything a loop needs is in its native task.
 */
public final class ParallelUpcall {
  private static final ParallelUpcall INSTANCE = new ParallelUpcall();
  private static volatile long globalRef;

  private ParallelUpcall() {}

  /** A JNI global reference to the upcall object, for the run context's PARALLEL slot; created once per JVM. */
  public static long globalRef() {
    long ref = globalRef;
    if (ref == 0) {
      synchronized (ParallelUpcall.class) {
        ref = globalRef;
        if (ref == 0) {
          NativeBridge.bind();
          ref = NativeBridge.newGlobalRef(INSTANCE);
          globalRef = ref;
        }
      }
    }
    return ref;
  }

  /** Starts the helper threads a context of {@code workers} workers will use, ahead of its first loop. */
  public static void prepare(int workers) {
    WorkerPool.ensure(workers - 1);
  }

  /**
   * Called from native code. Never throws (a pending Java exception must not reach native code that keeps running):
   * if helpers cannot be started the calling thread does all the work.
   */
  boolean run(long fn, long ctx, long task, long participants) {
    Job job = new Job(fn, ctx, task);
    try {
      for (long i = 1; i < participants; i++) {
        WorkerPool.execute(job);
      }
    } catch (Throwable t) {
      // RejectedExecutionException or OutOfMemoryError: fewer helpers, same result.
    }
    try {
      NativeBridge.call(fn, ctx, task);
    } finally {
      job.close();
    }
    return true;
  }

  /** One loop's share for pool threads; threads that start after the loop is over do nothing. */
  private static final class Job implements Runnable {
    private final long fn;
    private final long ctx;
    private final long task;
    private int running;
    private boolean closed;

    Job(long fn, long ctx, long task) {
      this.fn = fn;
      this.ctx = ctx;
      this.task = task;
    }

    @Override
    public void run() {
      synchronized (this) {
        if (closed) {
          return;
        }
        running++;
      }
      try {
        NativeBridge.call(fn, ctx, task);
      } finally {
        synchronized (this) {
          running--;
          if (running == 0) {
            notifyAll();
          }
        }
      }
    }

    /** No new entries; waits (uninterruptibly: native memory is at stake) for the threads inside to leave. */
    synchronized void close() {
      closed = true;
      boolean interrupted = false;
      while (running > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
