package dev.sparkweld.weld.abi;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.TypeVisitor;
import dev.sparkweld.weld.ir.UnknownType;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.VecType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory layout of Weld values (docs/abi.md, "Value layout"): the one implementation that the Java encoders and
 * decoders use and that the LLVM code generator is checked against. C rules on LP64 targets: scalars are naturally
 * aligned ({@code i128} to 16), {@code bool} is one byte holding 0 or 1, {@code vec[T]} is {@code {T* data, i64 len}},
 * a dict is a pointer to its table, structs place fields in order with padding to each field's alignment and round
 * their size up to their alignment.
 */
public final class AbiLayout {
  /** Size and alignment in bytes, and for structs the field offsets. */
  public record Layout(long size, long align, long[] offsets) {
    public long offset(int field) {
      return offsets[field];
    }
  }

  private static final Map<Object, Layout> CACHE = new ConcurrentHashMap<>();
  private static final long[] NO_FIELDS = new long[0];

  private AbiLayout() {}

  /** The layout of a type without {@code simd} values (their lane count depends on {@code weld.simd.bits}). */
  public static Layout of(Type t) {
    return of(t, 0);
  }

  /**
   * The layout under {@code weld.simd.bits = simdBits}: {@code simd[S]} is its lanes back to back (bool lanes one
   * byte each), aligned to its size, which is what LLVM gives a vector type. 0 means simd values are not expected.
   */
  public static Layout of(Type t, int simdBits) {
    Object key = simdBits == 0 ? t : List.of(t, simdBits);
    Layout l = CACHE.get(key);
    if (l == null) {
      l = t.accept(new Compute(simdBits));
      CACHE.put(key, l);
    }
    return l;
  }

  public static long size(Type t, int simdBits) {
    return of(t, simdBits).size();
  }

  public static long fieldOffset(StructType t, int field, int simdBits) {
    return of(t, simdBits).offset(field);
  }

  /** Lanes of {@code simd[S]} under {@code simdBits}: max(1, bits / bits(S)), a bool lane counting as 8 bits. */
  public static int lanes(ScalarKind elem, int simdBits) {
    int laneBits = elem == ScalarKind.BOOL ? 8 : elem.bits();
    return Math.max(1, simdBits / laneBits);
  }

  public static long size(Type t) {
    return of(t).size();
  }

  public static long align(Type t) {
    return of(t).align();
  }

  public static long fieldOffset(StructType t, int field) {
    return of(t).offset(field);
  }

  static long alignUp(long v, long a) {
    return (v + a - 1) / a * a;
  }

  private static Layout prim(long size) {
    return new Layout(size, size, NO_FIELDS);
  }

  private static final class Compute implements TypeVisitor<Layout> {
    private final int simdBits;

    Compute(int simdBits) {
      this.simdBits = simdBits;
    }

    @Override
    public Layout visitScalar(ScalarType t) {
      return prim(t.kind().byteSize());
    }

    @Override
    public Layout visitSimd(SimdType t) {
      int laneBits = t.elem() == ScalarKind.BOOL ? 8 : t.elem().bits();
      if (simdBits != 0) {
        long size = (long) lanes(t.elem(), simdBits) * (laneBits / 8);
        return new Layout(size, size, NO_FIELDS);
      }
      throw new UnsupportedOperationException("simd values have no fixed ABI layout (lanes depend on the target; "
          + laneBits + "-bit lanes)");
    }

    @Override
    public Layout visitVec(VecType t) {
      return new Layout(16, 8, new long[] {0, 8});
    }

    @Override
    public Layout visitDict(DictType t) {
      return prim(8);
    }

    @Override
    public Layout visitStruct(StructType t) {
      long off = 0;
      long align = 1;
      long[] offsets = new long[t.fields().size()];
      for (int i = 0; i < offsets.length; i++) {
        Layout f = of(t.fields().get(i), simdBits);
        off = alignUp(off, f.align());
        offsets[i] = off;
        off += f.size();
        align = Math.max(align, f.align());
      }
      return new Layout(alignUp(off, align), align, offsets);
    }

    @Override
    public Layout visitFunction(FunctionType t) {
      throw new UnsupportedOperationException("functions have no memory layout");
    }

    @Override
    public Layout visitUnknown(UnknownType t) {
      throw new UnsupportedOperationException("unknown type has no layout");
    }

    @Override
    public Layout visitAppender(AppenderType t) {
      return new Layout(24, 8, new long[] {0, 8, 16});
    }

    @Override
    public Layout visitMerger(MergerType t) {
      return of(t.elem());
    }

    @Override
    public Layout visitDictMerger(DictMergerType t) {
      return prim(8);
    }

    @Override
    public Layout visitGroupMerger(GroupMergerType t) {
      return prim(8);
    }

    @Override
    public Layout visitVecMerger(VecMergerType t) {
      return new Layout(16, 8, new long[] {0, 8});
    }
  }
}
