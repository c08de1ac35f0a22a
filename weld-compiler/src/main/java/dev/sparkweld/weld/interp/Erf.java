package dev.sparkweld.weld.interp;

/**
 * The error function in double precision, within about 1.2e-15 relative error (Java has none).
 *
 * <p>For |x| < 2 the series erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1)) is used: all its
 * terms are positive, so there is no cancellation, and exp(-x^2) is evaluated with x^2 split into an exact head and a
 * tail so its argument error does not grow with x. For |x| >= 2, erf(x) = 1 - erfc(x) with erfc from its continued
 * fraction (Lentz's method); erfc(2) is 4.7e-3, so erfc's own rounding error shrinks by that factor in erf.
 * Beyond |x| = 6, erf is 1 to double precision.
 */
final class Erf {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;

  private Erf() {}

  static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double ax = Math.abs(x);
    double r;
    if (ax < 2.0) {
      r = series(ax);
    } else if (ax < 6.0) {
      r = 1.0 - erfcContinuedFraction(ax);
    } else {
      r = 1.0;
    }
    return x < 0 ? -r : (x == 0 ? x : r);
  }

  /** exp(-x*x) without the rounding error of forming x*x (Dekker's exact product split). */
  static double expMinusSquare(double x) {
    double hi = x * x;
    double split = x * 134217729.0; // 2^27 + 1
    double xh = split - (split - x);
    double xl = x - xh;
    double lo = ((xh * xh - hi) + 2 * xh * xl) + xl * xl;
    // exp(-(hi + lo)) = exp(-hi) * exp(-lo), and |lo| is below an ulp of hi, so exp(-lo) = 1 - lo to double precision.
    return StrictMath.exp(-hi) * (1 - lo);
  }

  private static double series(double x) {
    double twoX2 = 2 * x * x;
    double term = x;
    double sum = x;
    for (int n = 1; n < 500; n++) {
      term *= twoX2 / (2 * n + 1);
      double next = sum + term;
      if (next == sum) {
        break;
      }
      sum = next;
    }
    return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
  }

  /** erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), for x >= 2. */
  private static double erfcContinuedFraction(double x) {
    final double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int n = 1; n < 5000; n++) {
      double a = n / 2.0;
      d = x + a * d;
      d = d == 0 ? tiny : d;
      c = x + a / c;
      c = c == 0 ? tiny : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return ONE_OVER_SQRT_PI * expMinusSquare(x) / f;
  }
}
