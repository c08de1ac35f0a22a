package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import dev.sparkweld.weld.value.StructValue;
import dev.sparkweld.weld.value.VecValue;

/**
 * Comparison operators on scalars, vectors and structs (spec 4.2): element-wise {@code ==}, and lexicographic
 * {@code <} decided at the first position where the elements are not {@code ==} (so a NaN element decides, as
 * false), a proper prefix being smaller. {@code <=} is {@code < || ==}; {@code >} and {@code >=} swap the operands.
 */
final class ValueCompare {
  private ValueCompare() {}

  static boolean compare(BinOpKind op, Type t, Object a, Object b) {
    switch (op) {
      case EQ:
        return eq(t, a, b);
      case NE:
        return !eq(t, a, b);
      case LT:
        return lt(t, a, b);
      case LE:
        return lt(t, a, b) || eq(t, a, b);
      case GT:
        return lt(t, b, a);
      case GE:
        return lt(t, b, a) || eq(t, a, b);
      default:
        throw Errors.internal("not a comparison: " + op);
    }
  }

  static boolean eq(Type t, Object a, Object b) {
    if (t instanceof ScalarType s) {
      return ScalarOps.compare(BinOpKind.EQ, s.kind(), a, b);
    }
    if (t instanceof VecType v) {
      VecValue x = (VecValue) a;
      VecValue y = (VecValue) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!eq(v.elem(), x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (t instanceof StructType s) {
      StructValue x = (StructValue) a;
      StructValue y = (StructValue) b;
      for (int i = 0; i < s.fields().size(); i++) {
        if (!eq(s.fields().get(i), x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    throw Errors.internal("values of type " + t + " do not compare");
  }

  static boolean lt(Type t, Object a, Object b) {
    if (t instanceof ScalarType s) {
      return ScalarOps.compare(BinOpKind.LT, s.kind(), a, b);
    }
    if (t instanceof VecType v) {
      VecValue x = (VecValue) a;
      VecValue y = (VecValue) b;
      int n = Math.min(x.size(), y.size());
      for (int i = 0; i < n; i++) {
        if (!eq(v.elem(), x.get(i), y.get(i))) {
          return lt(v.elem(), x.get(i), y.get(i));
        }
      }
      return x.size() < y.size();
    }
    if (t instanceof StructType s) {
      StructValue x = (StructValue) a;
      StructValue y = (StructValue) b;
      for (int i = 0; i < s.fields().size(); i++) {
        Type f = s.fields().get(i);
        if (!eq(f, x.get(i), y.get(i))) {
          return lt(f, x.get(i), y.get(i));
        }
      }
      return false;
    }
    throw Errors.internal("values of type " + t + " do not compare");
  }
}
