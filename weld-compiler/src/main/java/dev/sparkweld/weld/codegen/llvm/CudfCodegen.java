package dev.sparkweld.weld.codegen.llvm;

import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Expr;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * {@code cudf[name, T](args)}: calls {@code void name(A1*, ..., An*, T*)} (docs/weld-ir.md 4.6) with each argument
 * and the result in stack slots laid out as in docs/abi.md. The JIT resolves {@code name} among registered UDFs and
 * process symbols.
 */
final class CudfCodegen {
  private final Emitter em;
  private final Ir ir;

  CudfCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  LLVMValueRef call(Expr e, Cudf k) {
    int n = k.args().size();
    LLVMValueRef[] ptrs = new LLVMValueRef[n + 1];
    LLVMTypeRef[] ptrTypes = new LLVMTypeRef[n + 1];
    for (int i = 0; i < n; i++) {
      Expr a = k.args().get(i);
      LLVMValueRef slot = ir.entryAlloca(em.types.mem(a.type()));
      em.types.store(a.type(), em.emit(a), slot);
      ptrs[i] = slot;
      ptrTypes[i] = ir.ptr();
    }
    LLVMValueRef out = ir.entryAlloca(em.types.mem(k.returnType()));
    ptrs[n] = out;
    ptrTypes[n] = ir.ptr();
    LLVMTypeRef fnType = ir.fnType(ir.voidT(), ptrTypes);
    ir.call(fnType, ir.declare(k.symbol(), fnType), ptrs);
    return em.types.load(k.returnType(), out);
  }
}
