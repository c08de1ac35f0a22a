package dev.sparkweld.weld.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.Type;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTextTest {
  private static void assertRoundTrip(String text, Type t) {
    Object v = ValueText.parse(text, t);
    assertThat(ValueText.format(v, t)).isEqualTo(text);
    assertThat(ValueText.equalValues(ValueText.parse(ValueText.format(v, t), t), v, t, 0)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "true|bool", "false|bool",
      "-128|i8", "127|i8", "0|u8", "255|u8",
      "-32768|i16", "32767|i16", "65535|u16",
      "-2147483648|i32", "2147483647|i32", "4294967295|u32",
      "-9223372036854775808|i64", "9223372036854775807|i64", "18446744073709551615|u64",
      "-170141183460469231731687303715884105728|i128", "170141183460469231731687303715884105727|i128"})
  void integerAndBoolExtremesRoundTrip(String text, String type) {
    assertRoundTrip(text, Type.scalar(ScalarKind.fromKeyword(type)));
  }

  @Test
  void unsignedValuesAreHeldInTheSignedJavaTypeOfTheSameWidth() {
    assertThat(ValueText.parse("255", Type.U8)).isEqualTo((byte) -1);
    assertThat(ValueText.parse("4294967295", Type.U32)).isEqualTo(-1);
    assertThat(ValueText.parse("18446744073709551615", Type.U64)).isEqualTo(-1L);
    assertThat(ValueText.parse("-5", Type.I128)).isEqualTo(BigInteger.valueOf(-5));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.0|f64", "-0.0|f64", "nan|f64", "inf|f64", "-inf|f64", "1.5|f64", "0.1|f64", "-2.5e-8|f64",
      "1.7976931348623157e308|f64", "5e-324|f64", "2.2250738585072014e-308|f64", "1e21|f64", "123456789.0|f64",
      "0.3|f64", "100.0|f64", "1e-7|f64", "0.000001|f64",
      "0.0|f32", "-0.0|f32", "nan|f32", "inf|f32", "-inf|f32", "0.1|f32", "3.4028235e38|f32", "1e-45|f32",
      "1.1754944e-38|f32", "16777216.0|f32"})
  void floatsRoundTripInShortestForm(String text, String type) {
    assertRoundTrip(text, Type.scalar(ScalarKind.fromKeyword(type)));
  }

  @Test
  void floatFormattingIsShortestWhereJdk17IsNot() {
    // JDK 17's Double.toString prints 2.0E-3 fine but this one with 18 digits (JDK-4511638).
    assertThat(ValueText.format(2.82879384806159E17, Type.F64)).isEqualTo("282879384806159000.0");
    assertThat(ValueText.format(0.1 + 0.2, Type.F64)).isEqualTo("0.30000000000000004");
    assertThat(ValueText.format(0.1f + 0.2f, Type.F32)).isEqualTo("0.3");
    assertThat(ValueText.format(1.0f / 3, Type.F32)).isEqualTo("0.33333334");
  }

  @Test
  void floatsParseFromIntegersAndScientificNotation() {
    assertThat(ValueText.parse("3", Type.F64)).isEqualTo(3.0);
    assertThat(ValueText.parse("-2e-3", Type.F64)).isEqualTo(-0.002);
    assertThat(ValueText.parse("1E3", Type.F32)).isEqualTo(1000.0f);
    assertThat(ValueText.parse("+inf", Type.F64)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ValueText.parse(".5", Type.F64)).isEqualTo(0.5);
  }

  @Test
  void compoundValuesRoundTrip() {
    assertRoundTrip("[1, 2, 3]", Type.vec(Type.I32));
    assertRoundTrip("[]", Type.vec(Type.I32));
    assertRoundTrip("[[1], [], [2, 3]]", Type.vec(Type.vec(Type.I64)));
    assertRoundTrip("{1, 2.5, true}", Type.struct(Type.I32, Type.F64, Type.BOOL));
    assertRoundTrip("{}", Type.struct());
    assertRoundTrip("{{1, 2}, [{3, 4}]}",
        Type.struct(Type.struct(Type.I8, Type.U8), Type.vec(Type.struct(Type.I16, Type.U16))));
    assertRoundTrip("{3: 1.0, 1: -2.0}", new DictType(Type.I32, Type.F64));
    assertRoundTrip("{}", new DictType(Type.I32, Type.F64));
    assertRoundTrip("{\"a\": [1, 2], \"\": []}", new DictType(Type.STRING, Type.vec(Type.I32)));
    assertRoundTrip("{{1, 2}: {true, 0}}",
        new DictType(Type.struct(Type.I32, Type.I32), Type.struct(Type.BOOL, Type.I64)));
    assertRoundTrip("<1, 2, 3, 4>", new SimdType(ScalarKind.I64));
  }

  @Test
  void dictionaryTextKeepsInsertionOrderAndOrderCountsForEquality() {
    DictType t = new DictType(Type.I32, Type.I32);
    Object a = ValueText.parse("{2: 20, 1: 10}", t);
    Object b = ValueText.parse("{1: 10, 2: 20}", t);
    assertThat(((DictValue) a).asMap().keySet()).containsExactly(2, 1);
    assertThat(ValueText.equalValues(a, b, t, 0)).isFalse();
    assertThat(ValueText.equalValues(a, ValueText.parse("{2: 20, 1: 10}", t), t, 0)).isTrue();
  }

  @Test
  void byteVectorsReadAndWriteStringsWithEscapesAndUtf8() {
    Type s = Type.STRING;
    VecValue v = (VecValue) ValueText.parse("\"a\\\"b\\\\\\n\\t\\r\\0\\xFF\"", s);
    assertThat(v.elems()).containsExactly((byte) 'a', (byte) '"', (byte) 'b', (byte) '\\', (byte) '\n',
        (byte) '\t', (byte) '\r', (byte) 0, (byte) -1);
    assertRoundTrip("\"a\\\"b\\\\\\n\\t\\r\\0\\xFF\"", s);
    assertRoundTrip("\"h\u00e9llo \u4e16\u754c\"", s);
    assertRoundTrip("\"\\xC3(\\x01\"", Type.vec(Type.U8));
    assertThat(ValueText.format(VecValue.of((byte) 0xE9), s)).isEqualTo("\"\\xE9\"");
    assertThat(ValueText.parse("[104, 105]", s)).isEqualTo(ValueText.parse("\"hi\"", s));
  }

  @Test
  void multiLineValuesAreAllowed() {
    assertThat(ValueText.parse("[\n  1,\n  2\n]\n", Type.vec(Type.I32))).isEqualTo(VecValue.of(1, 2));
  }

  @Test
  void parseErrorsNameLineAndColumn() {
    assertThatThrownBy(() -> ValueText.parse("[1,\n 2 x]", Type.vec(Type.I32)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("2:4:");
    assertThatThrownBy(() -> ValueText.parse("256", Type.U8)).hasMessageContaining("1:1: 256 is out of range for u8");
    assertThatThrownBy(() -> ValueText.parse("-1", Type.U64)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> ValueText.parse("5L", Type.I64)).hasMessageContaining("1:2:");
    assertThatThrownBy(() -> ValueText.parse("{1, 2}", Type.struct(Type.I32))).hasMessageContaining("too many");
    assertThatThrownBy(() -> ValueText.parse("{1: 2, 1: 3}", new DictType(Type.I32, Type.I32)))
        .hasMessageContaining("1:8: duplicate dictionary key");
    assertThatThrownBy(() -> ValueText.parse("\"abc", Type.STRING)).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> ValueText.parse("1.5x", Type.F64)).hasMessageContaining("1:4:");
    assertThatThrownBy(() -> ValueText.parse("yes", Type.BOOL)).hasMessageContaining("expected true or false");
    assertThatThrownBy(() -> ValueText.parse("1 2", Type.I32)).hasMessageContaining("after the value");
  }

  @Test
  void exactEqualityIsBitwiseForFloatsWithAllNansEqual() {
    assertThat(ValueText.equalValues(0.0, -0.0, Type.F64, 0)).isFalse();
    assertThat(ValueText.equalValues(Double.NaN, Double.longBitsToDouble(0x7ff0000000000123L), Type.F64, 0))
        .isTrue();
    assertThat(ValueText.equalValues(Float.NaN, 1.0f, Type.F32, 0)).isFalse();
    assertThat(ValueText.equalValues(1.0, Math.nextUp(1.0), Type.F64, 0)).isFalse();
  }

  @Test
  void toleranceComparesRelativelyAndLeavesInfinitiesExact() {
    assertThat(ValueText.equalValues(1.0, 1.0 + 1e-10, Type.F64, 1e-9)).isTrue();
    assertThat(ValueText.equalValues(1.0, 1.0 + 1e-8, Type.F64, 1e-9)).isFalse();
    assertThat(ValueText.equalValues(1e300, 1.0000000001e300, Type.F64, 1e-9)).isTrue();
    assertThat(ValueText.equalValues(Double.POSITIVE_INFINITY, Double.MAX_VALUE, Type.F64, 1e-3)).isFalse();
    assertThat(ValueText.equalValues(0.0, -0.0, Type.F64, 1e-9)).isTrue();
    assertThat(ValueText.equalValues(Double.NaN, Double.NaN, Type.F64, 1e-9)).isTrue();
    assertThat(ValueText.equalValues(1.0f, 1.00001f, Type.F32, 1e-4)).isTrue();
    Type t = Type.vec(Type.struct(Type.I32, Type.F64));
    assertThat(ValueText.equalValues(ValueText.parse("[{1, 2.0}]", t), ValueText.parse("[{1, 2.0000000001}]", t), t,
        1e-9)).isTrue();
    assertThat(ValueText.equalValues(ValueText.parse("[{1, 2.0}]", t), ValueText.parse("[{2, 2.0}]", t), t, 1e-9))
        .isFalse();
  }

  @Test
  void dictionaryKeysCompareExactlyEvenWithTolerance() {
    DictType t = new DictType(Type.F64, Type.F64);
    LinkedHashMap<Object, Object> a = new LinkedHashMap<>();
    a.put(1.0, 1.0);
    LinkedHashMap<Object, Object> b = new LinkedHashMap<>();
    b.put(1.0 + 1e-12, 1.0);
    assertThat(ValueText.equalValues(new DictValue(a), new DictValue(b), t, 1e-6)).isFalse();
  }

  @Test
  void vecValueSlicesShareStorageAndEqualFreshVectors() {
    VecValue v = new VecValue(List.of(1, 2, 3, 4));
    VecValue s = v.slice(1, 2);
    assertThat(s).isEqualTo(VecValue.of(2, 3));
    assertThat(s.hashCode()).isEqualTo(VecValue.of(2, 3).hashCode());
    assertThat(s.slice(1, 1).elems()).containsExactly(3);
    assertThatThrownBy(() -> v.slice(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
