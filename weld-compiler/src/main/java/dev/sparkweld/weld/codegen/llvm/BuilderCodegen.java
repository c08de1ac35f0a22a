package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecMergerType;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * newbuilder, merge and result for the five builders. Appenders grow geometrically through the run context;
 * mergers are SSA accumulators (so LLVM can keep them in registers and vectorize the loop); vecmergers fold into a
 * private copy of their initial vector; dictionaries and groups live in {@link DictCodegen} and
 * {@link GroupMergerCodegen}.
 */
final class BuilderCodegen {
  private static final long MIN_APPENDER_CAPACITY = 16;
  /**
   * Tables start no larger than this many entries whatever their size hint says: a hint sizes memory, and an absurd
   * one must neither overflow the size computations nor fail a program that merges little (larger tables grow).
   */
  private static final long MAX_TABLE_HINT = 1L << 24;
  /** Appender hints beyond this many elements are ignored (no size computation can overflow below it). */
  private static final long MAX_APPENDER_HINT = 1L << 32;

  private final Emitter em;
  private final Ir ir;
  private final MergeOps ops;
  private final DictCodegen dicts;
  private final GroupMergerCodegen groups;

  BuilderCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
    this.ops = new MergeOps(em);
    this.dicts = new DictCodegen(em);
    this.groups = new GroupMergerCodegen(em, dicts);
  }

  LLVMValueRef newBuilder(Expr e, NewBuilder k) {
    Type t = e.type();
    LLVMValueRef arg = k.arg().isPresent() ? em.emit(k.arg().get()) : null;
    if (t instanceof AppenderType a) {
      return newAppender(a, arg == null ? ir.i64(MIN_APPENDER_CAPACITY) : arg);
    }
    if (t instanceof MergerType m) {
      return arg != null ? arg : ops.identity(m.elem(), m.op());
    }
    if (t instanceof DictMergerType d) {
      return dicts.newDict(d.key(), d.value(), tableHint(arg));
    }
    if (t instanceof GroupMergerType g) {
      return groups.newGroups(g, tableHint(arg));
    }
    VecMergerType v = (VecMergerType) t;
    LLVMValueRef bytes = ir.mul(em.vecLen(arg), em.sizeOfValue(v.elem()));
    LLVMValueRef p = em.alloc(bytes);
    ir.memcpy(p, em.vecPtr(arg), bytes);
    return em.makeVec(p, em.vecLen(arg));
  }

  private LLVMValueRef tableHint(LLVMValueRef arg) {
    if (arg == null) {
      return ir.i64(0);
    }
    return ir.select(ir.icmp(LLVMIntSGT, arg, ir.i64(MAX_TABLE_HINT)), ir.i64(MAX_TABLE_HINT), arg);
  }

  /**
   * An empty appender with room for {@code hint} elements (at least {@link #MIN_APPENDER_CAPACITY}); a hint whose
   * memory is refused (or beyond {@link #MAX_APPENDER_HINT}) gets the minimum instead of failing the program.
   */
  LLVMValueRef newAppender(AppenderType a, LLVMValueRef hint) {
    LLVMValueRef h = ir.select(ir.icmp(LLVMIntSGT, hint, ir.i64(MAX_APPENDER_HINT)), ir.i64(0), hint);
    LLVMValueRef cap = ir.select(ir.icmp(LLVMIntSGT, h, ir.i64(MIN_APPENDER_CAPACITY)), h,
        ir.i64(MIN_APPENDER_CAPACITY));
    LLVMValueRef size = em.sizeOfValue(a.elem());
    LLVMValueRef min = ir.i64(MIN_APPENDER_CAPACITY);
    // Without the hint (c = 0): room for the minimum.
    Emitter.Hinted p = em.hinted(cap, c -> em.cg.rt.alloc(em.ctx, em.worker,
        ir.mul(ir.select(ir.icmp(LLVMIntSGT, c, min), c, min), size)));
    em.failIf(LLVMBuildIsNull(ir.b, p.value(), ""), ErrorKind.MEMORY_LIMIT);
    LLVMValueRef got = ir.select(p.retried(), min, cap);
    return ir.aggregate(em.types.appender(), p.value(), ir.i64(0), got);
  }

  LLVMValueRef merge(Expr e, Merge k) {
    LLVMValueRef b = em.emit(k.builder());
    LLVMValueRef v = em.emit(k.value());
    Type bt = k.builder().type();
    Type vt = k.value().type();
    boolean checked = em.cg.builderModes.checked(e);
    if (bt instanceof AppenderType a) {
      return vt instanceof SimdType s ? appendSimd(a.elem(), s, b, v) : append(a.elem(), b, v);
    }
    if (bt instanceof MergerType m) {
      return ops.fold(m.op(), vt, m.elem(), b, v, checked);
    }
    if (bt instanceof DictMergerType d) {
      dicts.mergeInto(d, b, v, checked, ops);
      return b;
    }
    if (bt instanceof GroupMergerType g) {
      groups.merge(g, b, v);
      return b;
    }
    VecMergerType vm = (VecMergerType) bt;
    LLVMValueRef idx = em.types.fromMem(ir.extract(v, 0), dev.sparkweld.weld.ir.Type.I64);
    Type et = vm.elem();
    LLVMValueRef val = em.types.fromMem(ir.extract(v, 1), et);
    em.failIf(ir.icmp(LLVMIntUGE, idx, em.vecLen(b)), ErrorKind.OUT_OF_BOUNDS);
    LLVMValueRef p = em.elemPtr(et, em.vecPtr(b), idx);
    em.types.store(et, ops.fold(vm.op(), et, et, em.types.load(et, p), val, checked), p);
    return b;
  }

  LLVMValueRef result(Result k) {
    LLVMValueRef b = em.emit(k.builder());
    Type bt = k.builder().type();
    if (bt instanceof AppenderType) {
      return em.makeVec(ir.extract(b, 0), ir.extract(b, 1));
    }
    if (bt instanceof GroupMergerType g) {
      return groups.finish(g, b);
    }
    // Mergers are their accumulator, dictmergers their table, vecmergers their vector.
    return b;
  }

  /** Makes room for {@code extra} more elements, growing the buffer geometrically. */
  private LLVMValueRef[] reserve(Type elem, LLVMValueRef b, long extra) {
    LLVMValueRef p = ir.extract(b, 0);
    LLVMValueRef len = ir.extract(b, 1);
    LLVMValueRef cap = ir.extract(b, 2);
    LLVMValueRef need = ir.add(len, ir.i64(extra));
    LLVMBasicBlockRef before = ir.current();
    LLVMBasicBlockRef grow = ir.block("app.grow");
    LLVMBasicBlockRef cont = ir.block("app.cont");
    LLVMValueRef full = ir.icmp(LLVMIntSGT, need, cap);
    ir.condBr(ir.callIntrinsic("llvm.expect", new LLVMTypeRef[] {ir.i1()}, full, ir.bool(false)), grow, cont);
    ir.at(grow);
    LLVMValueRef doubled = ir.mul(cap, ir.i64(2));
    LLVMValueRef newCap = ir.select(ir.icmp(LLVMIntSGT, doubled, need), doubled, need);
    LLVMValueRef p2 = em.realloc(p, ir.mul(newCap, em.sizeOfValue(elem)));
    LLVMBasicBlockRef growEnd = ir.current();
    ir.br(cont);
    ir.at(cont);
    LLVMValueRef pp = ir.phi(ir.ptr(), "p");
    LLVMValueRef cp = ir.phi(ir.i64(), "cap");
    Ir.incoming(pp, p, before);
    Ir.incoming(pp, p2, growEnd);
    Ir.incoming(cp, cap, before);
    Ir.incoming(cp, newCap, growEnd);
    return new LLVMValueRef[] {pp, len, cp};
  }

  private LLVMValueRef append(Type elem, LLVMValueRef b, LLVMValueRef v) {
    LLVMValueRef[] s = reserve(elem, b, 1);
    em.types.store(elem, v, em.elemPtr(elem, s[0], s[1]));
    return ir.aggregate(em.types.appender(), s[0], ir.add(s[1], ir.i64(1)), s[2]);
  }

  private LLVMValueRef appendSimd(Type elem, SimdType st, LLVMValueRef b, LLVMValueRef v) {
    int w = em.types.lanes(st.elem());
    LLVMValueRef[] s = reserve(elem, b, w);
    LLVMValueRef store = LLVMBuildStore(ir.b, em.types.toMem(v, st), em.elemPtr(elem, s[0], s[1]));
    LLVMSetAlignment(store, (int) AbiLayout.align(elem));
    return ir.aggregate(em.types.appender(), s[0], ir.add(s[1], ir.i64(w)), s[2]);
  }
}
