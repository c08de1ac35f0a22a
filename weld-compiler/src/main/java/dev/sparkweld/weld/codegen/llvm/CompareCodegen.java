package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Comparison operators (docs/weld-ir.md 4.2): IEEE for floats, signedness-aware for integers, and lexicographic for
 * vectors and structs through per-type helpers {@code weld.eq.T} and {@code weld.lt.T}.
 */
final class CompareCodegen {
  private final Emitter em;
  private final Ir ir;

  CompareCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  LLVMValueRef compare(BinOpKind op, Type t, LLVMValueRef a, LLVMValueRef b) {
    if (t instanceof ScalarType || t instanceof SimdType) {
      return scalar(op, NumericCodegen.kindOf(t), a, b);
    }
    switch (op) {
      case EQ:
        return eq(t, a, b);
      case NE:
        return LLVMBuildNot(ir.b, eq(t, a, b), "");
      case LT:
        return lt(t, a, b);
      case GT:
        return lt(t, b, a);
      case LE:
        return ir.or(lt(t, a, b), eq(t, a, b));
      case GE:
        return ir.or(lt(t, b, a), eq(t, a, b));
      default:
        throw new IllegalStateException(op.toString());
    }
  }

  private LLVMValueRef scalar(BinOpKind op, ScalarKind k, LLVMValueRef a, LLVMValueRef b) {
    if (k.isFloat()) {
      int pred;
      switch (op) {
        case EQ:
          pred = LLVMRealOEQ;
          break;
        case NE:
          pred = LLVMRealUNE;
          break;
        case LT:
          pred = LLVMRealOLT;
          break;
        case LE:
          pred = LLVMRealOLE;
          break;
        case GT:
          pred = LLVMRealOGT;
          break;
        default:
          pred = LLVMRealOGE;
          break;
      }
      return LLVMBuildFCmp(ir.b, pred, a, b, "");
    }
    boolean signed = k.isSigned();
    int pred;
    switch (op) {
      case EQ:
        pred = LLVMIntEQ;
        break;
      case NE:
        pred = LLVMIntNE;
        break;
      case LT:
        pred = signed ? LLVMIntSLT : LLVMIntULT;
        break;
      case LE:
        pred = signed ? LLVMIntSLE : LLVMIntULE;
        break;
      case GT:
        pred = signed ? LLVMIntSGT : LLVMIntUGT;
        break;
      default:
        pred = signed ? LLVMIntSGE : LLVMIntUGE;
        break;
    }
    return ir.icmp(pred, a, b);
  }

  private LLVMValueRef eq(Type t, LLVMValueRef a, LLVMValueRef b) {
    LLVMTypeRef vt = em.types.val(t);
    LLVMValueRef fn = em.cg.helper("weld.eq." + t, ir.fnType(ir.i1(), vt, vt), f -> {
      LLVMValueRef x = LLVMGetParam(f, 0);
      LLVMValueRef y = LLVMGetParam(f, 1);
      if (t instanceof StructType s) {
        LLVMValueRef all = ir.bool(true);
        for (int i = 0; i < s.fields().size(); i++) {
          Type ft = s.fields().get(i);
          LLVMValueRef xi = em.types.fromMem(ir.extract(x, i), ft);
          LLVMValueRef yi = em.types.fromMem(ir.extract(y, i), ft);
          all = ir.and(all, compare(BinOpKind.EQ, ft, xi, yi));
        }
        LLVMBuildRet(ir.b, all);
        return;
      }
      Type et = ((VecType) t).elem();
      LLVMValueRef n = em.vecLen(x);
      LLVMBasicBlockRef no = ir.block("no");
      LLVMBasicBlockRef head = ir.block("head");
      LLVMBasicBlockRef body = ir.block("body");
      LLVMBasicBlockRef yes = ir.block("yes");
      LLVMBasicBlockRef entry = ir.current();
      ir.condBr(ir.icmp(LLVMIntEQ, n, em.vecLen(y)), head, no);
      ir.at(head);
      LLVMValueRef i = ir.phi(ir.i64(), "i");
      Ir.incoming(i, ir.i64(0), entry);
      ir.condBr(ir.icmp(LLVMIntSLT, i, n), body, yes);
      ir.at(body);
      LLVMValueRef xi = em.types.load(et, em.elemPtr(et, em.vecPtr(x), i));
      LLVMValueRef yi = em.types.load(et, em.elemPtr(et, em.vecPtr(y), i));
      LLVMValueRef same = compare(BinOpKind.EQ, et, xi, yi);
      Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
      ir.condBr(same, head, no);
      ir.at(yes);
      LLVMBuildRet(ir.b, ir.bool(true));
      ir.at(no);
      LLVMBuildRet(ir.b, ir.bool(false));
    });
    return ir.call(ir.fnType(ir.i1(), vt, vt), fn, a, b);
  }

  /** a < b: at the first position where the elements are not ==, the element order; else the shorter is less. */
  private LLVMValueRef lt(Type t, LLVMValueRef a, LLVMValueRef b) {
    LLVMTypeRef vt = em.types.val(t);
    LLVMValueRef fn = em.cg.helper("weld.lt." + t, ir.fnType(ir.i1(), vt, vt), f -> {
      LLVMValueRef x = LLVMGetParam(f, 0);
      LLVMValueRef y = LLVMGetParam(f, 1);
      if (t instanceof StructType s) {
        for (int i = 0; i < s.fields().size(); i++) {
          Type ft = s.fields().get(i);
          LLVMValueRef xi = em.types.fromMem(ir.extract(x, i), ft);
          LLVMValueRef yi = em.types.fromMem(ir.extract(y, i), ft);
          LLVMBasicBlockRef differ = ir.block("differ");
          LLVMBasicBlockRef next = ir.block("next");
          ir.condBr(compare(BinOpKind.EQ, ft, xi, yi), next, differ);
          ir.at(differ);
          LLVMBuildRet(ir.b, compare(BinOpKind.LT, ft, xi, yi));
          ir.at(next);
        }
        LLVMBuildRet(ir.b, ir.bool(false));
        return;
      }
      Type et = ((VecType) t).elem();
      LLVMValueRef nx = em.vecLen(x);
      LLVMValueRef ny = em.vecLen(y);
      LLVMValueRef n = ir.select(ir.icmp(LLVMIntSLT, nx, ny), nx, ny);
      LLVMBasicBlockRef entry = ir.current();
      LLVMBasicBlockRef head = ir.block("head");
      LLVMBasicBlockRef body = ir.block("body");
      LLVMBasicBlockRef differ = ir.block("differ");
      LLVMBasicBlockRef prefix = ir.block("prefix");
      ir.br(head);
      ir.at(head);
      LLVMValueRef i = ir.phi(ir.i64(), "i");
      Ir.incoming(i, ir.i64(0), entry);
      ir.condBr(ir.icmp(LLVMIntSLT, i, n), body, prefix);
      ir.at(body);
      LLVMValueRef xi = em.types.load(et, em.elemPtr(et, em.vecPtr(x), i));
      LLVMValueRef yi = em.types.load(et, em.elemPtr(et, em.vecPtr(y), i));
      LLVMValueRef same = compare(BinOpKind.EQ, et, xi, yi);
      Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
      LLVMBasicBlockRef bodyEnd = ir.current();
      ir.condBr(same, head, differ);
      ir.at(differ);
      LLVMValueRef dx = ir.phi(em.types.val(et), "dx");
      LLVMValueRef dy = ir.phi(em.types.val(et), "dy");
      Ir.incoming(dx, xi, bodyEnd);
      Ir.incoming(dy, yi, bodyEnd);
      LLVMBuildRet(ir.b, compare(BinOpKind.LT, et, dx, dy));
      ir.at(prefix);
      LLVMBuildRet(ir.b, ir.icmp(LLVMIntSLT, nx, ny));
    });
    return ir.call(ir.fnType(ir.i1(), vt, vt), fn, a, b);
  }
}
