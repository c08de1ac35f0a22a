package dev.sparkweld.weld.value;

import dev.sparkweld.weld.ir.ScalarKind;
import java.math.BigInteger;

/**
 * Conversions between the boxed Java representation of scalars ({@link Values}) and exact numbers. Every integer kind
 * up to 64 bits has a <em>canonical long</em>: signed kinds sign-extended, unsigned kinds below 64 bits
 * zero-extended (so the long is the exact value), u64 the raw bits (read with {@code Long.*Unsigned}). i128 is a
 * {@link BigInteger} already.
 */
public final class Scalars {
  public static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  public static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
  public static final BigInteger I128_MIN = BigInteger.ONE.shiftLeft(127).negate();
  public static final BigInteger I128_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

  private Scalars() {}

  /** The canonical long of an integer (not i128) or bool value. */
  public static long canonical(Object v, ScalarKind k) {
    switch (k) {
      case BOOL:
        return ((Boolean) v) ? 1 : 0;
      case I8:
        return (Byte) v;
      case U8:
        return ((Byte) v) & 0xFFL;
      case I16:
        return (Short) v;
      case U16:
        return ((Short) v) & 0xFFFFL;
      case I32:
        return (Integer) v;
      case U32:
        return ((Integer) v) & 0xFFFFFFFFL;
      case I64:
      case U64:
        return (Long) v;
      default:
        throw new IllegalArgumentException("no canonical long for " + k);
    }
  }

  /** Boxes the low bits of {@code v} as a value of integer or bool kind {@code k} (wrapping to its width). */
  public static Object box(long v, ScalarKind k) {
    switch (k) {
      case BOOL:
        return (v & 1) != 0;
      case I8:
      case U8:
        return (byte) v;
      case I16:
      case U16:
        return (short) v;
      case I32:
      case U32:
        return (int) v;
      case I64:
      case U64:
        return v;
      case I128:
        return BigInteger.valueOf(v);
      default:
        throw new IllegalArgumentException("cannot box a long as " + k);
    }
  }

  /** The exact mathematical value of an integer (unsigned kinds non-negative). */
  public static BigInteger exact(Object v, ScalarKind k) {
    if (k == ScalarKind.I128) {
      return (BigInteger) v;
    }
    long c = canonical(v, k);
    if (k == ScalarKind.U64 && c < 0) {
      return BigInteger.valueOf(c).add(TWO_64);
    }
    return BigInteger.valueOf(c);
  }

  /** {@code v} reduced modulo 2^width into kind {@code k}'s range and boxed (two's complement wrap). */
  public static Object wrap(BigInteger v, ScalarKind k) {
    if (k == ScalarKind.I128) {
      return wrap128(v);
    }
    return box(v.longValue(), k);
  }

  /** {@code v} reduced modulo 2^128 into [-2^127, 2^127). */
  public static BigInteger wrap128(BigInteger v) {
    if (v.bitLength() <= 127) {
      return v;
    }
    BigInteger m = v.mod(TWO_128);
    return m.testBit(127) ? m.subtract(TWO_128) : m;
  }

  public static BigInteger min(ScalarKind k) {
    if (k == ScalarKind.I128) {
      return I128_MIN;
    }
    return k.isSigned() ? BigInteger.ONE.shiftLeft(k.bits() - 1).negate() : BigInteger.ZERO;
  }

  public static BigInteger max(ScalarKind k) {
    if (k == ScalarKind.I128) {
      return I128_MAX;
    }
    int magnitudeBits = k.isSigned() ? k.bits() - 1 : k.bits();
    return BigInteger.ONE.shiftLeft(magnitudeBits).subtract(BigInteger.ONE);
  }

  public static boolean inRange(BigInteger v, ScalarKind k) {
    return v.compareTo(min(k)) >= 0 && v.compareTo(max(k)) <= 0;
  }

  /** True if the exact value {@code v} (a canonical long of a kind up to 32 bits) fits kind {@code k}. */
  public static boolean fitsNarrow(long v, ScalarKind k) {
    if (k.isSigned()) {
      long half = 1L << (k.bits() - 1);
      return v >= -half && v < half;
    }
    return v >= 0 && v < (1L << k.bits());
  }

  /** The Java class holding values of scalar kind {@code k}. */
  public static Class<?> javaClass(ScalarKind k) {
    switch (k) {
      case BOOL:
        return Boolean.class;
      case I8:
      case U8:
        return Byte.class;
      case I16:
      case U16:
        return Short.class;
      case I32:
      case U32:
        return Integer.class;
      case I64:
      case U64:
        return Long.class;
      case I128:
        return BigInteger.class;
      case F32:
        return Float.class;
      case F64:
        return Double.class;
      default:
        throw new AssertionError(k);
    }
  }
}
