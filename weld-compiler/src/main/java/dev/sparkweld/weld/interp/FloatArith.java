package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.UnaryOpKind;

/**
 * Float arithmetic in the operand's precision (f32 in {@code float}, so results are those of single-precision IEEE
 * hardware), with C semantics where Java differs: {@code %} is Java's {@code %} (which is C's {@code fmod}),
 * {@code pow} fixes Java's two deviations from C ({@code pow(1, nan) = 1}, {@code pow(-1, +-inf) = 1}), and
 * {@code abs} clears the sign bit as {@code fabs} does (also of a NaN). min/max are Java's {@code Math.min/max}: NaN
 * propagating, {@code -0.0 < 0.0}, the same as LLVM {@code minimum}/{@code maximum}.
 */
final class FloatArith {
  private FloatArith() {}

  static double binary(BinOpKind op, double a, double b) {
    switch (op) {
      case ADD:
        return a + b;
      case SUB:
        return a - b;
      case MUL:
        return a * b;
      case DIV:
        return a / b;
      case MOD:
        return a % b;
      case MIN:
        return Math.min(a, b);
      case MAX:
        return Math.max(a, b);
      case POW:
        return pow(a, b);
      default:
        throw Errors.internal("operator " + op + " on f64");
    }
  }

  static float binary(BinOpKind op, float a, float b) {
    switch (op) {
      case ADD:
        return a + b;
      case SUB:
        return a - b;
      case MUL:
        return a * b;
      case DIV:
        return a / b;
      case MOD:
        return a % b;
      case MIN:
        return Math.min(a, b);
      case MAX:
        return Math.max(a, b);
      case POW:
        // Within spec 8's f32 tolerance of C's powf; the double result rounded once is usually correctly rounded.
        return (float) pow(a, b);
      default:
        throw Errors.internal("operator " + op + " on f32");
    }
  }

  static boolean compare(BinOpKind op, double a, double b) {
    switch (op) {
      case EQ:
        return a == b;
      case NE:
        return a != b;
      case LT:
        return a < b;
      case LE:
        return a <= b;
      case GT:
        return a > b;
      case GE:
        return a >= b;
      default:
        throw Errors.internal("not a comparison: " + op);
    }
  }

  /** C's {@code pow}. */
  static double pow(double a, double b) {
    if (a == 1.0) {
      return 1.0;
    }
    if (a == -1.0 && Double.isInfinite(b)) {
      return 1.0;
    }
    return StrictMath.pow(a, b);
  }

  static double unary(UnaryOpKind op, double x) {
    switch (op) {
      case EXP:
        return StrictMath.exp(x);
      case LOG:
        return StrictMath.log(x);
      case SQRT:
        return StrictMath.sqrt(x);
      case SIN:
        return StrictMath.sin(x);
      case COS:
        return StrictMath.cos(x);
      case TAN:
        return StrictMath.tan(x);
      case ASIN:
        return StrictMath.asin(x);
      case ACOS:
        return StrictMath.acos(x);
      case ATAN:
        return StrictMath.atan(x);
      case SINH:
        return StrictMath.sinh(x);
      case COSH:
        return StrictMath.cosh(x);
      case TANH:
        return StrictMath.tanh(x);
      case ERF:
        return Erf.erf(x);
      case ABS:
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & Long.MAX_VALUE);
      case FLOOR:
        return StrictMath.floor(x);
      case CEIL:
        return StrictMath.ceil(x);
      default:
        throw Errors.internal("unary " + op);
    }
  }

  /**
   * f32 math: computed in double and rounded once. sqrt, floor, ceil and abs are then exact (spec 8 needs bit
   * agreement for them); the transcendental functions are at least as accurate as C's {@code *f} functions.
   */
  static float unary(UnaryOpKind op, float x) {
    if (op == UnaryOpKind.ABS) {
      return Float.intBitsToFloat(Float.floatToRawIntBits(x) & Integer.MAX_VALUE);
    }
    return (float) unary(op, (double) x);
  }
}
