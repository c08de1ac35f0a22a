package dev.sparkweld.weld.interp;

import static dev.sparkweld.weld.interp.Eval.CHECKED;
import static dev.sparkweld.weld.interp.Eval.assertError;
import static dev.sparkweld.weld.interp.Eval.eval;
import static dev.sparkweld.weld.interp.Eval.evalText;
import static dev.sparkweld.weld.interp.Ir.bin;
import static dev.sparkweld.weld.interp.Ir.checked;
import static dev.sparkweld.weld.interp.Ir.lit;
import static dev.sparkweld.weld.interp.Ir.wrapping;
import static dev.sparkweld.weld.ir.BinOpKind.ADD;
import static dev.sparkweld.weld.ir.BinOpKind.DIV;
import static dev.sparkweld.weld.ir.BinOpKind.MOD;
import static dev.sparkweld.weld.ir.BinOpKind.MUL;
import static dev.sparkweld.weld.ir.BinOpKind.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Negate;
import dev.sparkweld.weld.ir.Not;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.UnaryOpKind;
import dev.sparkweld.weld.value.ValueText;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntegerArithmeticTest {
  /** A literal of the kind named by keyword, from decimal text (full range, incl. u64 and i128). */
  static Expr n(String kind, String decimal) {
    return lit(ScalarKind.fromKeyword(kind), new BigInteger(decimal));
  }

  static Expr op(String kind, String a, BinOpKind op, String b) {
    return bin(op, n(kind, a), n(kind, b));
  }

  static String text(Expr e) {
    return evalText(e);
  }

  @ParameterizedTest
  @CsvSource({
      "i8, 127, 1, -128", "u8, 255, 1, 0", "i16, 32767, 1, -32768", "u16, 65535, 1, 0",
      "i32, 2147483647, 1, -2147483648", "u32, 4294967295, 1, 0",
      "i64, 9223372036854775807, 1, -9223372036854775808", "u64, 18446744073709551615, 1, 0",
      "i128, 170141183460469231731687303715884105727, 1, -170141183460469231731687303715884105728"})
  void additionWrapsAtEveryWidthAndRaisesOverflowWhenChecked(String kind, String a, String b, String wrapped) {
    Expr sum = op(kind, a, ADD, b);
    assertThat(text(sum)).isEqualTo(wrapped);
    assertError(CHECKED, sum, ErrorKind.INTEGER_OVERFLOW);
    assertError(checked(sum), ErrorKind.INTEGER_OVERFLOW);
    assertThat(evalText(CHECKED, wrapping(sum))).isEqualTo(wrapped);
  }

  @ParameterizedTest
  @CsvSource({
      "i8, -128, 1, 127", "u8, 0, 1, 255", "u16, 0, 1, 65535", "u32, 0, 1, 4294967295",
      "i64, -9223372036854775808, 1, 9223372036854775807", "u64, 0, 1, 18446744073709551615",
      "i128, -170141183460469231731687303715884105728, 1, 170141183460469231731687303715884105727"})
  void subtractionWrapsAndChecks(String kind, String a, String b, String wrapped) {
    Expr diff = op(kind, a, SUB, b);
    assertThat(text(diff)).isEqualTo(wrapped);
    assertError(CHECKED, diff, ErrorKind.INTEGER_OVERFLOW);
  }

  @ParameterizedTest
  @CsvSource({
      "i8, 16, 8, -128", "u8, 16, 16, 0", "i16, 256, 128, -32768", "u32, 65536, 65536, 0",
      "i32, 65536, 32768, -2147483648", "i64, 4294967296, 2147483648, -9223372036854775808",
      "u64, 4294967296, 4294967296, 0", "i128, 18446744073709551616, 9223372036854775808, "
      + "-170141183460469231731687303715884105728"})
  void multiplicationWrapsAndChecks(String kind, String a, String b, String wrapped) {
    Expr product = op(kind, a, MUL, b);
    assertThat(text(product)).isEqualTo(wrapped);
    assertError(CHECKED, product, ErrorKind.INTEGER_OVERFLOW);
  }

  @Test
  void checkedArithmeticAllowsResultsAtTheEdgesOfTheRange() {
    assertThat(evalText(CHECKED, op("u32", "65535", MUL, "65537"))).isEqualTo("4294967295");
    assertThat(evalText(CHECKED, op("u64", "4294967295", MUL, "4294967297"))).isEqualTo("18446744073709551615");
    assertThat(evalText(CHECKED, op("i8", "-64", MUL, "2"))).isEqualTo("-128");
    assertThat(evalText(CHECKED, op("u64", "18446744073709551614", ADD, "1"))).isEqualTo("18446744073709551615");
  }

  @Test
  void divisionTruncatesTowardZeroAndRemainderTakesTheDividendsSign() {
    assertThat(text(op("i32", "-7", DIV, "2"))).isEqualTo("-3");
    assertThat(text(op("i32", "-7", MOD, "2"))).isEqualTo("-1");
    assertThat(text(op("i32", "7", MOD, "-2"))).isEqualTo("1");
    assertThat(text(op("i128", "-7", DIV, "2"))).isEqualTo("-3");
    assertThat(text(op("i128", "-7", MOD, "2"))).isEqualTo("-1");
  }

  @Test
  void unsignedTypesDivideAndCompareUnsigned() {
    assertThat(text(op("u8", "255", DIV, "2"))).isEqualTo("127");
    assertThat(text(op("u64", "18446744073709551615", DIV, "2"))).isEqualTo("9223372036854775807");
    assertThat(text(op("u64", "18446744073709551615", MOD, "10"))).isEqualTo("5");
    assertThat(eval(op("u8", "255", BinOpKind.GT, "1"))).isEqualTo(true);
    assertThat(eval(op("u64", "18446744073709551615", BinOpKind.GT, "0"))).isEqualTo(true);
    assertThat(text(op("u32", "4294967295", BinOpKind.MAX, "1"))).isEqualTo("4294967295");
    assertThat(text(op("u16", "65535", BinOpKind.MIN, "1"))).isEqualTo("1");
  }

  @ParameterizedTest
  @CsvSource({"i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "i128"})
  void divisionOrRemainderByZeroIsDivideByZeroInEveryMode(String kind) {
    assertError(op(kind, "5", DIV, "0"), ErrorKind.DIVIDE_BY_ZERO);
    assertError(op(kind, "5", MOD, "0"), ErrorKind.DIVIDE_BY_ZERO);
    assertError(CHECKED, op(kind, "5", DIV, "0"), ErrorKind.DIVIDE_BY_ZERO);
  }

  @ParameterizedTest
  @CsvSource({"i8, -128", "i16, -32768", "i32, -2147483648", "i64, -9223372036854775808",
      "i128, -170141183460469231731687303715884105728"})
  void minOverMinusOneWrapsToMinWithRemainderZeroAndOverflowsWhenChecked(String kind, String min) {
    assertThat(text(op(kind, min, DIV, "-1"))).isEqualTo(min);
    assertThat(text(op(kind, min, MOD, "-1"))).isEqualTo("0");
    assertError(CHECKED, op(kind, min, DIV, "-1"), ErrorKind.INTEGER_OVERFLOW);
    assertError(CHECKED, op(kind, min, MOD, "-1"), ErrorKind.INTEGER_OVERFLOW);
  }

  @Test
  void integerPowIsExactModuloTheWidth() {
    assertThat(text(op("i32", "2", BinOpKind.POW, "10"))).isEqualTo("1024");
    assertThat(text(op("i32", "2", BinOpKind.POW, "31"))).isEqualTo("-2147483648");
    assertThat(text(op("i32", "2", BinOpKind.POW, "32"))).isEqualTo("0");
    assertThat(text(op("i64", "3", BinOpKind.POW, "41")))
        .isEqualTo(Long.toString(BigInteger.valueOf(3).pow(41).longValue()));
    assertThat(text(op("u8", "3", BinOpKind.POW, "5"))).isEqualTo("243");
    assertThat(text(op("u64", "3", BinOpKind.POW, "18446744073709551615")))
        .isEqualTo(BigInteger.valueOf(3).modPow(new BigInteger("18446744073709551615"),
            BigInteger.ONE.shiftLeft(64)).toString());
    assertThat(text(op("i128", "10", BinOpKind.POW, "38"))).isEqualTo("1" + "0".repeat(38));
    assertThat(text(op("i32", "0", BinOpKind.POW, "0"))).isEqualTo("1");
    assertThat(text(op("i32", "-1", BinOpKind.POW, "2147483647"))).isEqualTo("-1");
  }

  @Test
  void integerPowWithANegativeExponentFollowsTheTruncatedQuotient() {
    assertThat(text(op("i32", "1", BinOpKind.POW, "-5"))).isEqualTo("1");
    assertThat(text(op("i32", "-1", BinOpKind.POW, "-3"))).isEqualTo("-1");
    assertThat(text(op("i32", "-1", BinOpKind.POW, "-4"))).isEqualTo("1");
    assertThat(text(op("i64", "2", BinOpKind.POW, "-1"))).isEqualTo("0");
    assertThat(text(op("i128", "-7", BinOpKind.POW, "-2"))).isEqualTo("0");
    assertError(op("i32", "0", BinOpKind.POW, "-1"), ErrorKind.DIVIDE_BY_ZERO);
    assertThat(evalText(CHECKED, op("i32", "2", BinOpKind.POW, "-1"))).isEqualTo("0");
  }

  @Test
  void checkedPowRaisesOverflowOnlyWhenTheExactPowerIsOutOfRange() {
    assertError(CHECKED, op("i32", "2", BinOpKind.POW, "31"), ErrorKind.INTEGER_OVERFLOW);
    assertThat(evalText(CHECKED, op("i32", "-2", BinOpKind.POW, "31"))).isEqualTo("-2147483648");
    assertError(CHECKED, op("u64", "2", BinOpKind.POW, "64"), ErrorKind.INTEGER_OVERFLOW);
    assertError(CHECKED, op("i64", "2", BinOpKind.POW, "9223372036854775807"), ErrorKind.INTEGER_OVERFLOW);
    assertThat(evalText(CHECKED, op("i64", "1", BinOpKind.POW, "9223372036854775807"))).isEqualTo("1");
  }

  @Test
  void shiftAmountsAreTakenModuloTheWidth() {
    assertThat(text(op("i32", "1", BinOpKind.SHL, "33"))).isEqualTo("2");
    assertThat(text(op("i32", "1", BinOpKind.SHL, "-1"))).isEqualTo("-2147483648");
    assertThat(text(op("i8", "1", BinOpKind.SHL, "7"))).isEqualTo("-128");
    assertThat(text(op("u8", "1", BinOpKind.SHL, "9"))).isEqualTo("2");
    assertThat(text(op("i64", "1", BinOpKind.SHL, "64"))).isEqualTo("1");
    assertThat(text(op("i128", "1", BinOpKind.SHL, "127"))).isEqualTo("-170141183460469231731687303715884105728");
    assertThat(text(op("i128", "1", BinOpKind.SHL, "128"))).isEqualTo("1");
  }

  @Test
  void rightShiftIsArithmeticForSignedAndLogicalForUnsigned() {
    assertThat(text(op("i32", "-8", BinOpKind.SHR, "1"))).isEqualTo("-4");
    assertThat(text(op("i8", "-128", BinOpKind.SHR, "7"))).isEqualTo("-1");
    assertThat(text(op("u8", "240", BinOpKind.SHR, "4"))).isEqualTo("15");
    assertThat(text(op("u32", "4294967295", BinOpKind.SHR, "31"))).isEqualTo("1");
    assertThat(text(op("u64", "18446744073709551615", BinOpKind.SHR, "63"))).isEqualTo("1");
    assertThat(text(op("i64", "-1", BinOpKind.SHR, "63"))).isEqualTo("-1");
    assertThat(text(op("i128", "-170141183460469231731687303715884105728", BinOpKind.SHR, "127"))).isEqualTo("-1");
  }

  @Test
  void bitwiseOperatorsAndComplement() {
    assertThat(text(op("i32", "12", BinOpKind.BIT_AND, "10"))).isEqualTo("8");
    assertThat(text(op("u8", "240", BinOpKind.BIT_OR, "15"))).isEqualTo("255");
    assertThat(text(op("i64", "12", BinOpKind.BIT_XOR, "10"))).isEqualTo("6");
    assertThat(text(Expr.of(new Not(n("i32", "0")), Type.I32))).isEqualTo("-1");
    assertThat(text(Expr.of(new Not(n("u8", "0")), Type.U8))).isEqualTo("255");
    assertThat(text(Expr.of(new Not(n("i128", "0")), Type.I128))).isEqualTo("-1");
    assertThat(text(op("i128", "-1", BinOpKind.BIT_AND, "255"))).isEqualTo("255");
  }

  @Test
  void negationAndAbsWrapOnTheMinimumAndOverflowWhenChecked() {
    Expr negMin = Expr.of(new Negate(n("i32", "-2147483648")), Type.I32);
    Expr absMin = Expr.of(new UnaryOp(UnaryOpKind.ABS, n("i64", "-9223372036854775808")), Type.I64);
    assertThat(text(negMin)).isEqualTo("-2147483648");
    assertThat(text(absMin)).isEqualTo("-9223372036854775808");
    assertError(CHECKED, negMin, ErrorKind.INTEGER_OVERFLOW);
    assertError(checked(absMin), ErrorKind.INTEGER_OVERFLOW);
    assertThat(text(Expr.of(new UnaryOp(UnaryOpKind.ABS, n("i8", "-5")), Type.I8))).isEqualTo("5");
    assertThat(text(Expr.of(new UnaryOp(UnaryOpKind.ABS, n("u8", "200")), Type.U8))).isEqualTo("200");
  }

  @Test
  void unsignedNegationWrapsAndIsAnOverflowWhenCheckedUnlessZero() {
    Expr neg = Expr.of(new Negate(n("u8", "1")), Type.U8);
    assertThat(text(neg)).isEqualTo("255");
    assertError(CHECKED, neg, ErrorKind.INTEGER_OVERFLOW);
    assertError(CHECKED, Expr.of(new Negate(n("u64", "1")), Type.U64), ErrorKind.INTEGER_OVERFLOW);
    assertThat(evalText(CHECKED, Expr.of(new Negate(n("u64", "0")), Type.U64))).isEqualTo("0");
  }

  @Test
  void theFirstFailingOperationInEvaluationOrderDecidesTheError() {
    Expr divZero = op("i32", "1", DIV, "0");
    Expr overflow = checked(op("i32", "2147483647", ADD, "1"));
    assertError(bin(ADD, divZero, overflow), ErrorKind.DIVIDE_BY_ZERO);
    assertError(bin(ADD, overflow, divZero), ErrorKind.INTEGER_OVERFLOW);
  }

  @Test
  void i128ValuesStayNormalizedBigIntegers() {
    Object v = eval(op("i128", "170141183460469231731687303715884105727", MUL, "2"));
    assertThat(v).isEqualTo(BigInteger.valueOf(-2));
    assertThat(ValueText.format(v, Type.I128)).isEqualTo("-2");
  }
}
