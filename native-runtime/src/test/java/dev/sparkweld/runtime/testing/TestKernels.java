package dev.sparkweld.runtime.testing;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.llvm.IrModule;
import dev.sparkweld.runtime.memory.ContextLayout;
import dev.sparkweld.runtime.memory.RuntimeSymbols;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Hand-written kernels for the runtime's tests, each {@code i64 name(ptr env, ptr ctx, ptr args)}, built through the
 * C API as the code generator will. Each method adds one function to the module and returns nothing; compile the
 * module and look the function up by name.
 */
public final class TestKernels {
  private final IrModule m;

  public TestKernels(IrModule m) {
    this.m = m;
  }

  private LLVMValueRef kernel(String name) {
    return m.define(name, m.fnType(m.i64, m.ptr, m.ptr, m.ptr));
  }

  private LLVMValueRef runtime(String name, LLVMTypeRef type) {
    return m.declare(name, type);
  }

  /** Returns {@code ctx + args} as integers: the bridge passes both through untouched. */
  public void addArguments(String name) {
    LLVMValueRef fn = kernel(name);
    LLVMValueRef a = LLVMBuildPtrToInt(m.builder(), m.param(fn, 1), m.i64, "");
    LLVMValueRef b = LLVMBuildPtrToInt(m.builder(), m.param(fn, 2), m.i64, "");
    m.ret(m.add(a, b));
  }

  /** args = {i64* data, i64 length, i64 result}: stores the sum of data[0..length) in result, returns 0. */
  public void sumArray(String name) {
    LLVMValueRef fn = kernel(name);
    LLVMValueRef args = m.param(fn, 2);
    LLVMValueRef data = m.load(m.ptr, args);
    LLVMValueRef length = m.load(m.i64, m.at(args, 8));
    LLVMValueRef i = m.local(m.i64, m.i64(0));
    LLVMValueRef sum = m.local(m.i64, m.i64(0));
    LLVMBasicBlockRef loop = m.block(fn, "loop");
    LLVMBasicBlockRef body = m.block(fn, "body");
    LLVMBasicBlockRef done = m.block(fn, "done");
    m.br(loop);
    m.atEnd(loop);
    LLVMValueRef iv = m.load(m.i64, i);
    m.condBr(m.icmp(LLVMIntSLT, iv, length), body, done);
    m.atEnd(body);
    LLVMValueRef x = m.load(m.i64, m.element(data, m.i64, iv));
    m.store(m.add(m.load(m.i64, sum), x), sum);
    m.store(m.add(iv, m.i64(1)), i);
    m.br(loop);
    m.atEnd(done);
    m.store(m.load(m.i64, sum), m.at(args, 16));
    m.ret(m.i64(0));
  }

  /** args = {i64 index, i64 length}: OUT_OF_BOUNDS (with both as details) unless index < length. */
  public void boundsCheck(String name) {
    LLVMValueRef fn = kernel(name);
    LLVMValueRef args = m.param(fn, 2);
    LLVMValueRef index = m.load(m.i64, args);
    LLVMValueRef length = m.load(m.i64, m.at(args, 8));
    LLVMBasicBlockRef ok = m.block(fn, "ok");
    LLVMBasicBlockRef bad = m.block(fn, "bad");
    m.condBr(m.icmp(LLVMIntULT, index, length), ok, bad);
    m.atEnd(ok);
    m.ret(m.i64(0));
    m.atEnd(bad);
    m.ret(setError(m.param(fn, 1), ErrorKind.OUT_OF_BOUNDS.code(), index, length));
  }

  /** Fails with the ErrorKind code given as args, details (code, -code). */
  public void failWithCode(String name) {
    LLVMValueRef fn = kernel(name);
    LLVMValueRef code = LLVMBuildPtrToInt(m.builder(), m.param(fn, 2), m.i64, "");
    m.ret(setError(m.param(fn, 1), code, code, LLVMBuildNeg(m.builder(), code, "")));
  }

  /** Returns the code given as args without touching the context's error slot. */
  public void returnCode(String name) {
    LLVMValueRef fn = kernel(name);
    m.ret(LLVMBuildPtrToInt(m.builder(), m.param(fn, 2), m.i64, ""));
  }

  /**
   * args = {i64 blockSize, i64 maxBlocks, i64 blocksAllocated}: allocates blocks on worker 0 and writes into each
   * until allocation fails or maxBlocks; then frees nothing and returns the context's error code (0 if none).
   */
  public void allocate(String name) {
    LLVMValueRef fn = kernel(name);
    LLVMValueRef ctx = m.param(fn, 1);
    LLVMValueRef args = m.param(fn, 2);
    LLVMValueRef size = m.load(m.i64, args);
    LLVMValueRef max = m.load(m.i64, m.at(args, 8));
    LLVMValueRef count = m.local(m.i64, m.i64(0));
    LLVMValueRef alloc = runtime(RuntimeSymbols.ALLOC, m.fnType(m.ptr, m.ptr, m.i32, m.i64));
    LLVMBasicBlockRef loop = m.block(fn, "loop");
    LLVMBasicBlockRef body = m.block(fn, "body");
    LLVMBasicBlockRef got = m.block(fn, "got");
    LLVMBasicBlockRef done = m.block(fn, "done");
    m.br(loop);
    m.atEnd(loop);
    m.condBr(m.icmp(LLVMIntSLT, m.load(m.i64, count), max), body, done);
    m.atEnd(body);
    LLVMValueRef p = m.call(LLVMGlobalGetValueType(alloc), alloc, ctx, m.i32(0), size);
    m.condBr(LLVMBuildIsNull(m.builder(), p, ""), done, got);
    m.atEnd(got);
    m.store(m.i64(42), p); // touch the memory: it must be real
    m.store(m.add(m.load(m.i64, count), m.i64(1)), count);
    m.br(loop);
    m.atEnd(done);
    m.store(m.load(m.i64, count), m.at(args, 16));
    LLVMValueRef err = m.load(m.i32, m.at(ctx, ContextLayout.ERROR_CODE));
    m.ret(LLVMBuildSExt(m.builder(), err, m.i64, ""));
  }

  /**
   * args = {i64 rounds}: per round allocates 8 bytes, grows it to 4 KiB with realloc, then to 64 KiB, shrinks it to
   * 16 bytes and frees it; returns the error code (0). Exercises every accounting path on worker {@code worker}.
   */
  public void allocReallocFree(String name, int worker) {
    LLVMValueRef fn = kernel(name);
    LLVMValueRef ctx = m.param(fn, 1);
    LLVMValueRef rounds = m.load(m.i64, m.param(fn, 2));
    LLVMValueRef i = m.local(m.i64, m.i64(0));
    LLVMValueRef alloc = runtime(RuntimeSymbols.ALLOC, m.fnType(m.ptr, m.ptr, m.i32, m.i64));
    LLVMValueRef realloc = runtime(RuntimeSymbols.REALLOC, m.fnType(m.ptr, m.ptr, m.i32, m.ptr, m.i64));
    LLVMValueRef free = runtime(RuntimeSymbols.FREE, m.fnType(m.voidType, m.ptr, m.i32, m.ptr));
    LLVMBasicBlockRef loop = m.block(fn, "loop");
    LLVMBasicBlockRef body = m.block(fn, "body");
    LLVMBasicBlockRef done = m.block(fn, "done");
    m.br(loop);
    m.atEnd(loop);
    m.condBr(m.icmp(LLVMIntSLT, m.load(m.i64, i), rounds), body, done);
    m.atEnd(body);
    LLVMValueRef w = m.i32(worker);
    LLVMValueRef p = m.call(LLVMGlobalGetValueType(alloc), alloc, ctx, w, m.i64(8));
    m.store(m.i64(7), p);
    p = m.call(LLVMGlobalGetValueType(realloc), realloc, ctx, w, p, m.i64(4096));
    p = m.call(LLVMGlobalGetValueType(realloc), realloc, ctx, w, p, m.i64(65536));
    p = m.call(LLVMGlobalGetValueType(realloc), realloc, ctx, w, p, m.i64(16));
    m.call(LLVMGlobalGetValueType(free), free, ctx, w, p);
    m.store(m.add(m.load(m.i64, i), m.i64(1)), i);
    m.br(loop);
    m.atEnd(done);
    m.ret(LLVMBuildSExt(m.builder(), m.load(m.i32, m.at(ctx, ContextLayout.ERROR_CODE)), m.i64, ""));
  }

  /**
   * Spins until the context's cancel flag is set, polling it every 1024 iterations with a monotonic load (the
   * pattern generated loops use), then returns CANCELLED. args = {i64 iterations}: written on exit.
   */
  public void spinUntilCancelled(String name) {
    LLVMValueRef fn = kernel(name);
    LLVMValueRef ctx = m.param(fn, 1);
    LLVMValueRef i = m.local(m.i64, m.i64(0));
    LLVMBasicBlockRef loop = m.block(fn, "loop");
    LLVMBasicBlockRef poll = m.block(fn, "poll");
    LLVMBasicBlockRef stop = m.block(fn, "stop");
    m.br(loop);
    m.atEnd(loop);
    LLVMValueRef next = m.add(m.load(m.i64, i), m.i64(1));
    m.store(next, i);
    LLVMValueRef due = m.icmp(LLVMIntEQ, LLVMBuildAnd(m.builder(), next, m.i64(1023), ""), m.i64(0));
    m.condBr(due, poll, loop);
    m.atEnd(poll);
    LLVMValueRef flag = m.atomicLoad(m.i32, m.at(ctx, ContextLayout.CANCEL), LLVMAtomicOrderingMonotonic);
    m.condBr(m.icmp(LLVMIntNE, flag, m.i32(0)), stop, loop);
    m.atEnd(stop);
    m.store(m.load(m.i64, i), m.param(fn, 2));
    m.ret(setError(ctx, ErrorKind.CANCELLED.code(), m.i64(0), m.i64(0)));
  }

  /** Calls {@code libm}'s function {@code fn} (f64 → f64) on the f64 at args and stores the result there. */
  public void callLibm(String name, String function) {
    LLVMValueRef fn = kernel(name);
    LLVMValueRef callee = m.declare(function, m.fnType(m.f64, m.f64));
    LLVMValueRef x = m.load(m.f64, m.param(fn, 2));
    m.store(m.call(LLVMGlobalGetValueType(callee), callee, x), m.param(fn, 2));
    m.ret(m.i64(0));
  }

  private LLVMValueRef setError(LLVMValueRef ctx, long code, LLVMValueRef d0, LLVMValueRef d1) {
    return setError(ctx, m.i64(code), d0, d1);
  }

  private LLVMValueRef setError(LLVMValueRef ctx, LLVMValueRef code, LLVMValueRef d0, LLVMValueRef d1) {
    LLVMValueRef setError = runtime(RuntimeSymbols.SET_ERROR, m.fnType(m.i64, m.ptr, m.i64, m.i64, m.i64));
    return m.call(LLVMGlobalGetValueType(setError), setError, ctx, code, d0, d1);
  }
}
