package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import dev.sparkweld.weld.abi.AbiLayout;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * The serial {@code for} loop (docs/weld-ir.md 4.5). Iterator bounds are checked once up front; the loop is
 * strip-mined into chunks so that the cancel flag is read once per chunk while the inner loop stays a plain counted
 * loop that LLVM can vectorize. The builder is an SSA value carried by phis (linearity makes in-place update safe).
 */
final class ForLoopCodegen {
  /** Iterations between two reads of the cancel flag. */
  static final long CHUNK = 1L << 16;

  private final Emitter em;
  private final Ir ir;

  ForLoopCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  /** One iterator after its bounds were evaluated: element i is data[start + i * stride] (or the value, for ranges). */
  record IterState(Iter iter, Type elem, LLVMValueRef data, LLVMValueRef start, LLVMValueRef stride,
      LLVMValueRef count) {}

  LLVMValueRef forLoop(Expr e, For k) {
    Lambda body;
    Env closure;
    if (k.body().kind() instanceof Lambda l) {
      body = l;
      closure = em.env;
    } else {
      Ident id = (Ident) k.body().kind();
      body = em.env.lambda(id.symbol());
      closure = em.env.lambdaEnv(id.symbol());
    }
    IterState[] its = new IterState[k.iters().size()];
    for (int j = 0; j < its.length; j++) {
      its[j] = prepare(k.iters().get(j));
    }
    LLVMValueRef count = its[0].count();
    for (int j = 1; j < its.length; j++) {
      em.failIf(ir.icmp(LLVMIntNE, its[j].count(), count), ErrorKind.BAD_ITERATOR);
    }
    LLVMValueRef b0 = em.emit(k.builder());
    // The body of a @(vectorize:true) loop may reassociate float merges, in the serial loop and in parallel workers.
    boolean outerReassociate = em.reassociate;
    String vectorize = e.annotations().get("vectorize").orElse(null);
    em.reassociate = vectorize == null ? outerReassociate : vectorize.equals("true");
    try {
      if (ParallelForCodegen.eligible(em, k, body)) {
        return new ParallelForCodegen(em).emit(e, k, body, closure, its, count, b0);
      }
      return serialRange(its, body, closure, b0, ir.i64(0), count);
    } finally {
      em.reassociate = outerReassociate;
    }
  }

  /**
   * Iterations {@code [lo, hi)} in order, the builder starting at {@code b0}; returns the final builder. Strip-mined
   * so the stop word (cancel flag, error slot) is read once per {@link #CHUNK} iterations.
   */
  LLVMValueRef serialRange(IterState[] its, Lambda body, Env closure, LLVMValueRef b0, LLVMValueRef lo,
      LLVMValueRef hi) {
    LLVMTypeRef bt = LLVMTypeOf(b0);
    Type elemType = body.params().get(2).type();

    LLVMBasicBlockRef entry = ir.current();
    LLVMBasicBlockRef outer = ir.block("for.outer");
    LLVMBasicBlockRef chunk = ir.block("for.chunk");
    LLVMBasicBlockRef inner = ir.block("for.inner");
    LLVMBasicBlockRef innerBody = ir.block("for.body");
    LLVMBasicBlockRef innerExit = ir.block("for.chunkend");
    LLVMBasicBlockRef exit = ir.block("for.exit");
    ir.br(outer);

    ir.at(outer);
    LLVMValueRef cs = ir.phi(ir.i64(), "chunk.start");
    LLVMValueRef bo = ir.phi(bt, "b.outer");
    Ir.incoming(cs, lo, entry);
    Ir.incoming(bo, b0, entry);
    ir.condBr(ir.icmp(LLVMIntSLT, cs, hi), chunk, exit);

    ir.at(chunk);
    em.checkCancel();
    LLVMValueRef next = ir.add(cs, ir.i64(CHUNK));
    LLVMValueRef ce = ir.select(ir.icmp(LLVMIntSLT, next, hi), next, hi);
    LLVMBasicBlockRef chunkEnd = ir.current();
    ir.br(inner);

    ir.at(inner);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    LLVMValueRef bi = ir.phi(bt, "b");
    Ir.incoming(i, cs, chunkEnd);
    Ir.incoming(bi, bo, chunkEnd);
    ir.condBr(ir.icmp(LLVMIntSLT, i, ce), innerBody, innerExit);

    ir.at(innerBody);
    LLVMValueRef x = element(its, i, elemType);
    Env scope = closure.bind(body.params().get(0).name(), bi).bind(body.params().get(1).name(), i)
        .bind(body.params().get(2).name(), x);
    em.loopDepth++;
    LLVMValueRef bnext;
    try {
      bnext = em.emitIn(scope, body.body());
    } finally {
      em.loopDepth--;
    }
    Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
    Ir.incoming(bi, bnext, ir.current());
    ir.br(inner);

    ir.at(innerExit);
    Ir.incoming(cs, ce, innerExit);
    Ir.incoming(bo, bi, innerExit);
    ir.br(outer);

    ir.at(exit);
    return bo;
  }

  IterState prepare(Iter it) {
    if (it.kind() == IterKind.RANGE) {
      LLVMValueRef s = em.emit(it.start().get());
      LLVMValueRef e = em.emit(it.end().get());
      LLVMValueRef st = em.emit(it.stride().get());
      em.failIf(ir.icmp(LLVMIntEQ, st, ir.i64(0)), ErrorKind.BAD_ITERATOR);
      // Differences taken as unsigned so that no extreme bound overflows.
      LLVMValueRef up = ir.icmp(LLVMIntSGT, st, ir.i64(0));
      LLVMValueRef nUp = ir.select(ir.icmp(LLVMIntSGT, e, s),
          ir.add(LLVMBuildUDiv(ir.b, ir.sub(ir.sub(e, s), ir.i64(1)), st, ""), ir.i64(1)), ir.i64(0));
      LLVMValueRef negSt = LLVMBuildNeg(ir.b, st, "");
      LLVMValueRef nDown = ir.select(ir.icmp(LLVMIntSGT, s, e),
          ir.add(LLVMBuildUDiv(ir.b, ir.sub(ir.sub(s, e), ir.i64(1)), negSt, ""), ir.i64(1)), ir.i64(0));
      // rangeiter of up to 2^63 iterations: the count is non-negative as i64 except for the full range.
      return new IterState(it, dev.sparkweld.weld.ir.Type.I64, null, s, st, ir.select(up, nUp, nDown));
    }
    LLVMValueRef v = em.emit(it.data().get());
    Type elem = ((VecType) it.data().get().type()).elem();
    LLVMValueRef len = em.vecLen(v);
    switch (it.kind()) {
      case SIMD: {
        long w = em.types.lanes(((dev.sparkweld.weld.ir.ScalarType) elem).kind());
        return new IterState(it, elem, v, ir.i64(0), ir.i64(w), LLVMBuildUDiv(ir.b, len, ir.i64(w), ""));
      }
      case FRINGE: {
        long w = em.types.lanes(((dev.sparkweld.weld.ir.ScalarType) elem).kind());
        LLVMValueRef start = ir.mul(LLVMBuildUDiv(ir.b, len, ir.i64(w), ""), ir.i64(w));
        return new IterState(it, elem, v, start, ir.i64(1), ir.sub(len, start));
      }
      case SCALAR:
        if (it.start().isEmpty()) {
          return new IterState(it, elem, v, ir.i64(0), ir.i64(1), len);
        }
        LLVMValueRef s = em.emit(it.start().get());
        LLVMValueRef e = em.emit(it.end().get());
        LLVMValueRef st = em.emit(it.stride().get());
        LLVMValueRef bad = ir.or(ir.or(ir.icmp(LLVMIntSLE, st, ir.i64(0)), ir.icmp(LLVMIntSLT, s, ir.i64(0))),
            ir.or(ir.icmp(LLVMIntSGT, s, e), ir.icmp(LLVMIntSGT, e, len)));
        em.failIf(bad, ErrorKind.BAD_ITERATOR);
        LLVMValueRef n = LLVMBuildUDiv(ir.b, ir.add(ir.sub(e, s), ir.sub(st, ir.i64(1))), st, "");
        return new IterState(it, elem, v, s, st, n);
      default:
        throw new IllegalStateException("iterator " + it.kind() + " is not supported");
    }
  }

  LLVMValueRef element(IterState[] its, LLVMValueRef i, Type elemType) {
    if (its.length == 1) {
      return one(its[0], i);
    }
    LLVMValueRef s = ir.undef(em.types.mem(elemType));
    for (int j = 0; j < its.length; j++) {
      Type t = ((dev.sparkweld.weld.ir.StructType) elemType).fields().get(j);
      s = ir.insert(s, em.types.toMem(one(its[j], i), t), j);
    }
    return s;
  }

  private LLVMValueRef one(IterState it, LLVMValueRef i) {
    LLVMValueRef idx = ir.add(it.start(), ir.mul(i, it.stride()));
    if (it.iter().kind() == IterKind.RANGE) {
      return idx;
    }
    LLVMValueRef p = em.elemPtr(it.elem(), em.vecPtr(it.data()), idx);
    if (it.iter().kind() == IterKind.SIMD) {
      ScalarKind k = ((dev.sparkweld.weld.ir.ScalarType) it.elem()).kind();
      SimdType st = new SimdType(k);
      LLVMValueRef load = ir.load(em.types.mem(st), p);
      LLVMSetAlignment(load, (int) AbiLayout.align(it.elem()));
      return em.types.fromMem(load, st);
    }
    return em.types.load(it.elem(), p);
  }
}
