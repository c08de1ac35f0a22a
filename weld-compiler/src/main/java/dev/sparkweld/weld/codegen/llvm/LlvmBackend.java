package dev.sparkweld.weld.codegen.llvm;

import dev.sparkweld.runtime.jit.CompiledCode;
import dev.sparkweld.runtime.jit.JitEngine;
import dev.sparkweld.runtime.jit.JitOptions;
import dev.sparkweld.runtime.jit.OptLevel;
import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.StructType;

/**
 * Typed IR to a native kernel: lower the program into a fresh LLVM module (one context per compilation, so compiles
 * on several threads never share LLVM state), then verify, optimize and JIT it. The module and its context are
 * disposed before returning; only the machine code lives on, in the returned kernel.
 */
public final class LlvmBackend {
  private LlvmBackend() {}

  /** A compiled program: its code, the address of {@code weld_kernel}, and the layout of its argument block. */
  public record NativeKernel(CompiledCode code, long entry, StructType argsType) implements AutoCloseable {
    @Override
    public void close() {
      code.close();
    }
  }

  public static NativeKernel compile(TypedProgram program, WeldConf conf, JitEngine engine, boolean dump) {
    JitOptions options = new JitOptions(level(conf.get(WeldConf.OPT_LEVEL)), level(conf.get(WeldConf.CODEGEN_LEVEL)),
        dump);
    try (CodegenModule cg = new CodegenModule("weld", conf, null, null)) {
      KernelCodegen.emit(cg, program);
      CompiledCode code = engine.compile(cg.module, options);
      return new NativeKernel(code, code.address(KernelCodegen.ENTRY), KernelCodegen.argsType(program));
    }
  }

  private static OptLevel level(int n) {
    return OptLevel.values()[n];
  }
}
