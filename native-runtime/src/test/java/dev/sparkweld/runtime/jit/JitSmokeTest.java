package dev.sparkweld.runtime.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.bridge.NativeBridge;
import dev.sparkweld.runtime.llvm.IrModule;
import org.bytedeco.llvm.LLVM.LLVMValueRef;
import org.junit.jupiter.api.Test;

class JitSmokeTest {
  @Test
  void compilesAndCalls() {
    NativeBridge.bind();
    try (JitEngine jit = new JitEngine(java.util.Map.of()); IrModule m = new IrModule("t")) {
      LLVMValueRef fn = m.define("kernel", m.fnType(m.i64, m.ptr, m.i64, m.i64));
      LLVMBuildRet(m.builder(), LLVMBuildAdd(m.builder(), m.param(fn, 1), m.param(fn, 2), ""));
      CompiledCode code = jit.compile(m.module(), JitOptions.defaults().withDump(true));
      System.out.println(code.stats());
      System.out.println(code.dump().assembly());
      assertThat(NativeBridge.call(code.address("kernel"), 40, 2)).isEqualTo(42);
    }
  }
}
