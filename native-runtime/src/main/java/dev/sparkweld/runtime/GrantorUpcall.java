package dev.sparkweld.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The object native code upcalls ({@code acquire(J)Z}, looked up by name through JNI: keep name and signature). It
 * counts what was granted, so close() can give it all back, and turns exceptions into refusals, because a Java
 * exception must not stay pending while native code keeps running.
 */
final class GrantorUpcall {
  private final MemoryGrantor grantor;
  private final AtomicLong granted = new AtomicLong();
  private volatile Throwable failure;

  GrantorUpcall(MemoryGrantor grantor) {
    this.grantor = grantor;
  }

  /** Called from native code. */
  boolean acquire(long bytes) {
    try {
      if (grantor.acquire(bytes)) {
        granted.addAndGet(bytes);
        return true;
      }
      return false;
    } catch (Throwable t) {
      if (failure == null) {
        failure = t;
      }
      return false;
    }
  }

  long granted() {
    return granted.get();
  }

  Throwable failure() {
    return failure;
  }

  void releaseAll() {
    long bytes = granted.getAndSet(0);
    if (bytes > 0) {
      grantor.release(bytes);
    }
  }
}
