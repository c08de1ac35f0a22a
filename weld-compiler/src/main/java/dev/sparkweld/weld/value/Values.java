package dev.sparkweld.weld.value;

import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Java representation of Weld values, shared by the interpreter, the corpus format and the JIT marshalling code.
 *
 * <table>
 *   <tr><th>Weld type</th><th>Java</th></tr>
 *   <tr><td>bool</td><td>{@link Boolean}</td></tr>
 *   <tr><td>i8, u8</td><td>{@link Byte} (u8 holds the same bits; 255u8 is (byte) -1)</td></tr>
 *   <tr><td>i16, u16</td><td>{@link Short}</td></tr>
 *   <tr><td>i32, u32</td><td>{@link Integer}</td></tr>
 *   <tr><td>i64, u64</td><td>{@link Long}</td></tr>
 *   <tr><td>i128</td><td>{@link java.math.BigInteger} in [-2^127, 2^127)</td></tr>
 *   <tr><td>f32, f64</td><td>{@link Float}, {@link Double}</td></tr>
 *   <tr><td>simd[S]</td><td>{@link SimdValue}</td></tr>
 *   <tr><td>vec[T]</td><td>{@link VecValue}</td></tr>
 *   <tr><td>struct</td><td>{@link StructValue}</td></tr>
 *   <tr><td>dict[K,V]</td><td>{@link DictValue}</td></tr>
 * </table>
 *
 * Unsigned types use the signed Java type of the same width holding the same bits; the Weld type says how to read them.
 * Java {@code equals} on these classes is the spec's value identity (dictionary key equality): bitwise for floats
 * except that all NaNs are equal, {@code -0.0 != 0.0}, and element-wise for vectors, structs and (ordered) dicts.
 */
public final class Values {
  private Values() {}

  /** The lane count W(S) = max(1, B / bits(S)) of {@code simd[S]} for vector width {@code simdBits}; bool is 8 bits. */
  public static int lanes(ScalarKind s, int simdBits) {
    int bits = s == ScalarKind.BOOL ? 8 : s.bits();
    return Math.max(1, simdBits / bits);
  }

  /** True if {@code v} is a value of type {@code t} in the representation above (simd lane counts not checked). */
  public static boolean conforms(Object v, Type t) {
    return v != null && t.accept(new Conforms(v));
  }

  /** The zero value of a value type (section 2 of the spec); simd zeros have {@code lanes(S, simdBits)} lanes. */
  public static Object zero(Type t, int simdBits) {
    return t.accept(new ValueTypeVisitor<Object>() {
      @Override
      public Object visitScalar(ScalarType s) {
        return zeroScalar(s.kind());
      }

      @Override
      public Object visitSimd(SimdType s) {
        List<Object> lanes = new ArrayList<>();
        for (int i = 0; i < lanes(s.elem(), simdBits); i++) {
          lanes.add(zeroScalar(s.elem()));
        }
        return new SimdValue(lanes);
      }

      @Override
      public Object visitVec(VecType v) {
        return VecValue.EMPTY;
      }

      @Override
      public Object visitDict(DictType d) {
        return new DictValue(Map.of());
      }

      @Override
      public Object visitStruct(StructType s) {
        List<Object> fields = new ArrayList<>();
        for (Type f : s.fields()) {
          fields.add(f.accept(this));
        }
        return new StructValue(fields);
      }
    });
  }

  public static Object zeroScalar(ScalarKind k) {
    switch (k) {
      case F32:
        return 0.0f;
      case F64:
        return 0.0;
      case I128:
        return BigInteger.ZERO;
      default:
        return Scalars.box(0, k);
    }
  }

  private static final class Conforms extends ValueTypeVisitor<Boolean> {
    private final Object v;

    Conforms(Object v) {
      this.v = v;
    }

    @Override
    protected Boolean notAValueType(Type t) {
      return false;
    }

    @Override
    public Boolean visitScalar(ScalarType t) {
      if (!Scalars.javaClass(t.kind()).isInstance(v)) {
        return false;
      }
      return t.kind() != ScalarKind.I128 || Scalars.inRange((BigInteger) v, ScalarKind.I128);
    }

    @Override
    public Boolean visitSimd(SimdType t) {
      if (!(v instanceof SimdValue s)) {
        return false;
      }
      return s.lanes().stream().allMatch(l -> conforms(l, new ScalarType(t.elem())));
    }

    @Override
    public Boolean visitVec(VecType t) {
      if (!(v instanceof VecValue vec)) {
        return false;
      }
      for (int i = 0; i < vec.size(); i++) {
        if (!conforms(vec.get(i), t.elem())) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Boolean visitDict(DictType t) {
      if (!(v instanceof DictValue d)) {
        return false;
      }
      for (Map.Entry<Object, Object> e : d.asMap().entrySet()) {
        if (!conforms(e.getKey(), t.key()) || !conforms(e.getValue(), t.value())) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Boolean visitStruct(StructType t) {
      if (!(v instanceof StructValue s) || s.size() != t.fields().size()) {
        return false;
      }
      for (int i = 0; i < s.size(); i++) {
        if (!conforms(s.get(i), t.fields().get(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
