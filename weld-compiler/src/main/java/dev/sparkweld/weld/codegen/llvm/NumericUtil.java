package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** Small shared helpers over i1 values that may be simd masks. */
final class NumericUtil {
  private NumericUtil() {}

  /** A scalar i1 that is true if any lane of an i1 or vector-of-i1 value is true. */
  static LLVMValueRef any(Ir ir, LLVMValueRef cond) {
    LLVMTypeRef t = LLVMTypeOf(cond);
    if (LLVMGetTypeKind(t) == LLVMVectorTypeKind) {
      return ir.callIntrinsic("llvm.vector.reduce.or", new LLVMTypeRef[] {t}, cond);
    }
    return cond;
  }
}
