package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.value.Scalars;
import dev.sparkweld.weld.value.SimdValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Operators by operand type: scalars directly, simd lane-wise, vectors and structs through {@link ValueCompare}. */
final class Operators {
  private Operators() {}

  static Object literal(Literal k) {
    switch (k.kind()) {
      case BOOL:
        return k.asBoolean();
      case F32:
        return k.asFloat();
      case F64:
        return k.asDouble();
      case I128:
        return k.asBigInteger();
      default:
        return Scalars.box(k.bits(), k.kind());
    }
  }

  /** The scalar kind of a scalar or simd type. */
  static ScalarKind scalarKind(Type t) {
    if (t instanceof ScalarType s) {
      return s.kind();
    }
    if (t instanceof SimdType s) {
      return s.elem();
    }
    throw Errors.internal("expected a scalar or simd type, found " + t);
  }

  static Object binary(BinOpKind op, Type t, Object a, Object b, boolean checked) {
    if (t instanceof ScalarType s) {
      return ScalarOps.binary(op, s.kind(), a, b, checked);
    }
    if (t instanceof SimdType s) {
      SimdValue x = (SimdValue) a;
      SimdValue y = (SimdValue) b;
      List<Object> out = new ArrayList<>(x.size());
      for (int i = 0; i < x.size(); i++) {
        out.add(ScalarOps.binary(op, s.elem(), x.get(i), y.get(i), checked));
      }
      return new SimdValue(out);
    }
    if (op.isComparison()) {
      return ValueCompare.compare(op, t, a, b);
    }
    throw Errors.internal("operator " + op + " on " + t);
  }

  /** Applies a scalar function to a scalar, or to each lane of a simd value. */
  static Object lanewise(Type t, Object v, BiFunction<ScalarKind, Object, Object> f) {
    ScalarKind k = scalarKind(t);
    if (v instanceof SimdValue s) {
      List<Object> out = new ArrayList<>(s.size());
      for (Object lane : s.lanes()) {
        out.add(f.apply(k, lane));
      }
      return new SimdValue(out);
    }
    return f.apply(k, v);
  }

  /** {@code select}: a bool picks a whole operand; a simd[bool] picks per lane from simd operands. */
  static Object select(Object c, Object a, Object b) {
    if (c instanceof SimdValue mask) {
      SimdValue x = (SimdValue) a;
      SimdValue y = (SimdValue) b;
      List<Object> out = new ArrayList<>(mask.size());
      for (int i = 0; i < mask.size(); i++) {
        out.add((Boolean) mask.get(i) ? x.get(i) : y.get(i));
      }
      return new SimdValue(out);
    }
    return (Boolean) c ? a : b;
  }
}
