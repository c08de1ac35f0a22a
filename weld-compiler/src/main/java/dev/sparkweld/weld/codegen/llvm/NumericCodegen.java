package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnaryOpKind;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Literals and arithmetic on scalars and on simd values lane-wise (docs/weld-ir.md 4.2): wrapping or checked integer
 * arithmetic, division with zero and {@code MIN / -1} handling, NaN-propagating float min/max, shifts modulo the
 * width, integer pow, and the math functions.
 */
final class NumericCodegen {
  private final Emitter em;
  private final Ir ir;

  NumericCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  static ScalarKind kindOf(Type t) {
    if (t instanceof ScalarType s) {
      return s.kind();
    }
    if (t instanceof SimdType s) {
      return s.elem();
    }
    throw new IllegalStateException("not a scalar or simd type: " + t);
  }

  LLVMValueRef literal(Literal k) {
    LLVMTypeRef t = em.types.scalar(k.kind());
    switch (k.kind()) {
      case BOOL:
        return ir.bool(k.asBoolean());
      case F32:
        return LLVMConstReal(t, k.asFloat());
      case F64:
        return LLVMConstReal(t, k.asDouble());
      case I128:
        return ir.i128(k.bits(), k.high());
      default:
        return LLVMConstInt(t, k.bits(), 0);
    }
  }

  /** A constant of type t (scalar or vector) with every lane equal to v. */
  LLVMValueRef splat(LLVMTypeRef t, long v) {
    if (LLVMGetTypeKind(t) == LLVMVectorTypeKind) {
      int n = LLVMGetVectorSize(t);
      LLVMValueRef lane = LLVMConstInt(LLVMGetElementType(t), v, 1);
      LLVMValueRef[] lanes = new LLVMValueRef[n];
      java.util.Arrays.fill(lanes, lane);
      try (PointerPointer<LLVMValueRef> pp = new PointerPointer<>(lanes)) {
        return LLVMConstVector(pp, n);
      }
    }
    return LLVMConstInt(t, v, 1);
  }

  private LLVMValueRef any(LLVMValueRef cond) {
    return NumericUtil.any(ir, cond);
  }

  private LLVMValueRef minValue(LLVMTypeRef t, ScalarKind k) {
    if (k == ScalarKind.I128) {
      return splatWide(t, 0L, Long.MIN_VALUE);
    }
    return splat(t, Long.MIN_VALUE >> (64 - k.bits()));
  }

  private LLVMValueRef splatWide(LLVMTypeRef t, long lo, long hi) {
    if (LLVMGetTypeKind(t) == LLVMVectorTypeKind) {
      int n = LLVMGetVectorSize(t);
      LLVMValueRef[] lanes = new LLVMValueRef[n];
      java.util.Arrays.fill(lanes, ir.i128(lo, hi));
      try (PointerPointer<LLVMValueRef> pp = new PointerPointer<>(lanes)) {
        return LLVMConstVector(pp, n);
      }
    }
    return ir.i128(lo, hi);
  }

  LLVMValueRef binary(Expr e, BinOpKind op, Type t, LLVMValueRef a, LLVMValueRef b) {
    ScalarKind k = kindOf(t);
    if (k.isFloat()) {
      return floatBinary(op, t, a, b);
    }
    boolean signed = k.isSigned();
    LLVMTypeRef lt = LLVMTypeOf(a);
    switch (op) {
      case ADD:
        return em.checked(e) && k.isInteger() ? overflowing(signed ? "llvm.sadd.with.overflow"
            : "llvm.uadd.with.overflow", lt, a, b) : LLVMBuildAdd(ir.b, a, b, "");
      case SUB:
        return em.checked(e) && k.isInteger() ? overflowing(signed ? "llvm.ssub.with.overflow"
            : "llvm.usub.with.overflow", lt, a, b) : LLVMBuildSub(ir.b, a, b, "");
      case MUL:
        return em.checked(e) && k.isInteger() ? overflowing(signed ? "llvm.smul.with.overflow"
            : "llvm.umul.with.overflow", lt, a, b) : LLVMBuildMul(ir.b, a, b, "");
      case DIV:
      case MOD:
        return divide(e, op == BinOpKind.DIV, k, lt, a, b);
      case MIN:
        return ir.callIntrinsic(signed ? "llvm.smin" : "llvm.umin", new LLVMTypeRef[] {lt}, a, b);
      case MAX:
        return ir.callIntrinsic(signed ? "llvm.smax" : "llvm.umax", new LLVMTypeRef[] {lt}, a, b);
      case POW:
        return IntPow.emit(em, k, e, a, b);
      case BIT_AND:
        return ir.and(a, b);
      case BIT_OR:
        return ir.or(a, b);
      case BIT_XOR:
        return LLVMBuildXor(ir.b, a, b, "");
      case SHL:
      case SHR: {
        LLVMValueRef amount = ir.and(b, splatAmountMask(lt, k));
        if (op == BinOpKind.SHL) {
          return LLVMBuildShl(ir.b, a, amount, "");
        }
        return signed ? LLVMBuildAShr(ir.b, a, amount, "") : LLVMBuildLShr(ir.b, a, amount, "");
      }
      default:
        throw new IllegalStateException("not an arithmetic operator: " + op);
    }
  }

  private LLVMValueRef splatAmountMask(LLVMTypeRef lt, ScalarKind k) {
    return k == ScalarKind.I128 ? splatWide(lt, 127, 0) : splat(lt, k.bits() - 1);
  }

  private LLVMValueRef overflowing(String intrinsic, LLVMTypeRef t, LLVMValueRef a, LLVMValueRef b) {
    LLVMValueRef r = ir.callIntrinsic(intrinsic, new LLVMTypeRef[] {t}, a, b);
    em.failIf(any(ir.extract(r, 1)), ErrorKind.INTEGER_OVERFLOW);
    return ir.extract(r, 0);
  }

  private LLVMValueRef divide(Expr e, boolean div, ScalarKind k, LLVMTypeRef lt, LLVMValueRef n, LLVMValueRef d) {
    LLVMValueRef zero = LLVMConstNull(lt);
    em.failIf(any(ir.icmp(LLVMIntEQ, d, zero)), ErrorKind.DIVIDE_BY_ZERO);
    if (!k.isSigned()) {
      return div ? LLVMBuildUDiv(ir.b, n, d, "") : LLVMBuildURem(ir.b, n, d, "");
    }
    // MIN / -1 overflows (and traps on x86): divide by 1 instead and fix the quotient up to -n, which wraps to MIN.
    LLVMValueRef minusOne = k == ScalarKind.I128 ? splatWide(lt, -1, -1) : splat(lt, -1);
    LLVMValueRef isMinusOne = ir.icmp(LLVMIntEQ, d, minusOne);
    if (em.checked(e)) {
      LLVMValueRef isMin = ir.icmp(LLVMIntEQ, n, minValue(lt, k));
      em.failIf(any(ir.and(isMinusOne, isMin)), ErrorKind.INTEGER_OVERFLOW);
    }
    LLVMValueRef one = k == ScalarKind.I128 ? splatWide(lt, 1, 0) : splat(lt, 1);
    LLVMValueRef safeD = ir.select(isMinusOne, one, d);
    if (k == ScalarKind.I128) {
      LLVMValueRef r = Lanes.map(em, n, safeD,
          (x, y) -> div ? Int128Codegen.sdiv(em, x, y) : Int128Codegen.srem(em, x, y));
      return div ? ir.select(isMinusOne, LLVMBuildNeg(ir.b, n, ""), r) : r;
    }
    if (div) {
      LLVMValueRef q = LLVMBuildSDiv(ir.b, n, safeD, "");
      return ir.select(isMinusOne, LLVMBuildNeg(ir.b, n, ""), q);
    }
    return LLVMBuildSRem(ir.b, n, safeD, "");
  }

  private LLVMValueRef floatBinary(BinOpKind op, Type t, LLVMValueRef a, LLVMValueRef b) {
    LLVMTypeRef lt = LLVMTypeOf(a);
    switch (op) {
      case ADD:
        return LLVMBuildFAdd(ir.b, a, b, "");
      case SUB:
        return LLVMBuildFSub(ir.b, a, b, "");
      case MUL:
        return LLVMBuildFMul(ir.b, a, b, "");
      case DIV:
        return LLVMBuildFDiv(ir.b, a, b, "");
      case MOD:
        return LLVMBuildFRem(ir.b, a, b, "");
      case MIN:
        return ir.callIntrinsic("llvm.minimum", new LLVMTypeRef[] {lt}, a, b);
      case MAX:
        return ir.callIntrinsic("llvm.maximum", new LLVMTypeRef[] {lt}, a, b);
      case POW:
        return ir.callIntrinsic("llvm.pow", new LLVMTypeRef[] {lt}, a, b);
      default:
        throw new IllegalStateException("operator " + op + " on " + t);
    }
  }

  LLVMValueRef negate(Expr e, Type t, LLVMValueRef v) {
    ScalarKind k = kindOf(t);
    if (k.isFloat()) {
      return LLVMBuildFNeg(ir.b, v, "");
    }
    LLVMTypeRef lt = LLVMTypeOf(v);
    if (em.checked(e)) {
      return overflowing(k.isSigned() ? "llvm.ssub.with.overflow" : "llvm.usub.with.overflow", lt,
          LLVMConstNull(lt), v);
    }
    return LLVMBuildNeg(ir.b, v, "");
  }

  LLVMValueRef not(LLVMValueRef v) {
    return LLVMBuildNot(ir.b, v, "");
  }

  LLVMValueRef broadcast(Type simdType, LLVMValueRef scalar) {
    LLVMTypeRef vt = em.types.val(simdType);
    int n = LLVMGetVectorSize(vt);
    LLVMValueRef v = LLVMBuildInsertElement(ir.b, LLVMGetUndef(vt), scalar, ir.i32(0), "");
    LLVMValueRef mask = LLVMConstNull(LLVMVectorType(ir.i32(), n));
    return LLVMBuildShuffleVector(ir.b, v, LLVMGetUndef(vt), mask, "");
  }

  LLVMValueRef unary(Expr e, UnaryOpKind op, Type t, LLVMValueRef v) {
    ScalarKind k = kindOf(t);
    LLVMTypeRef lt = LLVMTypeOf(v);
    if (op == UnaryOpKind.ABS && !k.isFloat()) {
      if (!k.isSigned()) {
        return v;
      }
      if (em.checked(e)) {
        em.failIf(any(ir.icmp(LLVMIntEQ, v, minValue(lt, k))), ErrorKind.INTEGER_OVERFLOW);
      }
      return ir.callIntrinsic("llvm.abs", new LLVMTypeRef[] {lt}, v, ir.bool(false));
    }
    if (op == UnaryOpKind.ERF) {
      return MathLib.erf(em, k, v);
    }
    String intrinsic = "llvm." + (op == UnaryOpKind.ABS ? "fabs" : op.keyword());
    return ir.callIntrinsic(intrinsic, new LLVMTypeRef[] {lt}, v);
  }
}
