package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * {@code sort(v, |a,b| cmp)}: a stable bottom-up merge sort into a new vector, emitted inline so the comparator body
 * (which may read any variable in scope) is inlined too: insertion sort of runs of {@link #RUN}, then merges of
 * doubling width that take the left element on ties.
 */
final class SortCodegen {
  static final long RUN = 16;

  private final Emitter em;
  private final Ir ir;

  SortCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  private Lambda cmp;
  private Env cmpEnv;
  private Type elem;
  private LLVMTypeRef mt;

  LLVMValueRef sort(Sort k) {
    // Comparators may themselves sort: keep the enclosing sort's state.
    Lambda savedCmp = cmp;
    Env savedEnv = cmpEnv;
    Type savedElem = elem;
    LLVMTypeRef savedMt = mt;
    try {
      return sortNow(k);
    } finally {
      cmp = savedCmp;
      cmpEnv = savedEnv;
      elem = savedElem;
      mt = savedMt;
    }
  }

  private LLVMValueRef sortNow(Sort k) {
    if (k.comparator().kind() instanceof Lambda l) {
      cmp = l;
      cmpEnv = em.env;
    } else {
      Ident id = (Ident) k.comparator().kind();
      cmp = em.env.lambda(id.symbol());
      cmpEnv = em.env.lambdaEnv(id.symbol());
    }
    elem = ((VecType) k.data().type()).elem();
    mt = em.types.mem(elem);
    LLVMValueRef v = em.emit(k.data());
    LLVMValueRef n = em.vecLen(v);
    LLVMValueRef bytes = ir.mul(n, em.sizeOfValue(elem));
    LLVMValueRef alloc = ir.select(ir.icmp(LLVMIntSGT, bytes, ir.i64(0)), bytes, ir.i64(1));
    LLVMValueRef src = em.alloc(alloc);
    LLVMValueRef tmp = em.alloc(alloc);
    ir.memcpy(src, em.vecPtr(v), bytes);
    insertionRuns(src, n);
    LLVMValueRef out = merges(src, tmp, n);
    return em.makeVec(out, n);
  }

  /** cmp(a, b) > 0 for elements in memory at pa and pb. */
  private LLVMValueRef greater(LLVMValueRef pa, LLVMValueRef pb) {
    LLVMValueRef a = em.types.load(elem, pa);
    LLVMValueRef b = em.types.load(elem, pb);
    Env scope = cmpEnv.bind(cmp.params().get(0).name(), a).bind(cmp.params().get(1).name(), b);
    // The comparator runs once per comparison: loops inside it must not each start a parallel loop.
    em.loopDepth++;
    try {
      LLVMValueRef c = em.emitIn(scope, cmp.body());
      return ir.icmp(LLVMIntSGT, c, ir.i32(0));
    } finally {
      em.loopDepth--;
    }
  }

  private LLVMValueRef at(LLVMValueRef base, LLVMValueRef i) {
    return ir.gep(mt, base, i);
  }

  private void insertionRuns(LLVMValueRef a, LLVMValueRef n) {
    LLVMBasicBlockRef pre = ir.current();
    LLVMBasicBlockRef runHead = ir.block("srt.run");
    LLVMBasicBlockRef runBody = ir.block("srt.runbody");
    LLVMBasicBlockRef runsDone = ir.block("srt.runsdone");
    ir.br(runHead);
    ir.at(runHead);
    LLVMValueRef lo = ir.phi(ir.i64(), "lo");
    Ir.incoming(lo, ir.i64(0), pre);
    ir.condBr(ir.icmp(LLVMIntSLT, lo, n), runBody, runsDone);
    ir.at(runBody);
    LLVMValueRef end = ir.add(lo, ir.i64(RUN));
    LLVMValueRef hi = ir.select(ir.icmp(LLVMIntSLT, end, n), end, n);
    LLVMBasicBlockRef runStart = ir.current();
    LLVMBasicBlockRef iHead = ir.block("srt.i");
    LLVMBasicBlockRef iBody = ir.block("srt.ibody");
    LLVMBasicBlockRef iDone = ir.block("srt.idone");
    LLVMValueRef first = ir.add(lo, ir.i64(1));
    ir.br(iHead);
    ir.at(iHead);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    Ir.incoming(i, first, runStart);
    ir.condBr(ir.icmp(LLVMIntSLT, i, hi), iBody, iDone);
    ir.at(iBody);
    LLVMValueRef x = ir.load(mt, at(a, i));
    LLVMValueRef xSlot = ir.entryAlloca(mt);
    ir.store(x, xSlot);
    LLVMBasicBlockRef iStart = ir.current();
    LLVMBasicBlockRef jHead = ir.block("srt.j");
    LLVMBasicBlockRef jCmp = ir.block("srt.jcmp");
    LLVMBasicBlockRef jMove = ir.block("srt.jmove");
    LLVMBasicBlockRef jDone = ir.block("srt.jdone");
    ir.br(jHead);
    ir.at(jHead);
    LLVMValueRef j = ir.phi(ir.i64(), "j");
    Ir.incoming(j, i, iStart);
    ir.condBr(ir.icmp(LLVMIntSGT, j, lo), jCmp, jDone);
    ir.at(jCmp);
    LLVMValueRef prev = ir.sub(j, ir.i64(1));
    LLVMValueRef gt = greater(at(a, prev), xSlot);
    LLVMBasicBlockRef cmpEnd = ir.current();
    ir.condBr(gt, jMove, jDone);
    ir.at(jMove);
    ir.store(ir.load(mt, at(a, prev)), at(a, j));
    Ir.incoming(j, prev, jMove);
    ir.br(jHead);
    ir.at(jDone);
    LLVMValueRef jEnd = ir.phi(ir.i64(), "jend");
    Ir.incoming(jEnd, j, jHead);
    Ir.incoming(jEnd, j, cmpEnd);
    ir.store(ir.load(mt, xSlot), at(a, jEnd));
    Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
    ir.br(iHead);
    ir.at(iDone);
    Ir.incoming(lo, hi, iDone);
    ir.br(runHead);
    ir.at(runsDone);
  }

  /** Merge passes of doubling width between a and b; returns the buffer holding the sorted result. */
  private LLVMValueRef merges(LLVMValueRef a0, LLVMValueRef b0, LLVMValueRef n) {
    LLVMBasicBlockRef pre = ir.current();
    LLVMBasicBlockRef wHead = ir.block("srt.w");
    LLVMBasicBlockRef wBody = ir.block("srt.wbody");
    LLVMBasicBlockRef wDone = ir.block("srt.wdone");
    ir.br(wHead);
    ir.at(wHead);
    LLVMValueRef width = ir.phi(ir.i64(), "width");
    LLVMValueRef a = ir.phi(ir.ptr(), "from");
    LLVMValueRef b = ir.phi(ir.ptr(), "to");
    Ir.incoming(width, ir.i64(RUN), pre);
    Ir.incoming(a, a0, pre);
    Ir.incoming(b, b0, pre);
    ir.condBr(ir.icmp(LLVMIntSLT, width, n), wBody, wDone);
    ir.at(wBody);
    LLVMBasicBlockRef wStart = ir.current();
    LLVMBasicBlockRef loHead = ir.block("srt.lo");
    LLVMBasicBlockRef loBody = ir.block("srt.lobody");
    LLVMBasicBlockRef loDone = ir.block("srt.lodone");
    ir.br(loHead);
    ir.at(loHead);
    LLVMValueRef lo = ir.phi(ir.i64(), "lo");
    Ir.incoming(lo, ir.i64(0), wStart);
    ir.condBr(ir.icmp(LLVMIntSLT, lo, n), loBody, loDone);
    ir.at(loBody);
    LLVMValueRef mid = min(ir.add(lo, width), n);
    LLVMValueRef hi = min(ir.add(lo, ir.mul(width, ir.i64(2))), n);
    mergeRange(a, b, lo, mid, hi);
    Ir.incoming(lo, hi, ir.current());
    ir.br(loHead);
    ir.at(loDone);
    Ir.incoming(width, ir.mul(width, ir.i64(2)), loDone);
    Ir.incoming(a, b, loDone);
    Ir.incoming(b, a, loDone);
    ir.br(wHead);
    ir.at(wDone);
    return a;
  }

  private LLVMValueRef min(LLVMValueRef x, LLVMValueRef y) {
    return ir.select(ir.icmp(LLVMIntSLT, x, y), x, y);
  }

  private void mergeRange(LLVMValueRef a, LLVMValueRef b, LLVMValueRef lo, LLVMValueRef mid, LLVMValueRef hi) {
    LLVMBasicBlockRef pre = ir.current();
    LLVMBasicBlockRef head = ir.block("srt.m");
    LLVMBasicBlockRef body = ir.block("srt.mbody");
    LLVMBasicBlockRef checkRight = ir.block("srt.mright");
    LLVMBasicBlockRef compare = ir.block("srt.mcmp");
    LLVMBasicBlockRef choose = ir.block("srt.mchoose");
    LLVMBasicBlockRef done = ir.block("srt.mdone");
    ir.br(head);
    ir.at(head);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    LLVMValueRef j = ir.phi(ir.i64(), "j");
    LLVMValueRef k = ir.phi(ir.i64(), "k");
    Ir.incoming(i, lo, pre);
    Ir.incoming(j, mid, pre);
    Ir.incoming(k, lo, pre);
    ir.condBr(ir.icmp(LLVMIntSLT, k, hi), body, done);
    ir.at(body);
    ir.condBr(ir.icmp(LLVMIntSLT, i, mid), checkRight, choose);
    ir.at(checkRight);
    ir.condBr(ir.icmp(LLVMIntSLT, j, hi), compare, choose);
    ir.at(compare);
    LLVMValueRef leftFirst = LLVMBuildNot(ir.b, greater(at(a, i), at(a, j)), "");
    LLVMBasicBlockRef compareEndBlock = ir.current();
    ir.br(choose);
    ir.at(choose);
    LLVMValueRef takeLeft = ir.phi(ir.i1(), "left");
    Ir.incoming(takeLeft, ir.bool(false), body);
    Ir.incoming(takeLeft, ir.bool(true), checkRight);
    Ir.incoming(takeLeft, leftFirst, compareEndBlock);
    LLVMValueRef from = ir.select(takeLeft, i, j);
    ir.store(ir.load(mt, at(a, from)), at(b, k));
    Ir.incoming(i, ir.add(i, ir.zext(takeLeft, ir.i64())), choose);
    Ir.incoming(j, ir.add(j, ir.zext(LLVMBuildNot(ir.b, takeLeft, ""), ir.i64())), choose);
    Ir.incoming(k, ir.add(k, ir.i64(1)), choose);
    ir.br(head);
    ir.at(done);
  }
}
