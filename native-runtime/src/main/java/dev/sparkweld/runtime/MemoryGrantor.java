package dev.sparkweld.runtime;

/**
 * Where a run's memory comes from when an embedding manages memory (in Spark: the task's TaskMemoryManager). The
 * runtime asks for at least 1 MiB at a time, only when the run's current grant is used up, so calls are rare; at
 * {@link RunContext#close()} everything granted is released in one call.
 *
 * <p>{@link #acquire} is called from native code on the thread running the kernel (a JNI upcall), possibly from
 * several worker threads at once: implementations must be thread-safe. An exception thrown by {@code acquire} counts
 * as a refusal and becomes the cause of the run's MEMORY_LIMIT error.
 */
public interface MemoryGrantor {
  /** Grants {@code bytes} more to the run, or refuses. */
  boolean acquire(long bytes);

  /** Takes back {@code bytes} previously granted. */
  void release(long bytes);
}
