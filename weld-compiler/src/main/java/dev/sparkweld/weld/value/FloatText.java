package dev.sparkweld.weld.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Shortest round-trip decimal text of floats: the fewest significant digits that parse back to the same value, and
 * among those the nearest to the exact value. JDK 17's {@code Double.toString} is not always shortest (fixed only in
 * JDK 19), and corpus files and diffs should not depend on the JDK, so we search digit counts exactly with
 * {@link BigDecimal}.
 *
 * <p>Layout: plain notation when the decimal exponent E (value = d.ddd * 10^E) is in [-6, 21), always with a fraction
 * ({@code 3.0}, {@code 0.001}, {@code -0.0}); otherwise {@code d.ddde<E>} ({@code 1e21}, {@code 2.5e-8}). Specials:
 * {@code nan}, {@code inf}, {@code -inf}.
 */
public final class FloatText {
  private FloatText() {}

  public static String format(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Math.abs(d));
    double target = Math.abs(d);
    BigDecimal best = shortest(exact, 17, s -> Double.parseDouble(s) == target);
    return (d < 0 ? "-" : "") + layout(best);
  }

  public static String format(float f) {
    if (Float.isNaN(f)) {
      return "nan";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "inf" : "-inf";
    }
    if (f == 0) {
      return (1 / f < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal((double) Math.abs(f));
    float target = Math.abs(f);
    BigDecimal best = shortest(exact, 9, s -> Float.parseFloat(s) == target);
    return (f < 0 ? "-" : "") + layout(best);
  }

  private interface RoundTrip {
    boolean test(String s);
  }

  private static BigDecimal shortest(BigDecimal exact, int maxDigits, RoundTrip roundTrips) {
    for (int p = 1; p <= maxDigits; p++) {
      BigDecimal down = exact.round(new MathContext(p, RoundingMode.DOWN));
      BigDecimal up = exact.round(new MathContext(p, RoundingMode.UP));
      boolean downOk = roundTrips.test(down.toString());
      boolean upOk = !up.equals(down) && roundTrips.test(up.toString());
      if (downOk && upOk) {
        int c = exact.subtract(down).compareTo(up.subtract(exact));
        if (c != 0) {
          return c < 0 ? down : up;
        }
        return lastDigitEven(down) ? down : up;
      }
      if (downOk) {
        return down;
      }
      if (upOk) {
        return up;
      }
    }
    // Unreachable: 17 (9) significant digits always round-trip a double (float).
    return exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN));
  }

  private static boolean lastDigitEven(BigDecimal b) {
    return b.unscaledValue().testBit(0) == false;
  }

  private static String layout(BigDecimal positive) {
    BigDecimal v = positive.stripTrailingZeros();
    String digits = v.unscaledValue().toString();
    int exp10 = digits.length() - 1 - v.scale();
    if (exp10 >= -6 && exp10 < 21) {
      String plain = v.toPlainString();
      return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return mantissa + "e" + exp10;
  }
}
