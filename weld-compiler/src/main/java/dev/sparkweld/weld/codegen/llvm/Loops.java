package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import java.util.function.BiFunction;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** Counted loops for runtime-internal code (combining, filling), not Weld loops: no cancel polls, no builders. */
final class Loops {
  private Loops() {}

  /**
   * {@code for (i = 0; i < n; i++) carried = body(i, carried)}; returns the final carried value (null when none is
   * carried: {@code carried} null, body returns null).
   */
  static LLVMValueRef counted(Ir ir, LLVMValueRef n, LLVMValueRef carried,
      BiFunction<LLVMValueRef, LLVMValueRef, LLVMValueRef> body) {
    return range(ir, ir.i64(0), n, carried, body);
  }

  /** As {@link #counted} over {@code [lo, hi)}. */
  static LLVMValueRef range(Ir ir, LLVMValueRef lo, LLVMValueRef hi, LLVMValueRef carried,
      BiFunction<LLVMValueRef, LLVMValueRef, LLVMValueRef> body) {
    LLVMBasicBlockRef pre = ir.current();
    LLVMBasicBlockRef head = ir.block("rt.head");
    LLVMBasicBlockRef loop = ir.block("rt.body");
    LLVMBasicBlockRef exit = ir.block("rt.exit");
    ir.br(head);
    ir.at(head);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    LLVMValueRef v = carried == null ? null : ir.phi(LLVMTypeOf(carried), "v");
    Ir.incoming(i, lo, pre);
    if (v != null) {
      Ir.incoming(v, carried, pre);
    }
    ir.condBr(ir.icmp(LLVMIntSLT, i, hi), loop, exit);
    ir.at(loop);
    LLVMValueRef next = body.apply(i, v);
    Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
    if (v != null) {
      Ir.incoming(v, next, ir.current());
    }
    ir.br(head);
    ir.at(exit);
    return v;
  }

  /** Emits {@code then} only when {@code cond} holds. */
  static void when(Ir ir, LLVMValueRef cond, Runnable then) {
    LLVMBasicBlockRef yes = ir.block("rt.then");
    LLVMBasicBlockRef after = ir.block("rt.after");
    ir.condBr(cond, yes, after);
    ir.at(yes);
    then.run();
    ir.br(after);
    ir.at(after);
  }
}
