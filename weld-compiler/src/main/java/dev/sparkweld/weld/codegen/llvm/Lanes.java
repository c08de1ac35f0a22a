package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** Applies a scalar code generator lane by lane when its operands are simd vectors (no vector form exists). */
final class Lanes {
  private Lanes() {}

  static LLVMValueRef map(Emitter em, LLVMValueRef v, UnaryOperator<LLVMValueRef> f) {
    LLVMTypeRef t = LLVMTypeOf(v);
    if (LLVMGetTypeKind(t) != LLVMVectorTypeKind) {
      return f.apply(v);
    }
    Ir ir = em.ir;
    LLVMValueRef out = null;
    int n = LLVMGetVectorSize(t);
    for (int i = 0; i < n; i++) {
      LLVMValueRef lane = f.apply(LLVMBuildExtractElement(ir.b, v, ir.i32(i), ""));
      if (out == null) {
        out = LLVMGetUndef(LLVMVectorType(LLVMTypeOf(lane), n));
      }
      out = LLVMBuildInsertElement(ir.b, out, lane, ir.i32(i), "");
    }
    return out;
  }

  static LLVMValueRef map(Emitter em, LLVMValueRef a, LLVMValueRef b, BinaryOperator<LLVMValueRef> f) {
    LLVMTypeRef t = LLVMTypeOf(a);
    if (LLVMGetTypeKind(t) != LLVMVectorTypeKind) {
      return f.apply(a, b);
    }
    Ir ir = em.ir;
    LLVMValueRef out = null;
    int n = LLVMGetVectorSize(t);
    for (int i = 0; i < n; i++) {
      LLVMValueRef lane = f.apply(LLVMBuildExtractElement(ir.b, a, ir.i32(i), ""),
          LLVMBuildExtractElement(ir.b, b, ir.i32(i), ""));
      if (out == null) {
        out = LLVMGetUndef(LLVMVectorType(LLVMTypeOf(lane), n));
      }
      out = LLVMBuildInsertElement(ir.b, out, lane, ir.i32(i), "");
    }
    return out;
  }
}
