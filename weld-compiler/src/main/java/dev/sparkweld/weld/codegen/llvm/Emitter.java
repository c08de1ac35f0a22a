package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.conf.OverflowMode;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.runtime.memory.ContextLayout;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Emits the code of one native function from typed IR: holds the lexical environment, the run context and worker id
 * values, and the function's error exit (a block that returns the {@link ErrorKind} code; every failing check
 * branches there). Expression kinds are dispatched by {@link ExprEmitter} to one class per capability.
 */
final class Emitter {
  final CodegenModule cg;
  final Ir ir;
  final LlvmTypes types;
  final LLVMValueRef ctx;
  final LLVMValueRef worker;
  Env env = Env.EMPTY;
  /**
   * Set while emitting the body of a {@code @(vectorize:true)} loop: float {@code +}/{@code *} merges may then be
   * reassociated (spec 4.5 allows it for float mergers), which LLVM's loop vectorizer needs to run them in lanes.
   */
  boolean reassociate;
  /**
   * True in a parallel loop's worker function: a failing check also records its code in the context (first error
   * wins), so the other workers stop and the kernel reports it.
   */
  private final boolean recordErrors;
  /** Loop bodies being emitted around the current point; only loops at depth 0 of the kernel run in parallel. */
  int loopDepth;
  private final ExprEmitter dispatch;
  private LLVMBasicBlockRef errorBlock;
  private LLVMValueRef errorCode;

  Emitter(CodegenModule cg, LLVMValueRef ctx, LLVMValueRef worker) {
    this(cg, ctx, worker, false);
  }

  /** The emitter of a parallel loop's worker function: errors are recorded, loops inside stay serial. */
  static Emitter forWorker(CodegenModule cg, LLVMValueRef ctx, LLVMValueRef worker) {
    Emitter em = new Emitter(cg, ctx, worker, true);
    em.loopDepth = 1;
    return em;
  }

  private Emitter(CodegenModule cg, LLVMValueRef ctx, LLVMValueRef worker, boolean recordErrors) {
    this.recordErrors = recordErrors;
    this.cg = cg;
    this.ir = cg.ir;
    this.types = cg.types;
    this.ctx = ctx;
    this.worker = worker;
    this.dispatch = new ExprEmitter(this);
  }

  LLVMValueRef emit(Expr e) {
    return e.accept(dispatch);
  }

  /** Emits {@code e} in the environment extended as given, restoring the environment afterwards. */
  LLVMValueRef emitIn(Env scope, Expr e) {
    Env saved = env;
    env = scope;
    try {
      return emit(e);
    } finally {
      env = saved;
    }
  }

  // ---- errors

  private void ensureErrorBlock() {
    if (errorBlock != null) {
      return;
    }
    LLVMBasicBlockRef here = ir.current();
    errorBlock = ir.block("fail");
    ir.at(errorBlock);
    errorCode = ir.phi(ir.i64(), "code");
    if (recordErrors) {
      cg.rt.setError(ctx, errorCode, ir.i64(0), ir.i64(ContextLayout.NO_DETAIL));
    }
    LLVMBuildRet(ir.b, errorCode);
    ir.at(here);
  }

  /** What {@link #hinted} made, and whether it had to retry without the hint (an i1). */
  record Hinted(LLVMValueRef value, LLVMValueRef retried) {}

  /**
   * {@code make(hint)}, memory sized by a size hint or null when it is refused; then {@code make(0)} if it was
   * refused: a hint sizes memory, it never fails a program that would run without it.
   */
  Hinted hinted(LLVMValueRef hint, java.util.function.Function<LLVMValueRef, LLVMValueRef> make) {
    LLVMValueRef first = make.apply(hint);
    LLVMBasicBlockRef from = ir.current();
    LLVMBasicBlockRef retry = ir.block("hint.retry");
    LLVMBasicBlockRef done = ir.block("hint.done");
    ir.condBr(LLVMBuildIsNull(ir.b, first, ""), retry, done);
    ir.at(retry);
    LLVMValueRef second = make.apply(ir.i64(0));
    LLVMBasicBlockRef retried = ir.current();
    ir.br(done);
    ir.at(done);
    LLVMValueRef p = ir.phi(ir.ptr(), "hinted");
    Ir.incoming(p, first, from);
    Ir.incoming(p, second, retried);
    LLVMValueRef again = ir.phi(ir.i1(), "hint.again");
    Ir.incoming(again, ir.bool(false), from);
    Ir.incoming(again, ir.bool(true), retried);
    return new Hinted(p, again);
  }

  /** Branches to the error exit with {@code kind} when {@code cond} holds; continues in a fresh block otherwise. */
  void failIf(LLVMValueRef cond, ErrorKind kind) {
    ensureErrorBlock();
    LLVMValueRef expect = ir.callIntrinsic("llvm.expect", new LLVMTypeRef[] {ir.i1()}, cond, ir.bool(false));
    LLVMBasicBlockRef ok = ir.block("ok");
    ir.condBr(expect, errorBlock, ok);
    Ir.incoming(errorCode, ir.i64(kind.code()), ir.current());
    ir.at(ok);
  }

  /** Fails with the code held in an i64 value (non-zero) when it is non-zero. */
  void failIfCode(LLVMValueRef code) {
    ensureErrorBlock();
    LLVMBasicBlockRef ok = ir.block("ok");
    LLVMValueRef bad = ir.icmp(LLVMIntNE, code, ir.i64(0));
    ir.condBr(bad, errorBlock, ok);
    Ir.incoming(errorCode, code, ir.current());
    ir.at(ok);
  }

  /** Unconditionally fails (the current block ends); continues in an unreachable fresh block. */
  void fail(ErrorKind kind) {
    failIf(ir.bool(true), kind);
  }

  // ---- memory

  /** Allocates {@code bytes} through the run context, failing with MEMORY_LIMIT when refused. */
  LLVMValueRef alloc(LLVMValueRef bytes) {
    LLVMValueRef p = cg.rt.alloc(ctx, worker, bytes);
    failIf(LLVMBuildIsNull(ir.b, p, ""), ErrorKind.MEMORY_LIMIT);
    return p;
  }

  LLVMValueRef realloc(LLVMValueRef old, LLVMValueRef bytes) {
    LLVMValueRef p = cg.rt.realloc(ctx, worker, old, bytes);
    failIf(LLVMBuildIsNull(ir.b, p, ""), ErrorKind.MEMORY_LIMIT);
    return p;
  }

  /** Byte size of one element of type t in memory. */
  long sizeOf(Type t) {
    return AbiLayout.size(t);
  }

  LLVMValueRef sizeOfValue(Type t) {
    return ir.i64(sizeOf(t));
  }

  boolean checked(Expr e) {
    String mode = e.annotations().get("overflow").orElse(null);
    if ("check".equals(mode)) {
      return true;
    }
    if ("wrap".equals(mode)) {
      return false;
    }
    return cg.overflow == OverflowMode.CHECK;
  }

  // ---- vectors as SSA {ptr, len}

  LLVMValueRef vecPtr(LLVMValueRef vec) {
    return ir.extract(vec, 0);
  }

  LLVMValueRef vecLen(LLVMValueRef vec) {
    return ir.extract(vec, 1);
  }

  LLVMValueRef makeVec(LLVMValueRef ptr, LLVMValueRef len) {
    return ir.aggregate(types.vec(), ptr, len);
  }

  /** Address of element i (i64) of a vector whose elements have type t. */
  LLVMValueRef elemPtr(Type t, LLVMValueRef base, LLVMValueRef i) {
    return ir.gep(types.mem(t), base, i);
  }

  /**
   * Checks the run context's cancel flag and error slot (docs/abi.md: adjacent, one 8-byte load) and fails with
   * CANCELLED when either is set: a cancel request, or another worker's error (whose code the run reports).
   */
  void checkCancel() {
    failIf(ir.icmp(LLVMIntNE, stopWord(), ir.i64(0)), ErrorKind.CANCELLED);
  }

  /** The cancel flag and error code as one i64: non-zero when the run must stop. */
  LLVMValueRef stopWord() {
    LLVMValueRef flag = ir.load(ir.i64(), ir.byteGep(ctx, ir.i64(ContextLayout.CANCEL)));
    LLVMSetOrdering(flag, LLVMAtomicOrderingMonotonic);
    LLVMSetAlignment(flag, 8);
    return flag;
  }
}
