package dev.sparkweld.runtime.memory;

import java.util.List;

/**
 * Names of the runtime functions kernels may call (docs/abi.md, "Runtime functions"). Declare them in a kernel module
 * with these exact signatures; the JIT engine resolves them.
 */
public final class RuntimeSymbols {
  private RuntimeSymbols() {}

  /** {@code ptr weld_rt_alloc(ptr ctx, i32 worker, i64 size)}: null + MEMORY_LIMIT in the context on failure. */
  public static final String ALLOC = "weld_rt_alloc";
  /** {@code ptr weld_rt_realloc(ptr ctx, i32 worker, ptr p, i64 size)}: null on failure, p stays valid. */
  public static final String REALLOC = "weld_rt_realloc";
  /** {@code void weld_rt_free(ptr ctx, i32 worker, ptr p)}: p may be null. */
  public static final String FREE = "weld_rt_free";
  /** {@code i64 weld_rt_set_error(ptr ctx, i64 code, i64 detail0, i64 detail1)}: records the first error. */
  public static final String SET_ERROR = "weld_rt_set_error";
  /** Kernel-shaped, called by RunContext: stores the JavaVM* in the context. */
  public static final String INIT = "weld_rt_init";
  /** Kernel-shaped, called by RunContext.close(): frees every live block, returns how many. */
  public static final String RELEASE_ALL = "weld_rt_release_all";

  /**
   * {@code i32 weld_rt_parallel_for(ptr ctx, ptr fn, ptr task, i64 participants)}: runs a parallel loop's worker
   * function on {@code participants} threads (the caller included) and returns 1, or 0 if it could not.
   */
  public static final String PARALLEL_FOR = "weld_rt_parallel_for";

  public static final List<String> ALL = List.of(ALLOC, REALLOC, FREE, SET_ERROR, INIT, RELEASE_ALL, PARALLEL_FOR);
}
