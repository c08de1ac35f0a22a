package dev.sparkweld.weld.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.Type;
import org.junit.jupiter.api.Test;

class ValueBytesTest {
  private static VecValue bytes(int... b) {
    Object[] out = new Object[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return VecValue.wrap(out);
  }

  private static void assertBad(VecValue b, Type t) {
    assertThatThrownBy(() -> ValueBytes.deserialize(b, t)).isInstanceOf(WeldRuntimeException.class)
        .extracting(e -> ((WeldRuntimeException) e).kind()).isEqualTo(ErrorKind.BAD_SERIALIZED_DATA);
  }

  @Test
  void scalarsAreLittleEndianAndBoolIsOneByte() {
    assertThat(ValueBytes.serialize(0x01020304, Type.I32)).isEqualTo(bytes(4, 3, 2, 1));
    assertThat(ValueBytes.serialize(true, Type.BOOL)).isEqualTo(bytes(1));
    assertThat(ValueBytes.serialize((short) -2, Type.U16)).isEqualTo(bytes(0xFE, 0xFF));
    assertThat(ValueBytes.serialize(1.0f, Type.F32)).isEqualTo(bytes(0, 0, 0x80, 0x3F));
    assertThat(ValueBytes.serialize(ValueText.parse("-2", Type.I128), Type.I128))
        .isEqualTo(bytes(0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF));
  }

  @Test
  void vectorsAreLengthPrefixedStructsUnpaddedDictsInOrder() {
    Type vt = Type.vec(Type.struct(Type.I8, Type.I16));
    assertThat(ValueBytes.serialize(ValueText.parse("[{1, 2}]", vt), vt))
        .isEqualTo(bytes(1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0));
    DictType dt = new DictType(Type.U8, Type.BOOL);
    assertThat(ValueBytes.serialize(ValueText.parse("{7: true, 3: false}", dt), dt))
        .isEqualTo(bytes(2, 0, 0, 0, 0, 0, 0, 0, 7, 1, 3, 0));
  }

  @Test
  void everySerializableTypeRoundTrips() {
    Type t = Type.struct(Type.BOOL, Type.I8, Type.U64, Type.I128, Type.F32, Type.F64, Type.STRING,
        new DictType(Type.vec(Type.I32), Type.vec(Type.struct(Type.I64, Type.F64))), Type.struct());
    Object v = ValueText.parse("{true, -128, 18446744073709551615, -170141183460469231731687303715884105728, "
        + "nan, -0.0, \"h\\xFFi\", {[1, 2]: [{3, 4.5}], []: []}, {}}", t);
    assertThat(ValueText.equalValues(ValueBytes.deserialize(ValueBytes.serialize(v, t), t), v, t, 0)).isTrue();
  }

  @Test
  void malformedBytesAreBadSerializedData() {
    assertBad(bytes(1, 2, 3), Type.I32);
    assertBad(bytes(1, 2, 3, 4, 5), Type.I32);
    assertBad(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), Type.vec(Type.I8));
    assertBad(bytes(2, 0, 0, 0, 0, 0, 0, 0, 1), Type.vec(Type.I8));
    assertBad(bytes(2), Type.BOOL);
    assertBad(bytes(2, 0, 0, 0, 0, 0, 0, 0, 5, 1, 5, 2), new DictType(Type.I8, Type.I8));
    assertBad(bytes(), Type.struct(Type.I8));
  }

  @Test
  void zeroByteElementsBeyondAJavaArrayAreAMemoryLimitNotBadData() {
    assertThatThrownBy(() -> ValueBytes.deserialize(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F),
        Type.vec(Type.struct()))).extracting(e -> ((WeldRuntimeException) e).kind()).isEqualTo(ErrorKind.MEMORY_LIMIT);
  }

  @Test
  void emptyElementsWithAPlausibleCountDeserialize() {
    assertThat(ValueBytes.deserialize(bytes(3, 0, 0, 0, 0, 0, 0, 0), Type.vec(Type.struct())))
        .isEqualTo(VecValue.of(StructValue.of(), StructValue.of(), StructValue.of()));
  }
}
