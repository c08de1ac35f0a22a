package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.value.Scalars;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Scalar casts {@code T(e)} (spec 4.3): integer truncation or extension by the source's signedness, integer to float
 * rounding to nearest, float to integer truncating toward zero and saturating (NaN gives 0), to bool as
 * {@code e != 0}. In checked mode an integer cast that changes the value, or a float-to-integer cast of NaN or of a
 * value whose truncation is out of range, raises INTEGER_OVERFLOW.
 */
final class Casts {
  private Casts() {}

  static Object cast(Object v, ScalarKind from, ScalarKind to, boolean checked) {
    if (from == to) {
      return v;
    }
    if (to == ScalarKind.BOOL) {
      return toBool(v, from);
    }
    if (from == ScalarKind.BOOL) {
      boolean b = (Boolean) v;
      return to.isFloat() ? fromDouble(b ? 1 : 0, to) : Scalars.wrap(b ? BigInteger.ONE : BigInteger.ZERO, to);
    }
    if (from.isFloat()) {
      double d = from == ScalarKind.F32 ? (double) (Float) v : (Double) v;
      return to.isFloat() ? fromDouble(d, to) : floatToInt(d, to, checked);
    }
    if (from != ScalarKind.I128 && to != ScalarKind.I128 && !to.isFloat()) {
      return narrowIntCast(Scalars.canonical(v, from), from, to, checked);
    }
    BigInteger exact = Scalars.exact(v, from);
    if (to.isFloat()) {
      // BigInteger's conversions round to nearest, ties to even, for every width (a u64 above 2^63 included).
      return to == ScalarKind.F32 ? (Object) exact.floatValue() : (Object) exact.doubleValue();
    }
    if (checked && !Scalars.inRange(exact, to)) {
      throw Errors.overflow("cast of " + exact + " to " + to, to);
    }
    return Scalars.wrap(exact, to);
  }

  /** The common case without BigInteger: both kinds at most 64 bits wide, {@code c} the canonical long. */
  private static Object narrowIntCast(long c, ScalarKind from, ScalarKind to, boolean checked) {
    if (checked) {
      boolean hugeU64 = from == ScalarKind.U64 && c < 0; // exact value >= 2^63
      boolean fits;
      if (to == ScalarKind.U64) {
        fits = c >= 0 || hugeU64;
      } else if (to == ScalarKind.I64) {
        fits = !hugeU64;
      } else {
        fits = !hugeU64 && Scalars.fitsNarrow(c, to);
      }
      if (!fits) {
        throw Errors.overflow("cast of " + Scalars.exact(Scalars.box(c, from), from) + " to " + to, to);
      }
    }
    return Scalars.box(c, to);
  }

  private static Object fromDouble(double d, ScalarKind to) {
    return to == ScalarKind.F32 ? (Object) (float) d : (Object) d;
  }

  private static Boolean toBool(Object v, ScalarKind from) {
    switch (from) {
      case F32:
        return (Float) v != 0.0f; // NaN != 0 is true
      case F64:
        return (Double) v != 0.0;
      default:
        return !IntArith.isZero(v, from);
    }
  }

  private static Object floatToInt(double d, ScalarKind to, boolean checked) {
    if (Double.isNaN(d)) {
      if (checked) {
        throw Errors.overflow("cast of NaN to " + to, to);
      }
      return Scalars.wrap(BigInteger.ZERO, to);
    }
    if (Math.abs(d) < 0x1p62 && to != ScalarKind.I128) {
      long t = (long) d; // exact truncation toward zero in this range
      boolean fits = to.bits() == 64 ? (to.isSigned() || t >= 0) : Scalars.fitsNarrow(t, to);
      if (fits) {
        return Scalars.box(t, to);
      }
    }
    BigInteger min = Scalars.min(to);
    BigInteger max = Scalars.max(to);
    BigInteger truncated;
    if (Double.isInfinite(d)) {
      truncated = d > 0 ? max.add(BigInteger.ONE) : min.subtract(BigInteger.ONE);
    } else {
      truncated = new BigDecimal(d).toBigInteger(); // toward zero, exact
    }
    if (truncated.compareTo(min) < 0 || truncated.compareTo(max) > 0) {
      if (checked) {
        throw Errors.overflow("cast of " + d + " to " + to, to);
      }
      truncated = truncated.signum() < 0 ? min : max;
    }
    return Scalars.wrap(truncated, to);
  }
}
