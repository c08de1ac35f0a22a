package dev.sparkweld.runtime.memory;

import static dev.sparkweld.runtime.memory.ContextLayout.*;
import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.llvm.IrModule;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Emits the runtime's memory functions into a module (docs/abi.md, "Runtime functions"). Every block carries a
 * {@link ContextLayout#HEADER_SIZE}-byte header linking it into its allocating worker's list, so the context can free
 * whatever a failed or finished run left behind. The hot path touches only the caller's worker slot: budget check,
 * malloc, and an uncontended per-worker spin lock (other workers take it only to free a block this worker allocated).
 */
public final class AllocatorIr {
  private final IrModule m;
  private final BudgetIr budget;
  private final LLVMTypeRef sizeFnType;
  private LLVMValueRef malloc;
  private LLVMValueRef realloc;
  private LLVMValueRef free;
  private LLVMValueRef setError;
  private LLVMValueRef reserve;
  private LLVMValueRef refund;
  private LLVMValueRef lock;

  private AllocatorIr(IrModule m) {
    this.m = m;
    this.budget = new BudgetIr(m);
    this.sizeFnType = m.fnType(m.ptr, m.i64);
  }

  /** Emits all {@link RuntimeSymbols} (and their internal helpers) into {@code m}. */
  public static void emit(IrModule m) {
    new AllocatorIr(m).emitAll();
  }

  private void emitAll() {
    malloc = m.declare("malloc", sizeFnType);
    realloc = m.declare("realloc", m.fnType(m.ptr, m.ptr, m.i64));
    free = m.declare("free", m.fnType(m.voidType, m.ptr));
    setError = budget.emitSetError();
    budget.emitInit();
    reserve = budget.emitReserve(budget.emitGrant());
    refund = budget.emitRefund();
    lock = emitLock();
    LLVMValueRef alloc = emitAlloc();
    emitFree();
    emitRealloc(alloc);
    emitReleaseAll();
  }

  /** Worker slot {@code w} (an i32) of ctx. */
  private LLVMValueRef slot(LLVMValueRef ctx, LLVMValueRef worker) {
    LLVMValueRef index = LLVMBuildZExt(m.builder(), worker, m.i64, "");
    LLVMValueRef offset = m.add(m.i64(WORKERS), LLVMBuildMul(m.builder(), index, m.i64(WORKER_SIZE), ""));
    return m.element(ctx, m.i8, offset);
  }

  /** {@code void lock(ptr slot)}: test-and-test-and-set on W_LOCK. Inlined. */
  private LLVMValueRef emitLock() {
    LLVMValueRef fn = m.define("weld_rt_lock", m.fnType(m.voidType, m.ptr));
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    m.fnAttr(fn, "alwaysinline");
    LLVMValueRef word = m.at(m.param(fn, 0), W_LOCK);
    LLVMBasicBlockRef tryLock = m.block(fn, "try");
    LLVMBasicBlockRef wait = m.block(fn, "wait");
    LLVMBasicBlockRef held = m.block(fn, "held");
    m.br(tryLock);
    m.atEnd(tryLock);
    LLVMValueRef old = m.atomicRmw(LLVMAtomicRMWBinOpXchg, word, m.i32(1));
    m.condBr(m.icmp(LLVMIntEQ, old, m.i32(0)), held, wait);
    m.atEnd(wait);
    LLVMValueRef now = m.atomicLoad(m.i32, word, LLVMAtomicOrderingMonotonic);
    m.condBr(m.icmp(LLVMIntEQ, now, m.i32(0)), tryLock, wait);
    m.atEnd(held);
    m.retVoid();
    return fn;
  }

  private void unlock(LLVMValueRef slot) {
    m.atomicStore(m.i32(0), m.at(slot, W_LOCK), LLVMAtomicOrderingRelease);
  }

  private void callLock(LLVMValueRef slot) {
    m.call(LLVMGlobalGetValueType(lock), lock, slot);
  }

  /** Links header {@code h} at the head of {@code slot}'s list and adds {@code bytes} to its W_IN_USE. Under lock. */
  private void linkLocked(LLVMValueRef fn, LLVMValueRef slot, LLVMValueRef h, LLVMValueRef bytes) {
    LLVMValueRef head = m.load(m.ptr, m.at(slot, W_HEAD));
    m.store(head, m.at(h, H_NEXT));
    m.store(m.nullPtr(), m.at(h, H_PREV));
    LLVMBasicBlockRef fix = m.block(fn, "fixprev");
    LLVMBasicBlockRef linked = m.block(fn, "linked");
    m.condBr(LLVMBuildIsNotNull(m.builder(), head, ""), fix, linked);
    m.atEnd(fix);
    m.store(h, m.at(head, H_PREV));
    m.br(linked);
    m.atEnd(linked);
    m.store(h, m.at(slot, W_HEAD));
    LLVMValueRef inUse = m.add(m.load(m.i64, m.at(slot, W_IN_USE)), bytes);
    m.store(inUse, m.at(slot, W_IN_USE));
    LLVMValueRef peakPtr = m.at(slot, W_PEAK_IN_USE);
    LLVMValueRef peak = m.load(m.i64, peakPtr);
    m.store(m.select(m.icmp(LLVMIntSGT, inUse, peak), inUse, peak), peakPtr);
  }

  /** Unlinks header {@code h} from {@code slot}'s list. Under lock. */
  private void unlinkLocked(LLVMValueRef fn, LLVMValueRef slot, LLVMValueRef h) {
    LLVMValueRef next = m.load(m.ptr, m.at(h, H_NEXT));
    LLVMValueRef prev = m.load(m.ptr, m.at(h, H_PREV));
    LLVMValueRef prevNextOrHead = m.select(LLVMBuildIsNull(m.builder(), prev, ""), m.at(slot, W_HEAD),
        m.at(prev, H_NEXT));
    m.store(next, prevNextOrHead);
    LLVMBasicBlockRef fix = m.block(fn, "fixnext");
    LLVMBasicBlockRef done = m.block(fn, "unlinked");
    m.condBr(LLVMBuildIsNotNull(m.builder(), next, ""), fix, done);
    m.atEnd(fix);
    m.store(prev, m.at(next, H_PREV));
    m.br(done);
    m.atEnd(done);
  }

  /** Branches on "size is negative or above the limit" (unsigned compare covers both) to a MEMORY_LIMIT return. */
  private void checkSize(LLVMValueRef fn, LLVMValueRef ctx, LLVMValueRef size) {
    LLVMBasicBlockRef tooBig = m.block(fn, "toobig");
    LLVMBasicBlockRef ok = m.block(fn, "sizeok");
    LLVMValueRef limit = m.load(m.i64, m.at(ctx, LIMIT));
    m.condBr(m.icmp(LLVMIntUGT, size, limit), tooBig, ok);
    m.atEnd(tooBig);
    budget.failMemory(setError, ctx, size, m.i64(MEMORY_LIMIT_REACHED));
    m.atEnd(ok);
  }

  /** Takes {@code bytes} from the worker's budget, reserving more first if needed; else returns MEMORY_LIMIT. */
  private void takeBudget(LLVMValueRef fn, LLVMValueRef ctx, LLVMValueRef slot, LLVMValueRef bytes,
      LLVMValueRef size) {
    LLVMValueRef budgetPtr = m.at(slot, W_BUDGET);
    LLVMBasicBlockRef slow = m.block(fn, "reserve");
    LLVMBasicBlockRef failed = m.block(fn, "nomemory");
    LLVMBasicBlockRef take = m.block(fn, "take");
    m.condBr(m.icmp(LLVMIntSGE, m.load(m.i64, budgetPtr), bytes), take, slow);
    m.atEnd(slow);
    LLVMValueRef status = m.call(LLVMGlobalGetValueType(reserve), reserve, ctx, slot, bytes);
    m.condBr(m.icmp(LLVMIntEQ, status, m.i32(0)), take, failed);
    m.atEnd(failed);
    LLVMValueRef reason = LLVMBuildSExt(m.builder(), m.sub(status, m.i32(1)), m.i64, "");
    budget.failMemory(setError, ctx, size, reason);
    m.atEnd(take);
    m.store(m.sub(m.load(m.i64, budgetPtr), bytes), budgetPtr);
  }

  /** {@code ptr weld_rt_alloc(ptr ctx, i32 worker, i64 size)}. */
  private LLVMValueRef emitAlloc() {
    LLVMValueRef fn = m.define(RuntimeSymbols.ALLOC, m.fnType(m.ptr, m.ptr, m.i32, m.i64));
    LLVMValueRef ctx = m.param(fn, 0);
    LLVMValueRef worker = m.param(fn, 1);
    LLVMValueRef size = m.param(fn, 2);
    checkSize(fn, ctx, size);
    LLVMValueRef bytes = m.add(size, m.i64(HEADER_SIZE));
    LLVMValueRef slot = slot(ctx, worker);
    takeBudget(fn, ctx, slot, bytes, size);
    LLVMValueRef h = m.call(sizeFnType, malloc, bytes);
    LLVMBasicBlockRef got = m.block(fn, "got");
    LLVMBasicBlockRef none = m.block(fn, "mallocfailed");
    m.condBr(LLVMBuildIsNull(m.builder(), h, ""), none, got);
    m.atEnd(none);
    m.call(LLVMGlobalGetValueType(refund), refund, ctx, slot, bytes);
    budget.failMemory(setError, ctx, size, m.i64(MEMORY_MALLOC_FAILED));

    m.atEnd(got);
    m.store(size, m.at(h, H_SIZE));
    m.store(worker, m.at(h, H_OWNER));
    m.store(m.i32(MAGIC), m.at(h, H_MAGIC));
    callLock(slot);
    linkLocked(fn, slot, h, bytes);
    LLVMValueRef count = m.at(slot, W_ALLOCATIONS);
    m.store(m.add(m.load(m.i64, count), m.i64(1)), count);
    unlock(slot);
    m.ret(m.at(h, HEADER_SIZE));
    return fn;
  }

  /** Returns the header of payload {@code p}; a block without the magic word is an INTERNAL error (returns null). */
  private LLVMValueRef headerOf(LLVMValueRef fn, LLVMValueRef ctx, LLVMValueRef p, boolean returnsPtr) {
    LLVMValueRef h = m.at(p, -HEADER_SIZE);
    LLVMBasicBlockRef bad = m.block(fn, "badblock");
    LLVMBasicBlockRef ok = m.block(fn, "block");
    m.condBr(m.icmp(LLVMIntEQ, m.load(m.i32, m.at(h, H_MAGIC)), m.i32(MAGIC)), ok, bad);
    m.atEnd(bad);
    m.call(LLVMGlobalGetValueType(setError), setError, ctx, m.i64(ErrorKind.INTERNAL.code()),
        LLVMBuildPtrToInt(m.builder(), p, m.i64, ""), m.i64(0));
    if (returnsPtr) {
      m.ret(m.nullPtr());
    } else {
      m.retVoid();
    }
    m.atEnd(ok);
    return h;
  }

  /** {@code void weld_rt_free(ptr ctx, i32 worker, ptr p)}. */
  private void emitFree() {
    LLVMValueRef fn = m.define(RuntimeSymbols.FREE, m.fnType(m.voidType, m.ptr, m.i32, m.ptr));
    LLVMValueRef ctx = m.param(fn, 0);
    LLVMValueRef p = m.param(fn, 2);
    LLVMBasicBlockRef isNull = m.block(fn, "null");
    LLVMBasicBlockRef notNull = m.block(fn, "notnull");
    m.condBr(LLVMBuildIsNull(m.builder(), p, ""), isNull, notNull);
    m.atEnd(isNull);
    m.retVoid();
    m.atEnd(notNull);
    LLVMValueRef h = headerOf(fn, ctx, p, false);
    LLVMValueRef bytes = m.add(m.load(m.i64, m.at(h, H_SIZE)), m.i64(HEADER_SIZE));
    LLVMValueRef owner = slot(ctx, m.load(m.i32, m.at(h, H_OWNER)));
    callLock(owner);
    unlinkLocked(fn, owner, h);
    m.store(m.sub(m.load(m.i64, m.at(owner, W_IN_USE)), bytes), m.at(owner, W_IN_USE));
    unlock(owner);
    m.store(m.i32(0), m.at(h, H_MAGIC));
    m.call(LLVMGlobalGetValueType(free), free, h);
    m.call(LLVMGlobalGetValueType(refund), refund, ctx, slot(ctx, m.param(fn, 1)), bytes);
    m.retVoid();
  }

  /**
   * {@code ptr weld_rt_realloc(ptr ctx, i32 worker, ptr p, i64 size)}. The block is unlinked while libc moves it (so
   * the owner's lock is not held across a copy) and relinked in the same owner's list.
   */
  private void emitRealloc(LLVMValueRef alloc) {
    LLVMValueRef fn = m.define(RuntimeSymbols.REALLOC, m.fnType(m.ptr, m.ptr, m.i32, m.ptr, m.i64));
    LLVMValueRef ctx = m.param(fn, 0);
    LLVMValueRef worker = m.param(fn, 1);
    LLVMValueRef p = m.param(fn, 2);
    LLVMValueRef size = m.param(fn, 3);
    LLVMBasicBlockRef fresh = m.block(fn, "fresh");
    LLVMBasicBlockRef resize = m.block(fn, "resize");
    m.condBr(LLVMBuildIsNull(m.builder(), p, ""), fresh, resize);
    m.atEnd(fresh);
    m.ret(m.call(LLVMGlobalGetValueType(alloc), alloc, ctx, worker, size));

    m.atEnd(resize);
    checkSize(fn, ctx, size);
    LLVMValueRef h = headerOf(fn, ctx, p, true);
    LLVMValueRef delta = m.sub(size, m.load(m.i64, m.at(h, H_SIZE)));
    LLVMValueRef self = slot(ctx, worker);
    LLVMBasicBlockRef grow = m.block(fn, "grow");
    LLVMBasicBlockRef move = m.block(fn, "move");
    m.condBr(m.icmp(LLVMIntSGT, delta, m.i64(0)), grow, move);
    m.atEnd(grow);
    takeBudget(fn, ctx, self, delta, size);
    m.br(move);

    m.atEnd(move);
    LLVMValueRef owner = slot(ctx, m.load(m.i32, m.at(h, H_OWNER)));
    callLock(owner);
    unlinkLocked(fn, owner, h);
    unlock(owner);
    LLVMValueRef moved = m.call(LLVMGlobalGetValueType(realloc), realloc, h, m.add(size, m.i64(HEADER_SIZE)));
    LLVMBasicBlockRef failed = m.block(fn, "failed");
    LLVMBasicBlockRef done = m.block(fn, "moved");
    m.condBr(LLVMBuildIsNull(m.builder(), moved, ""), failed, done);

    m.atEnd(failed); // the old block is intact: put it back, return what was taken from the budget
    callLock(owner);
    linkLocked(fn, owner, h, m.i64(0));
    unlock(owner);
    LLVMValueRef taken = m.select(m.icmp(LLVMIntSGT, delta, m.i64(0)), delta, m.i64(0));
    m.call(LLVMGlobalGetValueType(refund), refund, ctx, self, taken);
    budget.failMemory(setError, ctx, size, m.i64(MEMORY_MALLOC_FAILED));

    m.atEnd(done);
    m.store(size, m.at(moved, H_SIZE));
    callLock(owner);
    linkLocked(fn, owner, moved, delta);
    unlock(owner);
    LLVMBasicBlockRef shrunk = m.block(fn, "shrunk");
    LLVMBasicBlockRef out = m.block(fn, "out");
    m.condBr(m.icmp(LLVMIntSLT, delta, m.i64(0)), shrunk, out);
    m.atEnd(shrunk);
    m.call(LLVMGlobalGetValueType(refund), refund, ctx, self, LLVMBuildNeg(m.builder(), delta, ""));
    m.br(out);
    m.atEnd(out);
    m.ret(m.at(moved, HEADER_SIZE));
  }

  /**
   * {@code i64 weld_rt_release_all(JNIEnv*, ptr ctx, ptr)}: frees every block of every worker and zeroes the
   * accounting; returns the number of blocks freed. Kernel-shaped so RunContext.close() calls it through the bridge.
   * No worker may be running.
   */
  private void emitReleaseAll() {
    LLVMValueRef fn = m.define(RuntimeSymbols.RELEASE_ALL, m.fnType(m.i64, m.ptr, m.ptr, m.ptr));
    LLVMValueRef ctx = m.param(fn, 1);
    LLVMValueRef index = m.local(m.i32, m.i32(0));
    LLVMValueRef cursor = m.local(m.ptr, m.nullPtr());
    LLVMValueRef count = m.local(m.i64, m.i64(0));
    LLVMValueRef workers = m.load(m.i32, m.at(ctx, WORKER_COUNT));
    LLVMBasicBlockRef workerLoop = m.block(fn, "worker");
    LLVMBasicBlockRef workerBody = m.block(fn, "workerbody");
    LLVMBasicBlockRef blockLoop = m.block(fn, "block");
    LLVMBasicBlockRef blockBody = m.block(fn, "blockbody");
    LLVMBasicBlockRef workerDone = m.block(fn, "workerdone");
    LLVMBasicBlockRef done = m.block(fn, "done");
    m.br(workerLoop);

    m.atEnd(workerLoop);
    LLVMValueRef i = m.load(m.i32, index);
    m.condBr(m.icmp(LLVMIntSLT, i, workers), workerBody, done);
    m.atEnd(workerBody);
    LLVMValueRef slot = slot(ctx, i);
    m.store(m.load(m.ptr, m.at(slot, W_HEAD)), cursor);
    m.br(blockLoop);

    m.atEnd(blockLoop);
    LLVMValueRef h = m.load(m.ptr, cursor);
    m.condBr(LLVMBuildIsNull(m.builder(), h, ""), workerDone, blockBody);
    m.atEnd(blockBody);
    m.store(m.load(m.ptr, m.at(h, H_NEXT)), cursor);
    m.store(m.i32(0), m.at(h, H_MAGIC));
    m.call(LLVMGlobalGetValueType(free), free, h);
    m.store(m.add(m.load(m.i64, count), m.i64(1)), count);
    m.br(blockLoop);

    m.atEnd(workerDone);
    LLVMValueRef s = slot(ctx, m.load(m.i32, index));
    m.store(m.nullPtr(), m.at(s, W_HEAD));
    m.store(m.i64(0), m.at(s, W_IN_USE));
    m.store(m.i64(0), m.at(s, W_BUDGET));
    m.store(m.add(m.load(m.i32, index), m.i32(1)), index);
    m.br(workerLoop);

    m.atEnd(done);
    m.atomicStore(m.i64(0), m.at(ctx, RESERVED), LLVMAtomicOrderingSequentiallyConsistent);
    m.ret(m.load(m.i64, count));
  }
}
