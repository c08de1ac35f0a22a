package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ScalarKind;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Integer {@code pow(base, exp)} by squaring, wrapping or checked (docs/weld-ir.md 4.2): a negative exponent gives 1
 * for base 1, +-1 for base -1, DIVIDE_BY_ZERO for base 0, else 0. Emitted once per type as a helper returning
 * {@code {value, i64 error code}}.
 */
final class IntPow {
  private IntPow() {}

  static LLVMValueRef emit(Emitter em, ScalarKind k, Expr e, LLVMValueRef a, LLVMValueRef b) {
    boolean checked = em.checked(e);
    LLVMValueRef fn = helper(em.cg, k, checked);
    Ir ir = em.ir;
    LLVMTypeRef t = em.types.scalar(k);
    LLVMTypeRef fnType = ir.fnType(ir.struct(t, ir.i64()), t, t);
    return Lanes.map(em, a, b, (x, y) -> {
      LLVMValueRef r = ir.call(fnType, fn, x, y);
      em.failIfCode(ir.extract(r, 1));
      return ir.extract(r, 0);
    });
  }

  private static LLVMValueRef helper(CodegenModule cg, ScalarKind k, boolean checked) {
    Ir ir = cg.ir;
    LLVMTypeRef t = cg.types.scalar(k);
    LLVMTypeRef resT = ir.struct(t, ir.i64());
    return cg.helper("weld.ipow." + k + (checked ? ".checked" : ""), ir.fnType(resT, t, t), f -> {
      LLVMValueRef base = LLVMGetParam(f, 0);
      LLVMValueRef exp = LLVMGetParam(f, 1);
      LLVMValueRef zero = LLVMConstNull(t);
      LLVMValueRef one = LLVMConstInt(t, 1, 0);
      LLVMBasicBlockRef negative = ir.block("negative");
      LLVMBasicBlockRef loop = ir.block("loop");
      LLVMBasicBlockRef overflow = ir.block("overflow");
      LLVMBasicBlockRef done = ir.block("done");
      LLVMBasicBlockRef entry = ir.current();
      if (k.isSigned()) {
        ir.condBr(ir.icmp(LLVMIntSLT, exp, zero), negative, loop);
      } else {
        ir.br(loop);
      }
      // Loop: r *= base when the low exponent bit is set; base *= base while bits remain.
      ir.at(loop);
      LLVMValueRef r = ir.phi(t, "r");
      LLVMValueRef bs = ir.phi(t, "b");
      LLVMValueRef ex = ir.phi(t, "e");
      Ir.incoming(r, one, entry);
      Ir.incoming(bs, base, entry);
      Ir.incoming(ex, exp, entry);
      LLVMBasicBlockRef step = ir.block("step");
      ir.condBr(ir.icmp(LLVMIntEQ, ex, zero), done, step);
      ir.at(step);
      LLVMValueRef odd = ir.icmp(LLVMIntNE, ir.and(ex, one), zero);
      LLVMValueRef[] rm = mul(ir, k, checked, r, bs, t);
      LLVMValueRef r2 = ir.select(odd, rm[0], r);
      LLVMValueRef ovf1 = checked ? ir.and(odd, rm[1]) : ir.bool(false);
      LLVMValueRef ex2 = LLVMBuildLShr(ir.b, ex, one, "");
      LLVMValueRef[] bm = mul(ir, k, checked, bs, bs, t);
      LLVMValueRef more = ir.icmp(LLVMIntNE, ex2, zero);
      LLVMValueRef ovf2 = checked ? ir.and(more, bm[1]) : ir.bool(false);
      LLVMBasicBlockRef next = ir.block("next");
      ir.condBr(ir.or(ovf1, ovf2), overflow, next);
      ir.at(next);
      Ir.incoming(r, r2, next);
      Ir.incoming(bs, bm[0], next);
      Ir.incoming(ex, ex2, next);
      ir.br(loop);

      ir.at(overflow);
      LLVMBuildRet(ir.b, ir.aggregate(resT, zero, ir.i64(ErrorKind.INTEGER_OVERFLOW.code())));

      ir.at(done);
      LLVMBuildRet(ir.b, ir.aggregate(resT, r, ir.i64(0)));

      ir.at(negative);
      LLVMBasicBlockRef zeroBase = ir.block("zerobase");
      LLVMBasicBlockRef nonZero = ir.block("nonzero");
      ir.condBr(ir.icmp(LLVMIntEQ, base, zero), zeroBase, nonZero);
      ir.at(zeroBase);
      LLVMBuildRet(ir.b, ir.aggregate(resT, zero, ir.i64(ErrorKind.DIVIDE_BY_ZERO.code())));
      ir.at(nonZero);
      LLVMValueRef minusOne = LLVMConstAllOnes(t);
      LLVMValueRef expOdd = ir.icmp(LLVMIntNE, ir.and(exp, one), zero);
      LLVMValueRef forMinusOne = ir.select(expOdd, minusOne, one);
      LLVMValueRef v = ir.select(ir.icmp(LLVMIntEQ, base, one), one,
          ir.select(ir.icmp(LLVMIntEQ, base, minusOne), forMinusOne, zero));
      LLVMBuildRet(ir.b, ir.aggregate(resT, v, ir.i64(0)));
    });
  }

  private static LLVMValueRef[] mul(Ir ir, ScalarKind k, boolean checked, LLVMValueRef x, LLVMValueRef y,
      LLVMTypeRef t) {
    if (!checked) {
      return new LLVMValueRef[] {LLVMBuildMul(ir.b, x, y, ""), ir.bool(false)};
    }
    LLVMValueRef r = ir.callIntrinsic(k.isSigned() ? "llvm.smul.with.overflow" : "llvm.umul.with.overflow",
        new LLVMTypeRef[] {t}, x, y);
    return new LLVMValueRef[] {ir.extract(r, 0), ir.extract(r, 1)};
  }
}
