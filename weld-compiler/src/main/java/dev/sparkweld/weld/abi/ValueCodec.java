package dev.sparkweld.weld.abi;

import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import dev.sparkweld.weld.value.DictValue;
import dev.sparkweld.weld.value.SimdValue;
import dev.sparkweld.weld.value.StructValue;
import dev.sparkweld.weld.value.VecValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes Java values (see {@link dev.sparkweld.weld.value.Values}) into ABI memory and decodes them back, following
 * {@link AbiLayout}. Encoding allocates the buffers of vectors and dictionaries from an {@link OffHeapArena} owned by
 * the caller. Dictionaries go over as a table header holding only entries and a count (docs/abi.md,
 * "Dictionaries"): the kernel builds the hash index itself.
 */
public final class ValueCodec {
  /** Bytes of a dictionary header: {entries, count, capacity, slots, mask, hashes}. */
  public static final long DICT_HEADER_BYTES = 48;

  private ValueCodec() {}

  public static void encode(Type t, Object v, long address, OffHeapArena arena) {
    encode(t, v, address, arena, 0);
  }

  /** Encodes under {@code weld.simd.bits = simdBits} (0: no simd values expected), see {@link AbiLayout#of(Type, int)}. */
  public static void encode(Type t, Object v, long address, OffHeapArena arena, int simdBits) {
    if (t instanceof ScalarType s) {
      putScalar(s.kind(), v, address);
    } else if (t instanceof SimdType st) {
      SimdValue sv = (SimdValue) v;
      int lanes = AbiLayout.lanes(st.elem(), simdBits);
      if (sv.size() != lanes) {
        throw new IllegalArgumentException("simd value with " + sv.size() + " lanes, expected " + lanes);
      }
      long ls = st.elem().byteSize();
      for (int i = 0; i < lanes; i++) {
        putScalar(st.elem(), sv.get(i), address + ls * i);
      }
    } else if (t instanceof StructType s) {
      StructValue sv = (StructValue) v;
      AbiLayout.Layout l = AbiLayout.of(s, simdBits);
      for (int i = 0; i < s.fields().size(); i++) {
        encode(s.fields().get(i), sv.get(i), address + l.offset(i), arena, simdBits);
      }
    } else if (t instanceof VecType vt) {
      VecValue vv = (VecValue) v;
      long es = AbiLayout.size(vt.elem());
      int n = vv.size();
      long data = n == 0 ? 0 : arena.allocate(es * n);
      for (int i = 0; i < n; i++) {
        encode(vt.elem(), vv.get(i), data + es * i, arena);
      }
      Memory.putLong(address, data);
      Memory.putLong(address + 8, n);
    } else if (t instanceof DictType dt) {
      DictValue dv = (DictValue) v;
      StructType entry = new StructType(List.of(dt.key(), dt.value()));
      AbiLayout.Layout l = AbiLayout.of(entry);
      int n = dv.size();
      long entries = n == 0 ? 0 : arena.allocate(l.size() * n);
      int i = 0;
      for (Map.Entry<Object, Object> e : dv.entries()) {
        encode(dt.key(), e.getKey(), entries + l.size() * i + l.offset(0), arena);
        encode(dt.value(), e.getValue(), entries + l.size() * i + l.offset(1), arena);
        i++;
      }
      long header = arena.allocate(DICT_HEADER_BYTES);
      Memory.zero(header, DICT_HEADER_BYTES);
      Memory.putLong(header, entries);
      Memory.putLong(header + 8, n);
      Memory.putLong(header + 16, n);
      Memory.putLong(address, header);
    } else {
      throw new IllegalArgumentException("values of type " + t + " cannot cross the native boundary");
    }
  }

  public static Object decode(Type t, long address) {
    return decode(t, address, 0);
  }

  public static Object decode(Type t, long address, int simdBits) {
    if (t instanceof ScalarType s) {
      return getScalar(s.kind(), address);
    }
    if (t instanceof SimdType st) {
      int lanes = AbiLayout.lanes(st.elem(), simdBits);
      long ls = st.elem().byteSize();
      List<Object> out = new ArrayList<>(lanes);
      for (int i = 0; i < lanes; i++) {
        out.add(getScalar(st.elem(), address + ls * i));
      }
      return new SimdValue(out);
    }
    if (t instanceof StructType s) {
      AbiLayout.Layout l = AbiLayout.of(s, simdBits);
      List<Object> fields = new ArrayList<>(s.fields().size());
      for (int i = 0; i < s.fields().size(); i++) {
        fields.add(decode(s.fields().get(i), address + l.offset(i), simdBits));
      }
      return new StructValue(fields);
    }
    if (t instanceof VecType vt) {
      long data = Memory.getLong(address);
      long n = Memory.getLong(address + 8);
      long es = AbiLayout.size(vt.elem());
      List<Object> elems = new ArrayList<>((int) n);
      for (long i = 0; i < n; i++) {
        elems.add(decode(vt.elem(), data + es * i));
      }
      return new VecValue(elems);
    }
    if (t instanceof DictType dt) {
      long header = Memory.getLong(address);
      long entries = Memory.getLong(header);
      long n = Memory.getLong(header + 8);
      StructType entry = new StructType(List.of(dt.key(), dt.value()));
      AbiLayout.Layout l = AbiLayout.of(entry);
      LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
      for (long i = 0; i < n; i++) {
        long e = entries + l.size() * i;
        m.put(decode(dt.key(), e + l.offset(0)), decode(dt.value(), e + l.offset(1)));
      }
      return new DictValue(m);
    }
    throw new IllegalArgumentException("values of type " + t + " cannot cross the native boundary");
  }

  private static void putScalar(ScalarKind k, Object v, long a) {
    switch (k) {
      case BOOL:
        Memory.putByte(a, (byte) (((Boolean) v) ? 1 : 0));
        break;
      case I8:
      case U8:
        Memory.putByte(a, (Byte) v);
        break;
      case I16:
      case U16:
        Memory.putShort(a, (Short) v);
        break;
      case I32:
      case U32:
        Memory.putInt(a, (Integer) v);
        break;
      case I64:
      case U64:
        Memory.putLong(a, (Long) v);
        break;
      case I128: {
        BigInteger b = (BigInteger) v;
        Memory.putLong(a, b.longValue());
        Memory.putLong(a + 8, b.shiftRight(64).longValue());
        break;
      }
      case F32:
        Memory.putInt(a, Float.floatToRawIntBits((Float) v));
        break;
      case F64:
        Memory.putLong(a, Double.doubleToRawLongBits((Double) v));
        break;
      default:
        throw new IllegalStateException(k.toString());
    }
  }

  private static Object getScalar(ScalarKind k, long a) {
    switch (k) {
      case BOOL:
        return Memory.getByte(a) != 0;
      case I8:
      case U8:
        return Memory.getByte(a);
      case I16:
      case U16:
        return Memory.getShort(a);
      case I32:
      case U32:
        return Memory.getInt(a);
      case I64:
      case U64:
        return Memory.getLong(a);
      case I128:
        return Memory.getI128(a);
      case F32:
        return Float.intBitsToFloat(Memory.getInt(a));
      case F64:
        return Double.longBitsToDouble(Memory.getLong(a));
      default:
        throw new IllegalStateException(k.toString());
    }
  }
}
