package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * i128 operations that LLVM would lower to compiler-rt/libgcc calls ({@code __divti3}, {@code __floattidf},
 * {@code __fixdfti}), which not every JVM process exports (Temurin's libjvm does not link libgcc_s): we emit our own.
 */
final class Int128Codegen {
  private Int128Codegen() {}

  /** Signed division; d is neither 0 nor (with n == MIN) -1. */
  static LLVMValueRef sdiv(Emitter em, LLVMValueRef n, LLVMValueRef d) {
    Ir ir = em.ir;
    LLVMValueRef zero = LLVMConstNull(ir.i128());
    LLVMValueRef nNeg = ir.icmp(LLVMIntSLT, n, zero);
    LLVMValueRef dNeg = ir.icmp(LLVMIntSLT, d, zero);
    LLVMValueRef qr = udivmod(em, abs(ir, n), abs(ir, d));
    LLVMValueRef q = ir.extract(qr, 0);
    return ir.select(LLVMBuildXor(ir.b, nNeg, dNeg, ""), LLVMBuildNeg(ir.b, q, ""), q);
  }

  /** Signed remainder with the sign of the dividend. */
  static LLVMValueRef srem(Emitter em, LLVMValueRef n, LLVMValueRef d) {
    Ir ir = em.ir;
    LLVMValueRef zero = LLVMConstNull(ir.i128());
    LLVMValueRef nNeg = ir.icmp(LLVMIntSLT, n, zero);
    LLVMValueRef qr = udivmod(em, abs(ir, n), abs(ir, d));
    LLVMValueRef r = ir.extract(qr, 1);
    return ir.select(nNeg, LLVMBuildNeg(ir.b, r, ""), r);
  }

  private static LLVMValueRef abs(Ir ir, LLVMValueRef v) {
    LLVMValueRef neg = ir.icmp(LLVMIntSLT, v, LLVMConstNull(ir.i128()));
    return ir.select(neg, LLVMBuildNeg(ir.b, v, ""), v);
  }

  /** {quotient, remainder} of unsigned 128-bit values, b != 0. */
  static LLVMValueRef udivmod(Emitter em, LLVMValueRef a, LLVMValueRef b) {
    Ir ir = em.ir;
    LLVMTypeRef t = ir.i128();
    LLVMTypeRef resT = ir.struct(t, t);
    LLVMValueRef fn = em.cg.helper("weld.udivmod128", ir.fnType(resT, t, t), f -> {
      LLVMValueRef x = LLVMGetParam(f, 0);
      LLVMValueRef y = LLVMGetParam(f, 1);
      LLVMValueRef c64 = LLVMConstInt(t, 64, 0);
      LLVMBasicBlockRef small = ir.block("small");
      LLVMBasicBlockRef big = ir.block("big");
      // Both fit in 64 bits: one hardware division.
      LLVMValueRef fits = ir.icmp(LLVMIntEQ, LLVMBuildLShr(ir.b, ir.or(x, y), c64, ""), LLVMConstNull(t));
      ir.condBr(fits, small, big);
      ir.at(small);
      LLVMValueRef x64 = ir.trunc(x, ir.i64());
      LLVMValueRef y64 = ir.trunc(y, ir.i64());
      LLVMValueRef q64 = LLVMBuildUDiv(ir.b, x64, y64, "");
      LLVMValueRef r64 = LLVMBuildURem(ir.b, x64, y64, "");
      LLVMBuildRet(ir.b, ir.aggregate(resT, ir.zext(q64, t), ir.zext(r64, t)));
      // Otherwise restoring shift-subtract over the bits where the quotient can be non-zero.
      ir.at(big);
      LLVMValueRef clzX = ir.callIntrinsic("llvm.ctlz", new LLVMTypeRef[] {t}, x, ir.bool(false));
      LLVMValueRef clzY = ir.callIntrinsic("llvm.ctlz", new LLVMTypeRef[] {t}, y, ir.bool(false));
      LLVMBasicBlockRef trivial = ir.block("trivial");
      LLVMBasicBlockRef setup = ir.block("setup");
      ir.condBr(ir.icmp(LLVMIntUGT, clzY, clzX), setup, trivial);
      ir.at(trivial);
      // y has at least as many significant bits as x: quotient 0 or 1.
      LLVMValueRef ge = ir.icmp(LLVMIntUGE, x, y);
      LLVMBuildRet(ir.b, ir.aggregate(resT, ir.zext(ge, t), ir.select(ge, LLVMBuildSub(ir.b, x, y, ""), x)));
      ir.at(setup);
      LLVMValueRef shift = LLVMBuildSub(ir.b, clzY, clzX, "");
      LLVMValueRef ys = LLVMBuildShl(ir.b, y, shift, "");
      LLVMBasicBlockRef loop = ir.block("loop");
      LLVMBasicBlockRef out = ir.block("out");
      ir.br(loop);
      ir.at(loop);
      LLVMValueRef rem = ir.phi(t, "rem");
      LLVMValueRef quo = ir.phi(t, "quo");
      LLVMValueRef div = ir.phi(t, "div");
      LLVMValueRef cnt = ir.phi(t, "cnt");
      Ir.incoming(rem, x, setup);
      Ir.incoming(quo, LLVMConstNull(t), setup);
      Ir.incoming(div, ys, setup);
      Ir.incoming(cnt, shift, setup);
      LLVMValueRef take = ir.icmp(LLVMIntUGE, rem, div);
      LLVMValueRef rem2 = ir.select(take, LLVMBuildSub(ir.b, rem, div, ""), rem);
      LLVMValueRef quo2 = ir.or(LLVMBuildShl(ir.b, quo, LLVMConstInt(t, 1, 0), ""), ir.zext(take, t));
      LLVMValueRef div2 = LLVMBuildLShr(ir.b, div, LLVMConstInt(t, 1, 0), "");
      LLVMValueRef cnt2 = LLVMBuildSub(ir.b, cnt, LLVMConstInt(t, 1, 0), "");
      LLVMValueRef again = ir.icmp(LLVMIntSGE, cnt2, LLVMConstNull(t));
      Ir.incoming(rem, rem2, loop);
      Ir.incoming(quo, quo2, loop);
      Ir.incoming(div, div2, loop);
      Ir.incoming(cnt, cnt2, loop);
      ir.condBr(again, loop, out);
      ir.at(out);
      LLVMBuildRet(ir.b, ir.aggregate(resT, quo2, rem2));
    });
    return ir.call(ir.fnType(resT, t, t), fn, a, b);
  }

  /**
   * i128 to float, correctly rounded: values of at most 64 significant bits convert directly; wider ones are shifted
   * right with the lost bits folded into a sticky bit, converted, and scaled back exactly.
   */
  static LLVMValueRef toFloat(Emitter em, LLVMValueRef v, boolean signed, LLVMTypeRef ft) {
    Ir ir = em.ir;
    LLVMTypeRef t = ir.i128();
    String name = "weld.i128tofp." + (signed ? "s" : "u") + (ft.equals(ir.f32()) ? "f32" : "f64");
    LLVMValueRef fn = em.cg.helper(name, ir.fnType(ft, t), f -> {
      LLVMValueRef x = LLVMGetParam(f, 0);
      LLVMValueRef neg = signed ? ir.icmp(LLVMIntSLT, x, LLVMConstNull(t)) : ir.bool(false);
      LLVMValueRef mag = ir.select(neg, LLVMBuildNeg(ir.b, x, ""), x);
      LLVMValueRef clz = ir.callIntrinsic("llvm.ctlz", new LLVMTypeRef[] {t}, mag, ir.bool(false));
      // shift = max(0, 64 - clz64) where significant bits = 128 - clz; keep 64 bits.
      LLVMValueRef sig = LLVMBuildSub(ir.b, LLVMConstInt(t, 128, 0), clz, "");
      LLVMValueRef over = ir.icmp(LLVMIntUGT, sig, LLVMConstInt(t, 64, 0));
      LLVMValueRef shift = ir.select(over, LLVMBuildSub(ir.b, sig, LLVMConstInt(t, 64, 0), ""), LLVMConstNull(t));
      LLVMValueRef shifted = LLVMBuildLShr(ir.b, mag, shift, "");
      LLVMValueRef lostMask = LLVMBuildSub(ir.b, LLVMBuildShl(ir.b, LLVMConstInt(t, 1, 0), shift, ""),
          LLVMConstInt(t, 1, 0), "");
      LLVMValueRef sticky = ir.icmp(LLVMIntNE, ir.and(mag, lostMask), LLVMConstNull(t));
      LLVMValueRef low = ir.or(ir.trunc(shifted, ir.i64()), ir.zext(sticky, ir.i64()));
      LLVMValueRef f64 = LLVMBuildUIToFP(ir.b, low, ft, "");
      LLVMValueRef scale = ir.callIntrinsic("llvm.ldexp", new LLVMTypeRef[] {ft, ir.i32()}, f64,
          ir.trunc(shift, ir.i32()));
      LLVMBuildRet(ir.b, ir.select(neg, LLVMBuildFNeg(ir.b, scale, ""), scale));
    });
    return Lanes.map(em, v, x -> ir.call(ir.fnType(ft, t), fn, x));
  }

  /** Float to i128 truncating toward zero, saturating, NaN to 0. */
  static LLVMValueRef fromFloat(Emitter em, LLVMValueRef v, boolean signed, LLVMTypeRef ft) {
    Ir ir = em.ir;
    LLVMTypeRef t = ir.i128();
    String name = "weld.fptoi128." + (signed ? "s" : "u") + (ft.equals(ir.f32()) ? "f32" : "f64");
    LLVMValueRef fn = em.cg.helper(name, ir.fnType(t, ft), f -> {
      LLVMValueRef x = ir.callIntrinsic("llvm.trunc", new LLVMTypeRef[] {ft}, LLVMGetParam(f, 0));
      LLVMValueRef isNan = LLVMBuildFCmp(ir.b, LLVMRealUNO, x, x, "");
      LLVMValueRef lim = LLVMConstReal(ft, signed ? 0x1p127 : 0x1p128);
      LLVMValueRef tooBig = LLVMBuildFCmp(ir.b, LLVMRealOGE, x, lim, "");
      LLVMValueRef tooSmall = signed ? LLVMBuildFCmp(ir.b, LLVMRealOLT, x, LLVMConstReal(ft, -0x1p127), "")
          : LLVMBuildFCmp(ir.b, LLVMRealOLT, x, LLVMConstReal(ft, 0.0), "");
      LLVMValueRef neg = LLVMBuildFCmp(ir.b, LLVMRealOLT, x, LLVMConstReal(ft, 0.0), "");
      LLVMValueRef mag = ir.callIntrinsic("llvm.fabs", new LLVMTypeRef[] {ft}, x);
      // mag = hi * 2^64 + lo with both parts exact (mag < 2^128 and integral here).
      LLVMValueRef two64 = LLVMConstReal(ft, 0x1p64);
      LLVMValueRef hiF = ir.callIntrinsic("llvm.trunc", new LLVMTypeRef[] {ft}, LLVMBuildFDiv(ir.b, mag, two64, ""));
      LLVMValueRef loF = LLVMBuildFSub(ir.b, mag, LLVMBuildFMul(ir.b, hiF, two64, ""), "");
      LLVMValueRef hi = ir.callIntrinsic("llvm.fptoui.sat", new LLVMTypeRef[] {ir.i64(), ft}, hiF);
      LLVMValueRef lo = ir.callIntrinsic("llvm.fptoui.sat", new LLVMTypeRef[] {ir.i64(), ft}, loF);
      LLVMValueRef m = ir.or(LLVMBuildShl(ir.b, ir.zext(hi, t), LLVMConstInt(t, 64, 0), ""), ir.zext(lo, t));
      LLVMValueRef val = ir.select(neg, LLVMBuildNeg(ir.b, m, ""), m);
      LLVMValueRef max = signed ? ir.i128(-1, Long.MAX_VALUE) : ir.i128(-1, -1);
      LLVMValueRef min = signed ? ir.i128(0, Long.MIN_VALUE) : LLVMConstNull(t);
      LLVMValueRef r = ir.select(isNan, LLVMConstNull(t), ir.select(tooBig, max, ir.select(tooSmall, min, val)));
      LLVMBuildRet(ir.b, r);
    });
    return Lanes.map(em, v, x -> ir.call(ir.fnType(t, ft), fn, x));
  }
}
