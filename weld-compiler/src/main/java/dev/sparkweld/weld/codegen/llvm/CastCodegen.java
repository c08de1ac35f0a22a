package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.Type;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Scalar casts (docs/weld-ir.md 4.3): integer truncation/extension by source signedness, correctly rounded
 * int-to-float, saturating float-to-int with NaN to 0, and the checked variants that fail with INTEGER_OVERFLOW.
 */
final class CastCodegen {
  private final Emitter em;
  private final Ir ir;

  CastCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  LLVMValueRef cast(Expr e, Type from, ScalarKind to, LLVMValueRef v) {
    ScalarKind src = NumericCodegen.kindOf(from);
    LLVMTypeRef target = em.types.scalar(to);
    if (src == to) {
      return v;
    }
    if (to == ScalarKind.BOOL) {
      return src.isFloat() ? LLVMBuildFCmp(ir.b, LLVMRealUNE, v, LLVMConstReal(LLVMTypeOf(v), 0.0), "")
          : ir.icmp(LLVMIntNE, v, LLVMConstNull(LLVMTypeOf(v)));
    }
    if (src == ScalarKind.BOOL) {
      return to.isFloat() ? LLVMBuildUIToFP(ir.b, v, target, "") : ir.zext(v, target);
    }
    if (src.isFloat() && to.isFloat()) {
      return to.bits() > src.bits() ? LLVMBuildFPExt(ir.b, v, target, "") : LLVMBuildFPTrunc(ir.b, v, target, "");
    }
    if (!src.isFloat() && to.isFloat()) {
      if (src == ScalarKind.I128) {
        return Int128Codegen.toFloat(em, v, true, target);
      }
      return src.isSigned() ? LLVMBuildSIToFP(ir.b, v, target, "") : LLVMBuildUIToFP(ir.b, v, target, "");
    }
    if (src.isFloat()) {
      return floatToInt(e, src, to, v, target);
    }
    return intToInt(e, src, to, v, target);
  }

  private LLVMValueRef intToInt(Expr e, ScalarKind src, ScalarKind to, LLVMValueRef v, LLVMTypeRef target) {
    LLVMValueRef r = LLVMBuildIntCast2(ir.b, v, target, src.isSigned() ? 1 : 0, "");
    if (em.checked(e)) {
      LLVMValueRef back = LLVMBuildIntCast2(ir.b, r, LLVMTypeOf(v), to.isSigned() ? 1 : 0, "");
      LLVMValueRef changed = ir.icmp(LLVMIntNE, back, v);
      if (src.isSigned() && !to.isSigned()) {
        changed = ir.or(changed, ir.icmp(LLVMIntSLT, v, LLVMConstNull(LLVMTypeOf(v))));
      } else if (!src.isSigned() && to.isSigned()) {
        changed = ir.or(changed, ir.icmp(LLVMIntSLT, r, LLVMConstNull(target)));
      }
      em.failIf(NumericUtil.any(ir, changed), ErrorKind.INTEGER_OVERFLOW);
    }
    return r;
  }

  private LLVMValueRef floatToInt(Expr e, ScalarKind src, ScalarKind to, LLVMValueRef v, LLVMTypeRef target) {
    LLVMTypeRef ft = LLVMTypeOf(v);
    if (em.checked(e)) {
      LLVMValueRef t = ir.callIntrinsic("llvm.trunc", new LLVMTypeRef[] {ft}, v);
      double lo = to.isSigned() ? -Math.pow(2, to.bits() - 1) : 0.0;
      double hi = Math.pow(2, to.isSigned() ? to.bits() - 1 : to.bits());
      LLVMValueRef ok = ir.and(LLVMBuildFCmp(ir.b, LLVMRealOGE, t, splat(ft, lo), ""),
          LLVMBuildFCmp(ir.b, LLVMRealOLT, t, splat(ft, hi), ""));
      em.failIf(NumericUtil.any(ir, LLVMBuildNot(ir.b, ok, "")), ErrorKind.INTEGER_OVERFLOW);
    }
    if (to == ScalarKind.I128) {
      return Int128Codegen.fromFloat(em, v, true, ft);
    }
    String sat = to.isSigned() ? "llvm.fptosi.sat" : "llvm.fptoui.sat";
    return ir.callIntrinsic(sat, new LLVMTypeRef[] {target, ft}, v);
  }

  private LLVMValueRef splat(LLVMTypeRef t, double v) {
    return LLVMConstReal(t, v);
  }
}
