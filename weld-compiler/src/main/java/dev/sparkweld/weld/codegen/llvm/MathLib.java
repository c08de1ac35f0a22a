package dev.sparkweld.weld.codegen.llvm;

import dev.sparkweld.weld.ir.ScalarKind;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** Calls into the C math library for functions LLVM has no intrinsic for. */
final class MathLib {
  private MathLib() {}

  static LLVMValueRef erf(Emitter em, ScalarKind k, LLVMValueRef v) {
    Ir ir = em.ir;
    boolean single = k == ScalarKind.F32;
    LLVMTypeRef ft = single ? ir.f32() : ir.f64();
    LLVMTypeRef fnType = ir.fnType(ft, ft);
    LLVMValueRef fn = ir.declare(single ? "erff" : "erf", fnType);
    return Lanes.map(em, v, x -> ir.call(fnType, fn, x));
  }
}
