package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * The commutative merge operators (+ * min max) on scalars and field-wise on structs of scalars, their identities,
 * and the folding of a simd value's lanes in lane order (ordered reductions, so floats match serial semantics).
 */
final class MergeOps {
  private final Emitter em;
  private final Ir ir;

  MergeOps(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  /** The identity of op for type t, as an SSA value. */
  LLVMValueRef identity(Type t, BuilderOp op) {
    if (t instanceof StructType s) {
      LLVMValueRef v = ir.undef(em.types.mem(t));
      for (int i = 0; i < s.fields().size(); i++) {
        Type f = s.fields().get(i);
        v = ir.insert(v, em.types.toMem(identity(f, op), f), i);
      }
      return v;
    }
    ScalarKind k = ((ScalarType) t).kind();
    LLVMTypeRef lt = em.types.scalar(k);
    if (k == ScalarKind.BOOL) {
      return ir.bool(op == BuilderOp.MIN || op == BuilderOp.MUL);
    }
    switch (op) {
      case ADD:
        return k.isFloat() ? LLVMConstReal(lt, 0.0) : LLVMConstNull(lt);
      case MUL:
        return k.isFloat() ? LLVMConstReal(lt, 1.0) : LLVMConstInt(lt, 1, 0);
      case MIN:
        if (k.isFloat()) {
          return LLVMConstReal(lt, Double.POSITIVE_INFINITY);
        }
        return k.isSigned() ? maxSigned(lt, k) : LLVMConstAllOnes(lt);
      default:
        if (k.isFloat()) {
          return LLVMConstReal(lt, Double.NEGATIVE_INFINITY);
        }
        return k.isSigned() ? LLVMBuildNot(ir.b, maxSigned(lt, k), "") : LLVMConstNull(lt);
    }
  }

  private LLVMValueRef maxSigned(LLVMTypeRef lt, ScalarKind k) {
    if (k == ScalarKind.I128) {
      return ir.i128(-1, Long.MAX_VALUE);
    }
    return LLVMConstInt(lt, Long.MAX_VALUE >>> (64 - k.bits()), 0);
  }

  /** {@code acc op v} where v has type vt (elem, or simd[elem] whose lanes are folded in order). */
  LLVMValueRef fold(BuilderOp op, Type vt, Type elem, LLVMValueRef acc, LLVMValueRef v, boolean checked) {
    if (vt instanceof SimdType s) {
      return foldLanes(op, s, acc, v, checked);
    }
    if (elem instanceof StructType s) {
      LLVMValueRef out = acc;
      for (int i = 0; i < s.fields().size(); i++) {
        Type f = s.fields().get(i);
        LLVMValueRef a = em.types.fromMem(ir.extract(acc, i), f);
        LLVMValueRef x = em.types.fromMem(ir.extract(v, i), f);
        out = ir.insert(out, em.types.toMem(fold(op, f, f, a, x, checked), f), i);
      }
      return out;
    }
    return scalar(op, ((ScalarType) elem).kind(), acc, v, checked);
  }

  LLVMValueRef scalar(BuilderOp op, ScalarKind k, LLVMValueRef a, LLVMValueRef b, boolean checked) {
    LLVMTypeRef lt = LLVMTypeOf(a);
    if (k == ScalarKind.BOOL) {
      return op == BuilderOp.MIN || op == BuilderOp.MUL ? ir.and(a, b) : ir.or(a, b);
    }
    if (k.isFloat()) {
      switch (op) {
        case ADD:
          return reassociable(LLVMBuildFAdd(ir.b, a, b, ""));
        case MUL:
          return reassociable(LLVMBuildFMul(ir.b, a, b, ""));
        case MIN:
          return ir.callIntrinsic("llvm.minimum", new LLVMTypeRef[] {lt}, a, b);
        default:
          return ir.callIntrinsic("llvm.maximum", new LLVMTypeRef[] {lt}, a, b);
      }
    }
    boolean signed = k.isSigned();
    switch (op) {
      case ADD:
        return checked ? overflowing(signed ? "llvm.sadd.with.overflow" : "llvm.uadd.with.overflow", lt, a, b)
            : LLVMBuildAdd(ir.b, a, b, "");
      case MUL:
        return checked ? overflowing(signed ? "llvm.smul.with.overflow" : "llvm.umul.with.overflow", lt, a, b)
            : LLVMBuildMul(ir.b, a, b, "");
      case MIN:
        return ir.callIntrinsic(signed ? "llvm.smin" : "llvm.umin", new LLVMTypeRef[] {lt}, a, b);
      default:
        return ir.callIntrinsic(signed ? "llvm.smax" : "llvm.umax", new LLVMTypeRef[] {lt}, a, b);
    }
  }

  private LLVMValueRef reassociable(LLVMValueRef v) {
    if (em.reassociate && LLVMCanValueUseFastMathFlags(v) != 0) {
      LLVMSetFastMathFlags(v, LLVMFastMathAllowReassoc);
    }
    return v;
  }

  private LLVMValueRef overflowing(String intrinsic, LLVMTypeRef t, LLVMValueRef a, LLVMValueRef b) {
    LLVMValueRef r = ir.callIntrinsic(intrinsic, new LLVMTypeRef[] {t}, a, b);
    em.failIf(ir.extract(r, 1), ErrorKind.INTEGER_OVERFLOW);
    return ir.extract(r, 0);
  }

  private LLVMValueRef foldLanes(BuilderOp op, SimdType s, LLVMValueRef acc, LLVMValueRef v, boolean checked) {
    ScalarKind k = s.elem();
    LLVMTypeRef vt = LLVMTypeOf(v);
    if (k.isFloat() && (op == BuilderOp.ADD || op == BuilderOp.MUL)) {
      // Without reassociation flags these reductions are sequential: ((acc op l0) op l1) ...
      String name = op == BuilderOp.ADD ? "llvm.vector.reduce.fadd" : "llvm.vector.reduce.fmul";
      return ir.callIntrinsic(name, new LLVMTypeRef[] {vt}, acc, v);
    }
    if (checked || k == ScalarKind.BOOL || k == ScalarKind.I128) {
      LLVMValueRef out = acc;
      for (int i = 0; i < em.types.lanes(k); i++) {
        out = scalar(op, k, out, LLVMBuildExtractElement(ir.b, v, ir.i32(i), ""), checked);
      }
      return out;
    }
    String name;
    boolean signed = k.isSigned();
    switch (op) {
      case ADD:
        name = "llvm.vector.reduce.add";
        break;
      case MUL:
        name = "llvm.vector.reduce.mul";
        break;
      case MIN:
        name = k.isFloat() ? "llvm.vector.reduce.fminimum" : signed ? "llvm.vector.reduce.smin"
            : "llvm.vector.reduce.umin";
        break;
      default:
        name = k.isFloat() ? "llvm.vector.reduce.fmaximum" : signed ? "llvm.vector.reduce.smax"
            : "llvm.vector.reduce.umax";
        break;
    }
    LLVMValueRef r = ir.callIntrinsic(name, new LLVMTypeRef[] {vt}, v);
    return scalar(op, k, acc, r, false);
  }
}
