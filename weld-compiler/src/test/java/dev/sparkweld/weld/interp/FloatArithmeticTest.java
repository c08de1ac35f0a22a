package dev.sparkweld.weld.interp;

import static dev.sparkweld.weld.interp.Eval.eval;
import static dev.sparkweld.weld.interp.Ir.bin;
import static dev.sparkweld.weld.interp.Ir.f32;
import static dev.sparkweld.weld.interp.Ir.f64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Negate;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.UnaryOpKind;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class FloatArithmeticTest {
  static Object f(BinOpKind op, double a, double b) {
    return eval(bin(op, f64(a), f64(b)));
  }

  static Object unary(UnaryOpKind op, double x) {
    return eval(Expr.of(new UnaryOp(op, f64(x)), Type.F64));
  }

  static Object unary(UnaryOpKind op, float x) {
    return eval(Expr.of(new UnaryOp(op, f32(x)), Type.F32));
  }

  @Test
  void f32ArithmeticStaysInSinglePrecision() {
    Object sum = eval(bin(BinOpKind.ADD, f32(0.1f), f32(0.2f)));
    assertThat(sum).isInstanceOf(Float.class).isEqualTo(0.1f + 0.2f);
    assertThat(eval(bin(BinOpKind.ADD, f32(16777216f), f32(1f)))).isEqualTo(16777216f);
    // A float running sum differs from a double one rounded at the end: the merger must fold in float.
    float[] xs = {1e8f, 1f, 1f, 1f, 1f, -1e8f};
    Expr v = Ir.vec(Type.F32, f32(xs[0]), f32(xs[1]), f32(xs[2]), f32(xs[3]), f32(xs[4]), f32(xs[5]));
    Expr total = Ir.result(Ir.forLoop(v, Ir.merger(Type.F32, BuilderOp.ADD), (b, i, x) -> Ir.merge(b, x)));
    float expected = 0f;
    for (float x : xs) {
      expected += x;
    }
    assertThat(eval(total)).isEqualTo(expected).isEqualTo(0f);
  }

  @Test
  void minAndMaxPropagateNanAndOrderNegativeZeroBelowZero() {
    assertThat((Double) f(BinOpKind.MIN, Double.NaN, 1.0)).isNaN();
    assertThat((Double) f(BinOpKind.MAX, 1.0, Double.NaN)).isNaN();
    assertThat(f(BinOpKind.MIN, -0.0, 0.0)).isEqualTo(-0.0);
    assertThat(f(BinOpKind.MIN, 0.0, -0.0)).isEqualTo(-0.0);
    assertThat(f(BinOpKind.MAX, -0.0, 0.0)).isEqualTo(0.0);
    assertThat(f(BinOpKind.MAX, 0.0, -0.0)).isEqualTo(0.0);
    assertThat((Float) eval(bin(BinOpKind.MIN, f32(Float.NaN), f32(1f)))).isNaN();
    assertThat(eval(bin(BinOpKind.MAX, f32(-0.0f), f32(0.0f)))).isEqualTo(0.0f);
  }

  @Test
  void comparisonsAreIeee() {
    assertThat(f(BinOpKind.EQ, Double.NaN, Double.NaN)).isEqualTo(false);
    assertThat(f(BinOpKind.NE, Double.NaN, Double.NaN)).isEqualTo(true);
    assertThat(f(BinOpKind.LT, Double.NaN, 1.0)).isEqualTo(false);
    assertThat(f(BinOpKind.GE, Double.NaN, 1.0)).isEqualTo(false);
    assertThat(f(BinOpKind.EQ, -0.0, 0.0)).isEqualTo(true);
    assertThat(f(BinOpKind.LT, -0.0, 0.0)).isEqualTo(false);
    assertThat(f(BinOpKind.LT, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE)).isEqualTo(true);
  }

  @Test
  void divisionByZeroGivesInfinityOrNanAndRemainderIsFmod() {
    assertThat(f(BinOpKind.DIV, 1, 0)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(f(BinOpKind.DIV, -1, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(f(BinOpKind.DIV, 1, -0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat((Double) f(BinOpKind.DIV, 0, 0)).isNaN();
    assertThat(f(BinOpKind.MOD, -7.5, 2)).isEqualTo(-1.5);
    assertThat(f(BinOpKind.MOD, 7.5, -2)).isEqualTo(1.5);
    assertThat(f(BinOpKind.MOD, 5, Double.POSITIVE_INFINITY)).isEqualTo(5.0);
    assertThat((Double) f(BinOpKind.MOD, Double.POSITIVE_INFINITY, 2)).isNaN();
    assertThat((Double) f(BinOpKind.MOD, 1, 0)).isNaN();
  }

  @Test
  void powFollowsCWhereJavaDiffers() {
    assertThat(f(BinOpKind.POW, 1, Double.NaN)).isEqualTo(1.0);
    assertThat(f(BinOpKind.POW, -1, Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(f(BinOpKind.POW, -1, Double.NEGATIVE_INFINITY)).isEqualTo(1.0);
    assertThat(f(BinOpKind.POW, Double.NaN, 0)).isEqualTo(1.0);
    assertThat((Double) f(BinOpKind.POW, -8, 1.0 / 3)).isNaN();
    assertThat(f(BinOpKind.POW, -0.0, -3)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(f(BinOpKind.POW, 2, 10)).isEqualTo(1024.0);
    assertThat(eval(bin(BinOpKind.POW, f32(1f), f32(Float.NaN)))).isEqualTo(1f);
  }

  @Test
  void mathFunctionsFollowStrictMath() {
    assertThat(unary(UnaryOpKind.EXP, 1.0)).isEqualTo(StrictMath.exp(1.0));
    assertThat(unary(UnaryOpKind.LOG, 10.0)).isEqualTo(StrictMath.log(10.0));
    assertThat((Double) unary(UnaryOpKind.LOG, -1.0)).isNaN();
    assertThat(unary(UnaryOpKind.LOG, 0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(unary(UnaryOpKind.SIN, 0.5)).isEqualTo(StrictMath.sin(0.5));
    assertThat(unary(UnaryOpKind.COS, 0.5)).isEqualTo(StrictMath.cos(0.5));
    assertThat(unary(UnaryOpKind.TAN, 0.5)).isEqualTo(StrictMath.tan(0.5));
    assertThat(unary(UnaryOpKind.ASIN, 0.5)).isEqualTo(StrictMath.asin(0.5));
    assertThat(unary(UnaryOpKind.ACOS, 0.5)).isEqualTo(StrictMath.acos(0.5));
    assertThat(unary(UnaryOpKind.ATAN, 0.5)).isEqualTo(StrictMath.atan(0.5));
    assertThat(unary(UnaryOpKind.SINH, 0.5)).isEqualTo(StrictMath.sinh(0.5));
    assertThat(unary(UnaryOpKind.COSH, 0.5)).isEqualTo(StrictMath.cosh(0.5));
    assertThat(unary(UnaryOpKind.TANH, 0.5)).isEqualTo(StrictMath.tanh(0.5));
    assertThat(unary(UnaryOpKind.FLOOR, -1.5)).isEqualTo(-2.0);
    assertThat(unary(UnaryOpKind.CEIL, -1.5)).isEqualTo(-1.0);
    assertThat(unary(UnaryOpKind.CEIL, -0.5)).isEqualTo(-0.0);
  }

  @Test
  void f32MathFunctionsAreExactForSqrtFloorCeilAbsAndReturnFloats() {
    assertThat(unary(UnaryOpKind.SQRT, 2f)).isEqualTo((float) Math.sqrt(2.0));
    assertThat(unary(UnaryOpKind.FLOOR, -1.5f)).isEqualTo(-2f);
    assertThat(unary(UnaryOpKind.EXP, 1f)).isInstanceOf(Float.class);
    assertThat((Float) unary(UnaryOpKind.SIN, 1f)).isCloseTo((float) Math.sin(1), within(1e-7f));
  }

  @Test
  void absClearsTheSignBitLikeFabs() {
    assertThat(unary(UnaryOpKind.ABS, -0.0)).isEqualTo(0.0);
    assertThat(unary(UnaryOpKind.ABS, -2.5)).isEqualTo(2.5);
    double negativeNan = Double.longBitsToDouble(0xfff8000000000000L);
    assertThat(Double.doubleToRawLongBits((Double) unary(UnaryOpKind.ABS, negativeNan))).isPositive();
    assertThat(unary(UnaryOpKind.ABS, -0.0f)).isEqualTo(0.0f);
  }

  @Test
  void negationFlipsTheSignOfZero() {
    assertThat(eval(Expr.of(new Negate(f64(0.0)), Type.F64))).isEqualTo(-0.0);
    assertThat(eval(Expr.of(new Negate(f32(0.0f)), Type.F32))).isEqualTo(-0.0f);
  }

  /** erf to 40 digits: 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)), far more terms than needed. */
  static double erfReference(double x) {
    MathContext mc = new MathContext(60);
    BigDecimal bx = new BigDecimal(x);
    BigDecimal x2 = bx.multiply(bx, mc);
    BigDecimal term = bx;
    BigDecimal sum = bx;
    for (int n = 1; n < 400; n++) {
      term = term.multiply(x2, mc).negate().divide(BigDecimal.valueOf(n), mc);
      sum = sum.add(term.divide(BigDecimal.valueOf(2L * n + 1), mc), mc);
    }
    BigDecimal twoOverSqrtPi = new BigDecimal("1.12837916709551257389615890312154517168810125865799771368817");
    return sum.multiply(twoOverSqrtPi, mc).doubleValue();
  }

  @Test
  void erfIsAccurateToAboutOneInTenToTheFifteen() {
    double[] xs = {1e-300, 1e-10, 0.001, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 2.9, 2.999, 3, 3.001, 3.5, 4, 4.5,
        5, 5.5, 5.9, 6, 7, -0.3, -2.2, -4.1};
    for (double x : xs) {
      double expected = erfReference(x);
      double actual = Erf.erf(x);
      assertThat(Math.abs(actual - expected)).as("erf(%s)", x).isLessThanOrEqualTo(2e-15 * Math.abs(expected));
      assertThat(unary(UnaryOpKind.ERF, x)).isEqualTo(actual);
    }
  }

  @Test
  void erfSpecialValues() {
    assertThat(Erf.erf(0.0)).isEqualTo(0.0);
    assertThat(Erf.erf(-0.0)).isEqualTo(-0.0);
    assertThat(Erf.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(Erf.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
    assertThat(Erf.erf(Double.NaN)).isNaN();
    assertThat((Float) unary(UnaryOpKind.ERF, 0.5f)).isEqualTo((float) erfReference(0.5));
  }
}
