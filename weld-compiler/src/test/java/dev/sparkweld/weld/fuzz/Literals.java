package dev.sparkweld.weld.fuzz;

import dev.sparkweld.weld.ir.ScalarKind;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Random scalar literals as Weld source text: edge values (minimum, maximum, zero, -1), small values, full-range
 * values and, for floats, NaN, infinities and -0.0; sometimes in hexadecimal. Negative literals are parenthesized so
 * that they never meet a binary minus.
 */
final class Literals {
  private static final double[] NICE = {0.0, 1.0, 0.5, 2.25, 3.0, 10.0, 100.5, 1e10, 1e-3, 123.456, 0.1, 7.0};

  private final SplittableRandom rnd;

  Literals(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  String of(ScalarKind k) {
    switch (k) {
      case BOOL:
        return rnd.nextBoolean() ? "true" : "false";
      case F64:
        return f64(rnd.nextInt(8) == 0 ? special() : niceOrRandom());
      case F32:
        return f32((float) (rnd.nextInt(8) == 0 ? special() : niceOrRandom()));
      default:
        return integer(k, intValue(k));
    }
  }

  /** A small non-negative integer literal of kind k (for pow exponents, shift amounts and the like). */
  String small(ScalarKind k, int max) {
    return integer(k, BigInteger.valueOf(rnd.nextInt(max + 1)));
  }

  static String one(ScalarKind k) {
    return k.isFloat() ? (k == ScalarKind.F32 ? "1.0f" : "1.0") : integer(k, BigInteger.ONE);
  }

  BigInteger intValue(ScalarKind k) {
    BigInteger min = min(k);
    BigInteger max = max(k);
    int r = rnd.nextInt(12);
    switch (r) {
      case 0:
        return min;
      case 1:
        return max;
      case 2:
        return BigInteger.ZERO;
      case 3:
        return k.isSigned() ? BigInteger.ONE.negate() : BigInteger.ONE;
      case 4:
      case 5: {
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        BigInteger v = new BigInteger(k.bits() + 8, new java.util.Random(rnd.nextLong())).mod(span);
        return v.add(min);
      }
      default: {
        long v = rnd.nextInt(k.isSigned() ? -20 : 0, 40);
        return BigInteger.valueOf(v);
      }
    }
  }

  static BigInteger min(ScalarKind k) {
    return k.isSigned() ? BigInteger.ONE.shiftLeft(k.bits() - 1).negate() : BigInteger.ZERO;
  }

  static BigInteger max(ScalarKind k) {
    return k.isSigned() ? BigInteger.ONE.shiftLeft(k.bits() - 1).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(k.bits()).subtract(BigInteger.ONE);
  }

  static String suffix(ScalarKind k) {
    switch (k) {
      case I8:
        return "c";
      case I16:
        return "si";
      case I32:
        return "";
      case I64:
        return "L";
      default:
        return k.keyword();
    }
  }

  private static String integer(ScalarKind k, BigInteger v) {
    String s = v.toString() + suffix(k);
    return v.signum() < 0 ? "(" + s + ")" : s;
  }

  /** A hexadecimal literal: the two's complement bit pattern of v in k's width. */
  String hex(ScalarKind k, BigInteger v) {
    BigInteger bits = v.mod(BigInteger.ONE.shiftLeft(k.bits()));
    String digits = bits.toString(16).toUpperCase(java.util.Locale.ROOT);
    // A trailing hex digit C would read as the i8 suffix (spec 1: 0xFFc is an i8), so unsuffixed i32 says so.
    String suffix = k == ScalarKind.I32 && digits.endsWith("C") ? "i32" : suffix(k);
    return "0x" + digits + suffix;
  }

  String intLiteral(ScalarKind k) {
    BigInteger v = intValue(k);
    return rnd.nextInt(6) == 0 ? hex(k, v) : integer(k, v);
  }

  private double special() {
    double[] s = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0};
    return s[rnd.nextInt(s.length)];
  }

  private double niceOrRandom() {
    double v = rnd.nextInt(3) == 0 ? rnd.nextDouble(-1000, 1000) : NICE[rnd.nextInt(NICE.length)];
    return rnd.nextInt(4) == 0 ? -v : v;
  }

  static String f64(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "(-inf)";
    }
    String s = Double.toString(d).replace('E', 'e');
    return s.startsWith("-") ? "(" + s + ")" : s;
  }

  static String f32(float f) {
    if (Float.isNaN(f)) {
      return "nanf";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "inff" : "(-inff)";
    }
    String s = Float.toString(f).replace('E', 'e') + "f";
    return s.startsWith("-") ? "(" + s + ")" : s;
  }
}
