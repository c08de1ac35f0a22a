package dev.sparkweld.weld.value;

import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The value text format of the conformance corpus (weld-compiler/src/test/resources/conformance/README.md), read and
 * written with the value's type: {@code true}, {@code -5}, {@code 1.5}, {@code nan}, {@code [1, 2]}, {@code "abc"}
 * (vec[i8]/vec[u8]), {@code {1, 2.0}} (struct), {@code {1: 2}} (dict, in dictionary order), {@code <1, 2>} (simd).
 *
 * <p>{@link #format} writes the canonical form that {@link #parse} reads back to an equal value: unsigned integers as
 * their unsigned value, floats as the shortest round-trip decimal ({@link FloatText}), byte vectors always as strings
 * (printable ASCII and valid UTF-8 of printable characters as is, every other byte as {@code \xHH}).
 */
public final class ValueText {
  private ValueText() {}

  /** Reads a value of type {@code type}; malformed text is an {@link IllegalArgumentException} naming line:column. */
  public static Object parse(String text, Type type) {
    return new ValueTextParser(text).parseAll(type);
  }

  public static String format(Object value, Type type) {
    StringBuilder out = new StringBuilder();
    format(value, type, out);
    return out.toString();
  }

  private static void format(Object value, Type type, StringBuilder out) {
    type.accept(new ValueTypeVisitor<Void>() {
      @Override
      public Void visitScalar(ScalarType t) {
        out.append(formatScalar(value, t.kind()));
        return null;
      }

      @Override
      public Void visitSimd(SimdType t) {
        SimdValue s = (SimdValue) value;
        out.append('<');
        sequence(s.lanes(), new ScalarType(t.elem()), out);
        out.append('>');
        return null;
      }

      @Override
      public Void visitVec(VecType t) {
        VecValue v = (VecValue) value;
        if (t.elem() instanceof ScalarType s && (s.kind() == ScalarKind.I8 || s.kind() == ScalarKind.U8)) {
          ByteStrings.append(v, out);
          return null;
        }
        out.append('[');
        sequence(v.elems(), t.elem(), out);
        out.append(']');
        return null;
      }

      @Override
      public Void visitDict(DictType t) {
        DictValue d = (DictValue) value;
        out.append('{');
        String sep = "";
        for (Map.Entry<Object, Object> e : d.asMap().entrySet()) {
          out.append(sep);
          format(e.getKey(), t.key(), out);
          out.append(": ");
          format(e.getValue(), t.value(), out);
          sep = ", ";
        }
        out.append('}');
        return null;
      }

      @Override
      public Void visitStruct(StructType t) {
        StructValue s = (StructValue) value;
        out.append('{');
        for (int i = 0; i < t.fields().size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          format(s.get(i), t.fields().get(i), out);
        }
        out.append('}');
        return null;
      }
    });
  }

  private static void sequence(List<Object> elems, Type elem, StringBuilder out) {
    for (int i = 0; i < elems.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      format(elems.get(i), elem, out);
    }
  }

  public static String formatScalar(Object v, ScalarKind k) {
    switch (k) {
      case BOOL:
        return v.toString();
      case F32:
        return FloatText.format((Float) v);
      case F64:
        return FloatText.format((Double) v);
      case U64:
        return Long.toUnsignedString((Long) v);
      case I128:
        return v.toString();
      default:
        return Long.toString(Scalars.canonical(v, k));
    }
  }

  /**
   * Value equality for test oracles. With {@code relTolerance == 0} floats must be identical bit for bit except that
   * all NaNs are equal (so {@code -0.0 != 0.0}); otherwise two floats are equal if both are NaN, or equal, or
   * {@code |a - b| <= relTolerance * max(|a|, |b|)} (infinities only equal themselves). Dictionaries must have the
   * same entries in the same order; keys always compare exactly.
   */
  public static boolean equalValues(Object a, Object b, Type t, double relTolerance) {
    return equalValues(a, b, t, relTolerance, false);
  }

  /**
   * As {@link #equalValues(Object, Object, Type, double)}, but dictionary keys take the tolerance too (entries are
   * still compared in order): for comparing two backends on programs whose keys come out of transcendental
   * functions, which may differ by an ulp between math libraries.
   */
  public static boolean equalValuesTolerantKeys(Object a, Object b, Type t, double relTolerance) {
    return equalValues(a, b, t, relTolerance, true);
  }

  private static boolean equalValues(Object a, Object b, Type t, double relTolerance, boolean tolerantKeys) {
    if (a == null || b == null) {
      return a == b;
    }
    return t.accept(new ValueTypeVisitor<Boolean>() {
      @Override
      public Boolean visitScalar(ScalarType s) {
        if (s.kind() == ScalarKind.F64 && a instanceof Double x && b instanceof Double y) {
          return floatsEqual(x, y, relTolerance);
        }
        if (s.kind() == ScalarKind.F32 && a instanceof Float x && b instanceof Float y) {
          return floatsEqual(x, y, relTolerance);
        }
        return a.equals(b);
      }

      @Override
      public Boolean visitSimd(SimdType s) {
        return a instanceof SimdValue x && b instanceof SimdValue y
            && listsEqual(x.lanes(), y.lanes(), i -> new ScalarType(s.elem()), relTolerance, tolerantKeys);
      }

      @Override
      public Boolean visitVec(VecType v) {
        return a instanceof VecValue x && b instanceof VecValue y
            && listsEqual(x.elems(), y.elems(), i -> v.elem(), relTolerance, tolerantKeys);
      }

      @Override
      public Boolean visitDict(DictType d) {
        if (!(a instanceof DictValue x) || !(b instanceof DictValue y) || x.size() != y.size()) {
          return false;
        }
        List<Map.Entry<Object, Object>> xs = x.entries();
        List<Map.Entry<Object, Object>> ys = y.entries();
        for (int i = 0; i < xs.size(); i++) {
          if (!equalValues(xs.get(i).getKey(), ys.get(i).getKey(), d.key(), tolerantKeys ? relTolerance : 0,
              tolerantKeys)
              || !equalValues(xs.get(i).getValue(), ys.get(i).getValue(), d.value(), relTolerance, tolerantKeys)) {
            return false;
          }
        }
        return true;
      }

      @Override
      public Boolean visitStruct(StructType s) {
        return a instanceof StructValue x && b instanceof StructValue y
            && listsEqual(x.fields(), y.fields(), i -> s.fields().get(i), relTolerance, tolerantKeys);
      }
    });
  }

  private static boolean listsEqual(List<Object> xs, List<Object> ys, IntFunction<Type> typeAt, double tol,
      boolean tolerantKeys) {
    if (xs.size() != ys.size()) {
      return false;
    }
    for (int i = 0; i < xs.size(); i++) {
      if (!equalValues(xs.get(i), ys.get(i), typeAt.apply(i), tol, tolerantKeys)) {
        return false;
      }
    }
    return true;
  }

  private static boolean floatsEqual(double x, double y, double tol) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.isNaN(x) && Double.isNaN(y);
    }
    if (tol == 0) {
      return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
    }
    if (x == y) {
      return true;
    }
    if (Double.isInfinite(x) || Double.isInfinite(y)) {
      return false;
    }
    return Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y));
  }

  private static boolean floatsEqual(float x, float y, double tol) {
    if (tol == 0 && !Float.isNaN(x) && !Float.isNaN(y)) {
      return Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y);
    }
    return floatsEqual((double) x, (double) y, tol);
  }
}
