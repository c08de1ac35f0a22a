package dev.sparkweld.runtime.memory;

import static dev.sparkweld.runtime.memory.ContextLayout.*;
import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.bridge.JniTable;
import dev.sparkweld.runtime.llvm.IrModule;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * The shared, rarely taken side of the runtime: errors, context init, reserving memory against the limit and asking
 * the embedding for more. Fast paths live in {@link AllocatorIr}; every function here is reached only when a worker's
 * budget is exhausted or something failed.
 */
final class BudgetIr {
  private final IrModule m;

  BudgetIr(IrModule m) {
    this.m = m;
  }

  /** {@code i64 weld_rt_set_error(ptr ctx, i64 code, i64 detail0, i64 detail1)}: first error wins; returns code. */
  LLVMValueRef emitSetError() {
    LLVMValueRef fn = m.define(RuntimeSymbols.SET_ERROR, m.fnType(m.i64, m.ptr, m.i64, m.i64, m.i64));
    m.fnAttr(fn, "noinline");
    m.fnAttr(fn, "cold");
    LLVMValueRef ctx = m.param(fn, 0);
    LLVMValueRef code = m.param(fn, 1);
    LLVMBasicBlockRef first = m.block(fn, "first");
    LLVMBasicBlockRef done = m.block(fn, "done");
    LLVMValueRef code32 = LLVMBuildTrunc(m.builder(), code, m.i32, "");
    m.condBr(m.compareAndSwap(m.at(ctx, ERROR_CODE), m.i32(0), code32), first, done);
    m.atEnd(first);
    m.store(m.param(fn, 2), m.at(ctx, ERROR_DETAIL0));
    m.store(m.param(fn, 3), m.at(ctx, ERROR_DETAIL1));
    m.br(done);
    m.atEnd(done);
    m.ret(code);
    return fn;
  }

  /** {@code i64 weld_rt_init(JNIEnv*, ptr ctx, ptr)}: stores the JavaVM* for later upcalls. Kernel-shaped. */
  void emitInit() {
    LLVMValueRef fn = m.define(RuntimeSymbols.INIT, m.fnType(m.i64, m.ptr, m.ptr, m.ptr));
    LLVMValueRef rc = m.jni(m.param(fn, 0), JniTable.GET_JAVA_VM, m.fnType(m.i32, m.ptr, m.ptr),
        m.at(m.param(fn, 1), JAVA_VM));
    m.ret(LLVMBuildSExt(m.builder(), rc, m.i64, ""));
  }

  /**
   * {@code i1 grant(ptr ctx, i64 bytes)}: asks the grantor ({@code GrantorUpcall.acquire(long)}) through JNI, on the
   * calling thread's JNIEnv (GetEnv from the context's JavaVM: allocation functions have no env argument). A Java
   * exception counts as a refusal; the Java wrapper already catches and records them.
   */
  LLVMValueRef emitGrant() {
    LLVMValueRef fn = m.define("weld_rt_grant", m.fnType(m.i1, m.ptr, m.i64));
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    m.fnAttr(fn, "noinline");
    LLVMValueRef ctx = m.param(fn, 0);
    LLVMValueRef envSlot = m.local(m.ptr, m.nullPtr());
    LLVMValueRef jvalue = m.local(m.i64, m.param(fn, 1));
    LLVMValueRef no = LLVMConstInt(m.i1, 0, 0);

    LLVMValueRef vm = m.load(m.ptr, m.at(ctx, JAVA_VM));
    LLVMValueRef getEnv = m.load(m.ptr, m.at(m.load(m.ptr, vm), 8L * JniTable.VM_GET_ENV));
    LLVMValueRef rc = m.call(m.fnType(m.i32, m.ptr, m.ptr, m.i32), getEnv, vm, envSlot, m.i32(JniTable.JNI_VERSION));
    LLVMBasicBlockRef attached = m.block(fn, "attached");
    LLVMBasicBlockRef refuse = m.block(fn, "refuse");
    m.condBr(m.icmp(LLVMIntEQ, rc, m.i32(0)), attached, refuse);
    m.atEnd(refuse);
    m.ret(no);

    m.atEnd(attached);
    LLVMValueRef env = m.load(m.ptr, envSlot);
    LLVMValueRef grantor = m.load(m.ptr, m.at(ctx, GRANTOR));
    LLVMValueRef cls = m.jni(env, JniTable.GET_OBJECT_CLASS, m.fnType(m.ptr, m.ptr, m.ptr), grantor);
    LLVMValueRef mid = m.jni(env, JniTable.GET_METHOD_ID, m.fnType(m.ptr, m.ptr, m.ptr, m.ptr, m.ptr), cls,
        m.cString("acquire"), m.cString("(J)Z"));
    LLVMBasicBlockRef call = m.block(fn, "call");
    LLVMBasicBlockRef noMethod = m.block(fn, "nomethod");
    m.condBr(LLVMBuildIsNotNull(m.builder(), mid, ""), call, noMethod);
    m.atEnd(noMethod);
    m.jni(env, JniTable.EXCEPTION_CLEAR, m.fnType(m.voidType, m.ptr));
    m.jni(env, JniTable.DELETE_LOCAL_REF, m.fnType(m.voidType, m.ptr, m.ptr), cls);
    m.ret(no);

    m.atEnd(call);
    LLVMValueRef granted = m.jni(env, JniTable.CALL_BOOLEAN_METHOD_A,
        m.fnType(m.i8, m.ptr, m.ptr, m.ptr, m.ptr), grantor, mid, jvalue);
    LLVMValueRef threw = m.jni(env, JniTable.EXCEPTION_CHECK, m.fnType(m.i8, m.ptr));
    LLVMBasicBlockRef clear = m.block(fn, "clear");
    LLVMBasicBlockRef after = m.block(fn, "after");
    m.condBr(m.icmp(LLVMIntNE, threw, m.i8(0)), clear, after);
    m.atEnd(clear);
    m.jni(env, JniTable.EXCEPTION_CLEAR, m.fnType(m.voidType, m.ptr));
    m.br(after);
    m.atEnd(after);
    // Kernels run inside one long native call: local references would pile up until it returns.
    m.jni(env, JniTable.DELETE_LOCAL_REF, m.fnType(m.voidType, m.ptr, m.ptr), cls);
    m.atomicRmw(LLVMAtomicRMWBinOpAdd, m.at(ctx, GRANT_UPCALLS), m.i64(1));
    LLVMValueRef ok = LLVMBuildAnd(m.builder(), m.icmp(LLVMIntNE, granted, m.i8(0)),
        m.icmp(LLVMIntEQ, threw, m.i8(0)), "");
    LLVMBasicBlockRef count = m.block(fn, "count");
    LLVMBasicBlockRef done = m.block(fn, "done");
    m.condBr(ok, count, done);
    m.atEnd(count);
    m.atomicRmw(LLVMAtomicRMWBinOpAdd, m.at(ctx, GRANTED), m.param(fn, 1));
    m.br(done);
    m.atEnd(done);
    m.ret(ok);
    return fn;
  }

  /**
   * {@code i32 reserve(ptr ctx, ptr worker, i64 need)}: moves at least {@code need} bytes (usually RESERVE_CHUNK)
   * from the context's limit into the worker's budget. Returns 0, or 1 + the MEMORY_LIMIT reason (limit reached,
   * grant refused). Lock-free: a compare-and-swap on RESERVED; with a grantor, first grows GRANTED by at least
   * GRANT_CHUNK through an upcall.
   */
  LLVMValueRef emitReserve(LLVMValueRef grant) {
    LLVMValueRef fn = m.define("weld_rt_reserve", m.fnType(m.i32, m.ptr, m.ptr, m.i64));
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    m.fnAttr(fn, "noinline");
    LLVMValueRef ctx = m.param(fn, 0);
    LLVMValueRef worker = m.param(fn, 1);
    LLVMValueRef need = m.param(fn, 2);
    LLVMValueRef amount = m.local(m.i64, m.i64(0));
    LLVMValueRef limit = m.load(m.i64, m.at(ctx, LIMIT));
    LLVMValueRef chunk = m.select(m.icmp(LLVMIntSGT, need, m.i64(RESERVE_CHUNK)), need, m.i64(RESERVE_CHUNK));
    LLVMValueRef grantor = m.load(m.ptr, m.at(ctx, GRANTOR));
    LLVMBasicBlockRef loop = m.block(fn, "loop");
    LLVMBasicBlockRef fits = m.block(fn, "fits");
    LLVMBasicBlockRef checkGrant = m.block(fn, "checkgrant");
    LLVMBasicBlockRef withinGrant = m.block(fn, "withingrant");
    LLVMBasicBlockRef askGrant = m.block(fn, "askgrant");
    LLVMBasicBlockRef claim = m.block(fn, "claim");
    LLVMBasicBlockRef claimed = m.block(fn, "claimed");
    LLVMBasicBlockRef overLimit = m.block(fn, "overlimit");
    LLVMBasicBlockRef refused = m.block(fn, "refused");
    m.br(loop);

    m.atEnd(loop);
    LLVMValueRef reserved = m.atomicLoad(m.i64, m.at(ctx, RESERVED), LLVMAtomicOrderingMonotonic);
    LLVMValueRef room = m.sub(limit, reserved);
    m.condBr(m.icmp(LLVMIntSLE, need, room), fits, overLimit);

    m.atEnd(fits);
    m.store(m.select(m.icmp(LLVMIntSLT, chunk, room), chunk, room), amount);
    m.condBr(LLVMBuildIsNull(m.builder(), grantor, ""), claim, checkGrant);

    m.atEnd(checkGrant);
    LLVMValueRef granted = m.atomicLoad(m.i64, m.at(ctx, GRANTED), LLVMAtomicOrderingMonotonic);
    LLVMValueRef grantRoom = m.sub(granted, reserved);
    m.condBr(m.icmp(LLVMIntSLE, need, grantRoom), withinGrant, askGrant);

    m.atEnd(withinGrant);
    LLVMValueRef a = m.load(m.i64, amount);
    m.store(m.select(m.icmp(LLVMIntSLT, a, grantRoom), a, grantRoom), amount);
    m.br(claim);

    m.atEnd(askGrant);
    LLVMValueRef shortfall = m.sub(m.add(reserved, m.load(m.i64, amount)), granted);
    LLVMValueRef ask = m.select(m.icmp(LLVMIntSGT, shortfall, m.i64(GRANT_CHUNK)), shortfall, m.i64(GRANT_CHUNK));
    LLVMValueRef grantable = m.sub(limit, granted);
    ask = m.select(m.icmp(LLVMIntSLT, ask, grantable), ask, grantable);
    m.condBr(m.call(LLVMGlobalGetValueType(grant), grant, ctx, ask), loop, refused);

    m.atEnd(claim);
    LLVMValueRef amt = m.load(m.i64, amount);
    LLVMValueRef end = m.add(reserved, amt);
    m.condBr(m.compareAndSwap(m.at(ctx, RESERVED), reserved, end), claimed, loop);

    m.atEnd(claimed);
    LLVMValueRef budget = m.at(worker, W_BUDGET);
    m.store(m.add(m.load(m.i64, budget), amt), budget);
    m.atomicRmw(LLVMAtomicRMWBinOpMax, m.at(ctx, PEAK_RESERVED), end);
    m.ret(m.i32(0));

    m.atEnd(overLimit);
    m.ret(m.i32(1 + MEMORY_LIMIT_REACHED));
    m.atEnd(refused);
    m.ret(m.i32(1 + MEMORY_GRANT_REFUSED));
    return fn;
  }

  /**
   * {@code void refund(ptr ctx, ptr worker, i64 bytes)}: adds freed bytes to the worker's budget and returns what
   * exceeds BUDGET_KEEP to the shared pool, so memory freed by one worker can be used by the others.
   */
  LLVMValueRef emitRefund() {
    LLVMValueRef fn = m.define("weld_rt_refund", m.fnType(m.voidType, m.ptr, m.ptr, m.i64));
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    LLVMValueRef budgetPtr = m.at(m.param(fn, 1), W_BUDGET);
    LLVMValueRef budget = m.add(m.load(m.i64, budgetPtr), m.param(fn, 2));
    LLVMBasicBlockRef giveBack = m.block(fn, "giveback");
    LLVMBasicBlockRef keep = m.block(fn, "keep");
    m.condBr(m.icmp(LLVMIntSGT, budget, m.i64(BUDGET_KEEP)), giveBack, keep);
    m.atEnd(giveBack);
    m.store(m.i64(RESERVE_CHUNK), budgetPtr);
    m.atomicRmw(LLVMAtomicRMWBinOpSub, m.at(m.param(fn, 0), RESERVED), m.sub(budget, m.i64(RESERVE_CHUNK)));
    m.retVoid();
    m.atEnd(keep);
    m.store(budget, budgetPtr);
    m.retVoid();
    return fn;
  }

  /** Calls set_error(ctx, MEMORY_LIMIT, size, reason) and returns null from the current function. */
  void failMemory(LLVMValueRef setError, LLVMValueRef ctx, LLVMValueRef size, LLVMValueRef reason64) {
    m.call(LLVMGlobalGetValueType(setError), setError, ctx, m.i64(ErrorKind.MEMORY_LIMIT.code()), size, reason64);
    m.ret(m.nullPtr());
  }
}
