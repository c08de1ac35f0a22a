package dev.sparkweld.weld.codegen.llvm;

import dev.sparkweld.runtime.memory.RuntimeSymbols;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * The native runtime functions generated code calls (docs/abi.md): allocation through the run context, which
 * accounts and limits memory and frees everything when the context closes. They return null (with the error recorded
 * in the context) when the memory limit is hit.
 */
final class RuntimeAbi {
  static final String ALLOC = RuntimeSymbols.ALLOC;
  static final String REALLOC = RuntimeSymbols.REALLOC;
  static final String FREE = RuntimeSymbols.FREE;
  static final String SET_ERROR = RuntimeSymbols.SET_ERROR;
  static final String PARALLEL_FOR = RuntimeSymbols.PARALLEL_FOR;

  private final Ir ir;

  RuntimeAbi(Ir ir) {
    this.ir = ir;
  }

  LLVMTypeRef allocType() {
    return ir.fnType(ir.ptr(), ir.ptr(), ir.i32(), ir.i64());
  }

  LLVMTypeRef reallocType() {
    return ir.fnType(ir.ptr(), ir.ptr(), ir.i32(), ir.ptr(), ir.i64());
  }

  LLVMTypeRef freeType() {
    return ir.fnType(ir.voidT(), ir.ptr(), ir.i32(), ir.ptr());
  }

  /** {@code weld_rt_alloc(ctx, worker, bytes)}: null when the limit is reached. */
  LLVMValueRef alloc(LLVMValueRef ctx, LLVMValueRef worker, LLVMValueRef bytes) {
    return ir.call(allocType(), ir.declare(ALLOC, allocType()), ctx, worker, bytes);
  }

  LLVMValueRef realloc(LLVMValueRef ctx, LLVMValueRef worker, LLVMValueRef p, LLVMValueRef bytes) {
    return ir.call(reallocType(), ir.declare(REALLOC, reallocType()), ctx, worker, p, bytes);
  }

  void free(LLVMValueRef ctx, LLVMValueRef worker, LLVMValueRef p) {
    ir.call(freeType(), ir.declare(FREE, freeType()), ctx, worker, p);
  }

  /** {@code weld_rt_set_error(ctx, code, d0, d1)}: records the first error of the run; returns code. */
  LLVMValueRef setError(LLVMValueRef ctx, LLVMValueRef code, LLVMValueRef d0, LLVMValueRef d1) {
    LLVMTypeRef t = ir.fnType(ir.i64(), ir.ptr(), ir.i64(), ir.i64(), ir.i64());
    return ir.call(t, ir.declare(SET_ERROR, t), ctx, code, d0, d1);
  }

  /** {@code weld_rt_parallel_for(ctx, fn, task, participants)}: i32 1 when the loop ran, 0 if it could not start. */
  LLVMValueRef parallelFor(LLVMValueRef ctx, LLVMValueRef fn, LLVMValueRef task, LLVMValueRef participants) {
    LLVMTypeRef t = ir.fnType(ir.i32(), ir.ptr(), ir.ptr(), ir.ptr(), ir.i64());
    return ir.call(t, ir.declare(PARALLEL_FOR, t), ctx, fn, task, participants);
  }
}
