package dev.sparkweld.runtime.parallel;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's helper threads for parallel loops: daemon threads created once, on demand, and kept for the life of the
 * JVM (a parallel loop costs a queue hand-off, never a thread start). The pool only grows: it holds as many threads
 * as the largest run asked for minus one (the thread that runs the kernel works too). Runs of different contexts
 * share it; a loop whose helpers are busy elsewhere still finishes, because the calling thread takes every chunk no
 * helper took (see {@link ParallelUpcall}).
 */
final class WorkerPool {
  /** Far above any sensible weld.threads; the conf key is bounded by it too. */
  static final int MAX_THREADS = 1024;

  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static final ThreadFactory FACTORY = r -> {
    Thread t = new Thread(r, "weld-worker-" + SERIAL.incrementAndGet());
    t.setDaemon(true);
    return t;
  };
  // Unbounded queue: threads beyond the core size are never made, so the core size is the thread count.
  private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, MAX_THREADS, 1, TimeUnit.DAYS,
      new LinkedBlockingQueue<>(), FACTORY);

  private WorkerPool() {}

  /** Makes sure at least {@code helpers} threads exist (started now, so the first loop does not pay for it). */
  static void ensure(int helpers) {
    int want = Math.min(helpers, MAX_THREADS);
    if (POOL.getCorePoolSize() >= want) {
      return;
    }
    synchronized (WorkerPool.class) {
      if (POOL.getCorePoolSize() < want) {
        POOL.setCorePoolSize(want);
        POOL.prestartAllCoreThreads();
      }
    }
  }

  static void execute(Runnable r) {
    POOL.execute(r);
  }

  /** Threads in the pool (tests). */
  static int size() {
    return POOL.getPoolSize();
  }
}
