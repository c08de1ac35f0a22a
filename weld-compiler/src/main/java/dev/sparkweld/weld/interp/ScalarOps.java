package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.UnaryOpKind;

/** Operators on one scalar kind (spec 4.2), dispatching to {@link IntArith}, {@link FloatArith} or bool logic. */
final class ScalarOps {
  private ScalarOps() {}

  static Object binary(BinOpKind op, ScalarKind k, Object a, Object b, boolean checked) {
    if (op.isComparison()) {
      return compare(op, k, a, b);
    }
    if (k == ScalarKind.BOOL) {
      return boolOp(op, (Boolean) a, (Boolean) b);
    }
    if (k == ScalarKind.F64) {
      return FloatArith.binary(op, (Double) a, (Double) b);
    }
    if (k == ScalarKind.F32) {
      return FloatArith.binary(op, (Float) a, (Float) b);
    }
    switch (op) {
      case ADD:
        return IntArith.add(a, b, k, checked);
      case SUB:
        return IntArith.sub(a, b, k, checked);
      case MUL:
        return IntArith.mul(a, b, k, checked);
      case DIV:
        return IntArith.div(a, b, k, checked);
      case MOD:
        return IntArith.rem(a, b, k, checked);
      case POW:
        return IntArith.pow(a, b, k, checked);
      case MIN:
        return IntArith.compare(a, b, k) <= 0 ? a : b;
      case MAX:
        return IntArith.compare(a, b, k) >= 0 ? a : b;
      case BIT_AND:
        return IntArith.and(a, b, k);
      case BIT_OR:
        return IntArith.or(a, b, k);
      case BIT_XOR:
        return IntArith.xor(a, b, k);
      case SHL:
        return IntArith.shl(a, b, k);
      case SHR:
        return IntArith.shr(a, b, k);
      default:
        throw Errors.internal("operator " + op + " on " + k);
    }
  }

  /** bool: {@code & | ^}, non-short-circuit {@code && ||} (lane-wise on simd), and min = and, max = or. */
  private static Boolean boolOp(BinOpKind op, boolean a, boolean b) {
    switch (op) {
      case BIT_AND:
      case LOGICAL_AND:
      case MIN:
        return a & b;
      case BIT_OR:
      case LOGICAL_OR:
      case MAX:
        return a | b;
      case BIT_XOR:
        return a ^ b;
      default:
        throw Errors.internal("operator " + op + " on bool");
    }
  }

  static Boolean compare(BinOpKind op, ScalarKind k, Object a, Object b) {
    if (k == ScalarKind.F64) {
      return FloatArith.compare(op, (Double) a, (Double) b);
    }
    if (k == ScalarKind.F32) {
      return FloatArith.compare(op, (Float) a, (Float) b);
    }
    int c = k == ScalarKind.BOOL ? Boolean.compare((Boolean) a, (Boolean) b) : IntArith.compare(a, b, k);
    switch (op) {
      case EQ:
        return c == 0;
      case NE:
        return c != 0;
      case LT:
        return c < 0;
      case LE:
        return c <= 0;
      case GT:
        return c > 0;
      case GE:
        return c >= 0;
      default:
        throw Errors.internal("not a comparison: " + op);
    }
  }

  static Object negate(ScalarKind k, Object a, boolean checked) {
    switch (k) {
      case F64:
        return -(Double) a;
      case F32:
        return -(Float) a;
      case BOOL:
        throw Errors.internal("negation of bool");
      default:
        return IntArith.neg(a, k, checked);
    }
  }

  /** {@code !}: logical negation of bool, bitwise complement of integers. */
  static Object not(ScalarKind k, Object a) {
    if (k == ScalarKind.BOOL) {
      return !(Boolean) a;
    }
    if (k.isFloat()) {
      throw Errors.internal("! on " + k);
    }
    return IntArith.not(a, k);
  }

  static Object unary(UnaryOpKind op, ScalarKind k, Object a, boolean checked) {
    if (k == ScalarKind.F64) {
      return FloatArith.unary(op, (Double) a);
    }
    if (k == ScalarKind.F32) {
      return FloatArith.unary(op, (Float) a);
    }
    if (op == UnaryOpKind.ABS && k.isInteger()) {
      return IntArith.abs(a, k, checked);
    }
    throw Errors.internal(op + " on " + k);
  }
}
