package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

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
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Weld types as LLVM types. Two views: the <em>memory</em> type (the ABI of docs/abi.md: bool is one byte) used for
 * every value stored in memory or nested in an aggregate, and the <em>value</em> type of an SSA value, which differs
 * only for scalar {@code bool} ({@code i1}) and {@code simd[bool]} ({@code <W x i1>}). Builders are SSA values too
 * (linearity makes that sound): appender {ptr, len, cap}, merger its accumulator, dictmerger and groupmerger a pointer
 * to their table, vecmerger {ptr, len} of its private copy.
 */
final class LlvmTypes {
  private final Ir ir;
  private final int simdBits;
  private final Map<Type, LLVMTypeRef> memCache = new HashMap<>();

  LlvmTypes(Ir ir, int simdBits) {
    this.ir = ir;
    this.simdBits = simdBits;
  }

  /** Lanes of {@code simd[S]}: max(1, B / bits(S)), bool lanes counting as 8 bits. */
  int lanes(ScalarKind k) {
    int bits = k == ScalarKind.BOOL ? 8 : k.bits();
    return Math.max(1, simdBits / bits);
  }

  LLVMTypeRef scalar(ScalarKind k) {
    switch (k) {
      case BOOL:
        return ir.i1();
      case I8:
      case U8:
        return ir.i8();
      case I16:
      case U16:
        return ir.i16();
      case I32:
      case U32:
        return ir.i32();
      case I64:
      case U64:
        return ir.i64();
      case I128:
        return ir.i128();
      case F32:
        return ir.f32();
      case F64:
        return ir.f64();
      default:
        throw new IllegalStateException(k.toString());
    }
  }

  LLVMTypeRef scalarMem(ScalarKind k) {
    return k == ScalarKind.BOOL ? ir.i8() : scalar(k);
  }

  /** The {@code {ptr, i64}} vector type. */
  LLVMTypeRef vec() {
    return ir.struct(ir.ptr(), ir.i64());
  }

  /** The appender state {@code {ptr data, i64 len, i64 cap}}. */
  LLVMTypeRef appender() {
    return ir.struct(ir.ptr(), ir.i64(), ir.i64());
  }

  LLVMTypeRef mem(Type t) {
    LLVMTypeRef cached = memCache.get(t);
    if (cached == null) {
      cached = t.accept(new MemLowering());
      memCache.put(t, cached);
    }
    return cached;
  }

  /** The SSA type of values of {@code t}. */
  LLVMTypeRef val(Type t) {
    if (t instanceof ScalarType s) {
      return scalar(s.kind());
    }
    if (t instanceof SimdType s) {
      return LLVMVectorType(scalar(s.elem()), lanes(s.elem()));
    }
    if (t instanceof MergerType m) {
      return val(m.elem());
    }
    return mem(t);
  }

  /** Converts an SSA value of type t to its memory representation. */
  LLVMValueRef toMem(LLVMValueRef v, Type t) {
    if (isBool(t)) {
      return ir.zext(v, mem(t));
    }
    return v;
  }

  /** Converts a memory representation of type t to an SSA value. */
  LLVMValueRef fromMem(LLVMValueRef v, Type t) {
    if (isBool(t)) {
      return ir.icmp(LLVMIntNE, v, LLVMConstNull(mem(t)));
    }
    return v;
  }

  LLVMValueRef load(Type t, LLVMValueRef p) {
    return fromMem(ir.load(mem(t), p), t);
  }

  void store(Type t, LLVMValueRef v, LLVMValueRef p) {
    ir.store(toMem(v, t), p);
  }

  static boolean isBool(Type t) {
    return (t instanceof ScalarType s && s.kind() == ScalarKind.BOOL)
        || (t instanceof SimdType v && v.elem() == ScalarKind.BOOL)
        || (t instanceof MergerType m && isBool(m.elem()));
  }

  private final class MemLowering implements TypeVisitor<LLVMTypeRef> {
    @Override
    public LLVMTypeRef visitScalar(ScalarType t) {
      return scalarMem(t.kind());
    }

    @Override
    public LLVMTypeRef visitSimd(SimdType t) {
      return LLVMVectorType(scalarMem(t.elem()), lanes(t.elem()));
    }

    @Override
    public LLVMTypeRef visitVec(VecType t) {
      return vec();
    }

    @Override
    public LLVMTypeRef visitDict(DictType t) {
      return ir.ptr();
    }

    @Override
    public LLVMTypeRef visitStruct(StructType t) {
      LLVMTypeRef[] fields = new LLVMTypeRef[t.fields().size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = mem(t.fields().get(i));
      }
      return ir.struct(fields);
    }

    @Override
    public LLVMTypeRef visitFunction(FunctionType t) {
      throw new IllegalStateException("functions have no runtime representation");
    }

    @Override
    public LLVMTypeRef visitUnknown(UnknownType t) {
      throw new IllegalStateException("untyped expression reached codegen");
    }

    @Override
    public LLVMTypeRef visitAppender(AppenderType t) {
      return appender();
    }

    @Override
    public LLVMTypeRef visitMerger(MergerType t) {
      return mem(t.elem());
    }

    @Override
    public LLVMTypeRef visitDictMerger(DictMergerType t) {
      return ir.ptr();
    }

    @Override
    public LLVMTypeRef visitGroupMerger(GroupMergerType t) {
      return ir.ptr();
    }

    @Override
    public LLVMTypeRef visitVecMerger(VecMergerType t) {
      return vec();
    }
  }
}
