package dev.sparkweld.weld.value;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.WeldRuntimeException;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte format of {@code serialize}/{@code deserialize} (spec 4.7): scalars little-endian ({@code bool} one byte
 * 0/1, i128 16 bytes), a vector as its i64 length then its elements, a struct as its fields in order, a dictionary as
 * its i64 entry count then key, value pairs in dictionary order. The JIT must produce identical bytes.
 */
public final class ValueBytes {
  private ValueBytes() {}

  /** The bytes of {@code value} as the {@code vec[u8]} that {@code serialize} returns. */
  public static VecValue serialize(Object value, Type type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, type, out);
    byte[] b = out.toByteArray();
    Object[] elems = new Object[b.length];
    for (int i = 0; i < b.length; i++) {
      elems[i] = b[i];
    }
    return VecValue.wrap(elems);
  }

  /**
   * Reads a value of {@code type} that must span all of {@code bytes} (a {@code vec[u8]}); anything else is
   * BAD_SERIALIZED_DATA: too few or too many bytes, a negative length, a bool byte other than 0 or 1, or a dictionary
   * key that occurs twice.
   */
  public static Object deserialize(VecValue bytes, Type type) {
    byte[] b = new byte[bytes.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (Byte) bytes.get(i);
    }
    Reader r = new Reader(b);
    Object v = r.read(type);
    if (r.pos != b.length) {
      throw bad((b.length - r.pos) + " bytes left over after a value of type " + type);
    }
    return v;
  }

  private static void write(Object value, Type type, ByteArrayOutputStream out) {
    type.accept(new ValueTypeVisitor<Void>() {
      @Override
      public Void visitScalar(ScalarType t) {
        writeScalar(value, t.kind(), out);
        return null;
      }

      @Override
      public Void visitSimd(SimdType t) {
        throw new IllegalArgumentException("simd values are not serializable");
      }

      @Override
      public Void visitVec(VecType t) {
        VecValue v = (VecValue) value;
        writeLong(v.size(), 8, out);
        for (int i = 0; i < v.size(); i++) {
          write(v.get(i), t.elem(), out);
        }
        return null;
      }

      @Override
      public Void visitDict(DictType t) {
        DictValue d = (DictValue) value;
        writeLong(d.size(), 8, out);
        for (Map.Entry<Object, Object> e : d.asMap().entrySet()) {
          write(e.getKey(), t.key(), out);
          write(e.getValue(), t.value(), out);
        }
        return null;
      }

      @Override
      public Void visitStruct(StructType t) {
        StructValue s = (StructValue) value;
        for (int i = 0; i < t.fields().size(); i++) {
          write(s.get(i), t.fields().get(i), out);
        }
        return null;
      }
    });
  }

  private static void writeScalar(Object v, ScalarKind k, ByteArrayOutputStream out) {
    switch (k) {
      case F32:
        writeLong(Float.floatToRawIntBits((Float) v), 4, out);
        break;
      case F64:
        writeLong(Double.doubleToRawLongBits((Double) v), 8, out);
        break;
      case I128:
        BigInteger x = (BigInteger) v;
        writeLong(x.longValue(), 8, out);
        writeLong(x.shiftRight(64).longValue(), 8, out);
        break;
      default:
        writeLong(Scalars.canonical(v, k), k.byteSize(), out);
    }
  }

  private static void writeLong(long v, int bytes, ByteArrayOutputStream out) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }

  static WeldRuntimeException bad(String detail) {
    return new WeldRuntimeException(ErrorKind.BAD_SERIALIZED_DATA, detail);
  }

  private static final class Reader extends ValueTypeVisitor<Object> {
    private final byte[] b;
    private int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    Object read(Type t) {
      return t.accept(this);
    }

    private long readLong(int bytes) {
      if (b.length - pos < bytes) {
        throw bad("data ends at byte " + b.length + ", " + bytes + " more needed");
      }
      long v = 0;
      for (int i = 0; i < bytes; i++) {
        v |= (b[pos + i] & 0xFFL) << (8 * i);
      }
      pos += bytes;
      return v;
    }

    /** A length or entry count: non-negative and small enough that the remaining bytes could hold it. */
    private int readCount(Type elem) {
      long n = readLong(8);
      if (n < 0) {
        throw bad("negative length " + n + " at byte " + (pos - 8));
      }
      int min = minSize(elem);
      long remaining = b.length - pos;
      if (min > 0 && n > remaining / min) {
        throw bad("length " + n + " at byte " + (pos - 8) + " exceeds the " + remaining + " bytes left");
      }
      if (n > Integer.MAX_VALUE - 8) {
        // Only reachable with zero-byte elements (empty structs): well-formed, but beyond a Java array.
        throw new WeldRuntimeException(ErrorKind.MEMORY_LIMIT, "vector of " + n + " elements");
      }
      return (int) n;
    }

    @Override
    public Object visitScalar(ScalarType t) {
      ScalarKind k = t.kind();
      switch (k) {
        case BOOL:
          long v = readLong(1);
          if (v > 1) {
            throw bad("bool byte " + v + " at byte " + (pos - 1) + " is neither 0 nor 1");
          }
          return v == 1;
        case F32:
          return Float.intBitsToFloat((int) readLong(4));
        case F64:
          return Double.longBitsToDouble(readLong(8));
        case I128:
          long lo = readLong(8);
          long hi = readLong(8);
          return BigInteger.valueOf(hi).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
        default:
          return Scalars.box(readLong(k.byteSize()), k);
      }
    }

    @Override
    public Object visitSimd(SimdType t) {
      throw new IllegalArgumentException("simd values are not serializable");
    }

    @Override
    public Object visitVec(VecType t) {
      int n = readCount(t.elem());
      Object[] elems = new Object[n];
      for (int i = 0; i < n; i++) {
        elems[i] = read(t.elem());
      }
      return VecValue.wrap(elems);
    }

    @Override
    public Object visitDict(DictType t) {
      int n = readCount(Type.struct(t.key(), t.value()));
      LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        int keyAt = pos;
        Object k = read(t.key());
        Object v = read(t.value());
        if (map.putIfAbsent(k, v) != null) {
          throw bad("duplicate dictionary key at byte " + keyAt);
        }
      }
      return new DictValue(map);
    }

    @Override
    public Object visitStruct(StructType t) {
      List<Object> fields = new ArrayList<>(t.fields().size());
      for (Type f : t.fields()) {
        fields.add(read(f));
      }
      return new StructValue(fields);
    }
  }

  /** The fewest bytes a value of type {@code t} serializes to (vectors and dicts: 8, their length). */
  static int minSize(Type t) {
    if (t instanceof ScalarType s) {
      return s.kind().byteSize();
    }
    if (t instanceof StructType s) {
      int sum = 0;
      for (Type f : s.fields()) {
        sum += minSize(f);
      }
      return sum;
    }
    return 8;
  }
}
