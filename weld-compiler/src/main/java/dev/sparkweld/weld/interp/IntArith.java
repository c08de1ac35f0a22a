package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.value.Scalars;
import java.math.BigInteger;

/**
 * Integer arithmetic of every width (spec 4.2) on boxed values: two's complement wrap, or INTEGER_OVERFLOW when
 * {@code checked}. Kinds up to 32 bits compute exactly in a long on canonical values (see {@link Scalars}) and then
 * check or wrap; i64 uses the {@code Math.*Exact} family, u64 unsigned long tricks, i128 {@link BigInteger}.
 */
final class IntArith {
  private IntArith() {}

  private static long c(Object v, ScalarKind k) {
    return Scalars.canonical(v, k);
  }

  private static BigInteger big(Object v) {
    return (BigInteger) v;
  }

  /** Wraps or checks an exact i128 result. */
  private static BigInteger fit128(BigInteger r, boolean checked, String what) {
    if (checked && r.bitLength() > 127) {
      throw Errors.overflow(what, ScalarKind.I128);
    }
    return Scalars.wrap128(r);
  }

  /** Wraps or checks an exact result of a kind up to 32 bits. */
  private static Object fitNarrow(long r, ScalarKind k, boolean checked, String what) {
    if (checked && !Scalars.fitsNarrow(r, k)) {
      throw Errors.overflow(what, k);
    }
    return Scalars.box(r, k);
  }

  static Object add(Object a, Object b, ScalarKind k, boolean checked) {
    switch (k) {
      case I128:
        return fit128(big(a).add(big(b)), checked, "+");
      case I64:
        return checked ? exact(() -> Math.addExact((Long) a, (Long) b), "+", k) : (Long) a + (Long) b;
      case U64:
        long r = (Long) a + (Long) b;
        if (checked && Long.compareUnsigned(r, (Long) a) < 0) {
          throw Errors.overflow("+", k);
        }
        return r;
      default:
        return fitNarrow(c(a, k) + c(b, k), k, checked, "+");
    }
  }

  static Object sub(Object a, Object b, ScalarKind k, boolean checked) {
    switch (k) {
      case I128:
        return fit128(big(a).subtract(big(b)), checked, "-");
      case I64:
        return checked ? exact(() -> Math.subtractExact((Long) a, (Long) b), "-", k) : (Long) a - (Long) b;
      case U64:
        if (checked && Long.compareUnsigned((Long) a, (Long) b) < 0) {
          throw Errors.overflow("-", k);
        }
        return (Long) a - (Long) b;
      default:
        return fitNarrow(c(a, k) - c(b, k), k, checked, "-");
    }
  }

  static Object mul(Object a, Object b, ScalarKind k, boolean checked) {
    switch (k) {
      case I128:
        return fit128(big(a).multiply(big(b)), checked, "*");
      case I64:
        return checked ? exact(() -> Math.multiplyExact((Long) a, (Long) b), "*", k) : (Long) a * (Long) b;
      case U64:
        long x = (Long) a;
        long y = (Long) b;
        if (checked && unsignedMultiplyHigh(x, y) != 0) {
          throw Errors.overflow("*", k);
        }
        return x * y;
      default:
        // u32 * u32 may exceed 2^63 and come out negative: fitsNarrow rejects it, and its low bits are still right.
        return fitNarrow(c(a, k) * c(b, k), k, checked, "*");
    }
  }

  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }

  static Object neg(Object a, ScalarKind k, boolean checked) {
    switch (k) {
      case I128:
        return fit128(big(a).negate(), checked, "negation");
      case I64:
        return checked ? exact(() -> Math.negateExact((Long) a), "negation", k) : -(Long) a;
      case U64:
        // Unsigned negation wraps (-1u64 is the maximum); its exact value is out of range unless the operand is 0.
        if (checked && (Long) a != 0) {
          throw Errors.overflow("negation", k);
        }
        return -(Long) a;
      default:
        return fitNarrow(-c(a, k), k, checked, "negation");
    }
  }

  static Object abs(Object a, ScalarKind k, boolean checked) {
    if (!k.isSigned() || compare(a, Scalars.box(0, k), k) >= 0) {
      return a;
    }
    return neg(a, k, checked);
  }

  static Object div(Object a, Object b, ScalarKind k, boolean checked) {
    if (isZero(b, k)) {
      throw Errors.divideByZero(k);
    }
    switch (k) {
      case I128:
        return fit128(big(a).divide(big(b)), checked, "/");
      case I64:
        if (checked && (Long) a == Long.MIN_VALUE && (Long) b == -1) {
          throw Errors.overflow("/", k);
        }
        return (Long) a / (Long) b;
      case U64:
        return Long.divideUnsigned((Long) a, (Long) b);
      default:
        return fitNarrow(c(a, k) / c(b, k), k, checked, "/");
    }
  }

  static Object rem(Object a, Object b, ScalarKind k, boolean checked) {
    if (isZero(b, k)) {
      throw Errors.divideByZero(k);
    }
    if (checked && k.isSigned() && isMinOverMinusOne(a, b, k)) {
      throw Errors.overflow("%", k);
    }
    switch (k) {
      case I128:
        return big(a).remainder(big(b));
      case I64:
        return (Long) a % (Long) b;
      case U64:
        return Long.remainderUnsigned((Long) a, (Long) b);
      default:
        return Scalars.box(c(a, k) % c(b, k), k);
    }
  }

  private static boolean isMinOverMinusOne(Object a, Object b, ScalarKind k) {
    BigInteger x = Scalars.exact(a, k);
    BigInteger y = Scalars.exact(b, k);
    return x.equals(Scalars.min(k)) && y.equals(BigInteger.ONE.negate());
  }

  static boolean isZero(Object v, ScalarKind k) {
    return k == ScalarKind.I128 ? big(v).signum() == 0 : c(v, k) == 0;
  }

  /** Three-way comparison by the kind's signedness. */
  static int compare(Object a, Object b, ScalarKind k) {
    switch (k) {
      case I128:
        return big(a).compareTo(big(b));
      case U64:
        return Long.compareUnsigned((Long) a, (Long) b);
      default:
        return Long.compare(c(a, k), c(b, k));
    }
  }

  static Object and(Object a, Object b, ScalarKind k) {
    return k == ScalarKind.I128 ? big(a).and(big(b)) : Scalars.box(c(a, k) & c(b, k), k);
  }

  static Object or(Object a, Object b, ScalarKind k) {
    return k == ScalarKind.I128 ? big(a).or(big(b)) : Scalars.box(c(a, k) | c(b, k), k);
  }

  static Object xor(Object a, Object b, ScalarKind k) {
    return k == ScalarKind.I128 ? big(a).xor(big(b)) : Scalars.box(c(a, k) ^ c(b, k), k);
  }

  static Object not(Object a, ScalarKind k) {
    return k == ScalarKind.I128 ? big(a).not() : Scalars.box(~c(a, k), k);
  }

  /** The shift amount modulo the width: its low log2(width) bits (so a negative amount -1 means width - 1). */
  private static int amount(Object b, ScalarKind k) {
    long low = k == ScalarKind.I128 ? big(b).longValue() : c(b, k);
    return (int) (low & (k.bits() - 1));
  }

  static Object shl(Object a, Object b, ScalarKind k) {
    int s = amount(b, k);
    if (k == ScalarKind.I128) {
      return Scalars.wrap128(big(a).shiftLeft(s));
    }
    return Scalars.box(c(a, k) << s, k);
  }

  /** Arithmetic for signed kinds, logical for unsigned (canonical longs of unsigned kinds are zero-extended). */
  static Object shr(Object a, Object b, ScalarKind k) {
    int s = amount(b, k);
    if (k == ScalarKind.I128) {
      return big(a).shiftRight(s);
    }
    return Scalars.box(k == ScalarKind.U64 ? c(a, k) >>> s : c(a, k) >> s, k);
  }

  /**
   * Exact exponentiation modulo 2^width. A negative exponent (signed kinds only; unsigned exponents are read
   * unsigned) gives 1 for base 1, +-1 for base -1, DIVIDE_BY_ZERO for base 0 and 0 otherwise.
   */
  static Object pow(Object a, Object b, ScalarKind k, boolean checked) {
    BigInteger base = Scalars.exact(a, k);
    BigInteger exp = Scalars.exact(b, k);
    if (exp.signum() < 0) {
      if (base.equals(BigInteger.ONE)) {
        return a;
      }
      if (base.equals(BigInteger.ONE.negate())) {
        return exp.testBit(0) ? a : Scalars.wrap(BigInteger.ONE, k);
      }
      if (base.signum() == 0) {
        throw Errors.divideByZero(k);
      }
      return Scalars.wrap(BigInteger.ZERO, k);
    }
    if (base.abs().compareTo(BigInteger.ONE) <= 0) {
      // 0, 1 and -1 to any power stay in range: avoid pow() with a huge exponent.
      boolean one = exp.signum() == 0 || base.signum() > 0 || (base.signum() < 0 && !exp.testBit(0));
      return Scalars.wrap(one ? BigInteger.ONE : base.signum() == 0 ? BigInteger.ZERO : base, k);
    }
    if (checked) {
      // |base| >= 2, so an exponent >= width exceeds every range of that width.
      if (exp.compareTo(BigInteger.valueOf(k.bits())) >= 0) {
        throw Errors.overflow("pow", k);
      }
      BigInteger r = base.pow(exp.intValueExact());
      if (!Scalars.inRange(r, k)) {
        throw Errors.overflow("pow", k);
      }
      return Scalars.wrap(r, k);
    }
    return Scalars.wrap(base.modPow(exp, Scalars.TWO_128), k);
  }

  private interface LongOp {
    long get();
  }

  private static Object exact(LongOp op, String what, ScalarKind k) {
    try {
      return op.get();
    } catch (ArithmeticException e) {
      throw Errors.overflow(what, k);
    }
  }
}
