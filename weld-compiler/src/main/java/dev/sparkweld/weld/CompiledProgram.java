package dev.sparkweld.weld;

import dev.sparkweld.weld.opt.OptimizerStats;
import dev.sparkweld.runtime.jit.CompileStats;
import dev.sparkweld.weld.codegen.llvm.LlvmBackend.NativeKernel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typed program with its machine code, shared by every {@link WeldModule} handle compiled from the same text and
 * by the compile cache. Reference counted: the code is freed when the last holder lets go, so evicting a program
 * from the cache never pulls code from under a running kernel.
 */
final class CompiledProgram {
  final TypedProgram program;
  final NativeKernel kernel;
  final long frontEndNanos;
  final OptimizerStats optimizerStats;
  private final AtomicInteger refs = new AtomicInteger(1);

  CompiledProgram(TypedProgram program, NativeKernel kernel, long frontEndNanos, OptimizerStats optimizerStats) {
    this.program = program;
    this.kernel = kernel;
    this.frontEndNanos = frontEndNanos;
    this.optimizerStats = optimizerStats;
  }

  CompileStats stats() {
    return kernel.code().stats();
  }

  /** Takes a reference; false if the program was already freed. */
  boolean retain() {
    while (true) {
      int n = refs.get();
      if (n == 0) {
        return false;
      }
      if (refs.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void release() {
    int n = refs.decrementAndGet();
    if (n == 0) {
      kernel.close();
    } else if (n < 0) {
      throw new IllegalStateException("released more often than retained");
    }
  }
}
