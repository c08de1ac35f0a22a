package dev.sparkweld.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkweld.runtime.jit.CompiledCode;
import dev.sparkweld.runtime.jit.JitEngine;
import dev.sparkweld.runtime.jit.JitOptions;
import dev.sparkweld.runtime.llvm.IrModule;
import dev.sparkweld.runtime.testing.TestKernels;
import org.bytedeco.javacpp.LongPointer;
import org.junit.jupiter.api.Test;

class RunContextSmokeTest {
  @Test
  void allocatesAndFails() {
    try (JitEngine jit = JitEngine.create(); IrModule m = new IrModule("k")) {
      TestKernels k = new TestKernels(m);
      k.allocate("alloc");
      k.allocReallocFree("arf", 0);
      CompiledCode code = jit.compile(m.module(), JitOptions.defaults());
      try (RunContext ctx = RunContext.create(10_000_000); LongPointer args = new LongPointer(3)) {
        args.put(0, 1000).put(1, 100).put(2, 0);
        ctx.run(code.address("alloc"), args.address());
        System.out.println(ctx + " blocks " + args.get(2) + " peak " + ctx.peakReservedBytes());
        args.put(0, 1000);
        ctx.run(code.address("arf"), args.address());
        System.out.println(ctx + " allocations " + ctx.allocations());
        args.put(0, 1_000_000).put(1, 100).put(2, 0);
        assertThatThrownBy(() -> ctx.run(code.address("alloc"), args.address()))
            .isInstanceOf(WeldRuntimeException.class).hasMessageContaining("limit");
        System.out.println(ctx + " blocks " + args.get(2));
        ctx.close();
        assertThat(ctx.bytesInUse()).isZero();
      }
    }
  }
}
