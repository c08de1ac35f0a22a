package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.runtime.memory.ContextLayout;
import dev.sparkweld.weld.codegen.llvm.ForLoopCodegen.IterState;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * A top-level {@code for} run by the parallel runtime (docs/abi.md, "Parallel loops"). The loop body is outlined into
 * a worker function {@code i64 weld.par.N(JNIEnv*, ctx, task)}; every participating thread enters it once, claims a
 * worker index, and pulls fixed chunks of {@code grain} iterations from an atomic counter in the task until none are
 * left, folding them into its own builder state. The kernel then combines the states in chunk order
 * ({@link ParallelBuilders}), which is serial iteration order whatever thread ran which chunk.
 *
 * <p>With one participant (a one-worker context, or a loop of one chunk) the kernel calls the worker function
 * directly, no upcall, and the worker builds straight into the loop's initial builder: that is the serial loop.
 * Loops whose merges check overflow stay serial (where an overflow happens depends on the order of the additions),
 * as do loops nested in loop bodies and comparators.
 */
final class ParallelForCodegen {
  // The task: i64 words on the kernel's stack, shared by the workers of one loop.
  private static final int NEXT_CHUNK = 0;
  private static final int CHUNKS = 1;
  private static final int COUNT = 2;
  private static final int NEXT_WORKER = 3;
  private static final int DIRECT = 4;
  private static final int CLOSURE = 5;
  private static final int STATES = 6;
  private static final int MARKS = 7;
  private static final int CHUNK_SIZE = 8;
  private static final int TASK_WORDS = 9;
  /**
   * Most chunks a loop is cut into: beyond grain * MAX_CHUNKS iterations chunks grow, so the per-chunk marks stay
   * small (a few MB) however long the loop (docs/abi.md).
   */
  static final long MAX_CHUNKS = 1L << 16;
  /** Chunks a worker gets at most when the loop is long (see {@link #emit}). */
  static final long CHUNKS_PER_WORKER = 8;

  private final Emitter em;
  private final CodegenModule cg;
  private final Ir ir;

  ParallelForCodegen(Emitter em) {
    this.em = em;
    this.cg = em.cg;
    this.ir = em.ir;
  }

  static boolean eligible(Emitter em, For k, Lambda body) {
    return em.loopDepth == 0 && ParallelBuilders.supported(body.params().get(0).type())
        && !mergesChecked(em, body.body(), new HashSet<>());
  }

  /** Whether a merge reachable from {@code e} (also through let-bound functions it calls) checks overflow. */
  private static boolean mergesChecked(Emitter em, Expr e, Set<Symbol> seen) {
    if (e.kind() instanceof Merge && em.cg.builderModes.checked(e)) {
      return true;
    }
    if (e.kind() instanceof Ident id && seen.add(id.symbol())) {
      Lambda f = lambdaOrNull(em, id.symbol());
      if (f != null && mergesChecked(em, f.body(), seen)) {
        return true;
      }
    }
    for (Expr c : e.children()) {
      if (mergesChecked(em, c, seen)) {
        return true;
      }
    }
    return false;
  }

  private static Lambda lambdaOrNull(Emitter em, Symbol s) {
    try {
      return em.env.lambda(s);
    } catch (IllegalStateException unboundHere) {
      return null; // bound inside the body itself
    }
  }

  /** Iterations per chunk: the loop's {@code @(grain:n)} annotation, else {@code weld.grain}. */
  static long grain(Expr loop, WeldConf conf) {
    String g = loop.annotations().get("grain").orElse(null);
    if (g != null) {
      try {
        long n = Long.parseLong(g.trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // An annotation is a hint (docs/weld-ir.md 4.8): a value that is not a positive integer is ignored.
      }
    }
    return Math.max(1, conf.get(WeldConf.GRAIN));
  }

  LLVMValueRef emit(Expr e, For k, Lambda body, Env closure, IterState[] its, LLVMValueRef count,
      LLVMValueRef b0) {
    Type bt = body.params().get(0).type();
    ParallelBuilders pb = new ParallelBuilders(em, bt);
    long grain = grain(e, cg.conf);
    LLVMValueRef b0m = em.types.toMem(b0, bt);

    LLVMBasicBlockRef before = ir.current();
    LLVMBasicBlockRef run = ir.block("par.run");
    LLVMBasicBlockRef done = ir.block("par.done");
    ir.condBr(ir.icmp(LLVMIntSGT, count, ir.i64(0)), run, done);

    ir.at(run);
    LLVMValueRef workers = ir.zext(ir.load(ir.i32(), ir.byteGep(em.ctx, ir.i64(ContextLayout.WORKER_COUNT))),
        ir.i64());
    // At most CHUNKS_PER_WORKER chunks a worker (MAX_CHUNKS in all), never below the grain: enough chunks to even
    // out uneven ones, few enough that claiming them and combining their partial results cost nothing. Measured on
    // 2 workers, 20M rows: 1,220 chunks of 16K rows took a quarter of the loop's time (map+filter 1.4x faster than
    // 1 worker), 16 chunks none (1.9x).
    LLVMValueRef perWorker = ir.mul(workers, ir.i64(CHUNKS_PER_WORKER));
    LLVMValueRef target = ir.select(ir.icmp(LLVMIntULT, perWorker, ir.i64(MAX_CHUNKS)), perWorker,
        ir.i64(MAX_CHUNKS));
    // Unsigned: count + target - 1 cannot wrap below 2^64.
    LLVMValueRef spread = LLVMBuildUDiv(ir.b, ir.add(count, ir.sub(target, ir.i64(1))), target, "");
    LLVMValueRef chunkSize = ir.select(ir.icmp(LLVMIntUGT, spread, ir.i64(grain)), spread, ir.i64(grain));
    LLVMValueRef chunks = LLVMBuildUDiv(ir.b, ir.add(count, ir.sub(chunkSize, ir.i64(1))), chunkSize, "");
    LLVMValueRef participants = ir.select(ir.icmp(LLVMIntULT, workers, chunks), workers, chunks);
    LLVMValueRef direct = ir.icmp(LLVMIntULE, participants, ir.i64(1));

    Captures captures = new Captures();
    for (LLVMValueRef v : closure.values()) {
      captures.add(v);
    }
    for (IterState it : its) {
      captures.add(it.data());
      captures.add(it.start());
      captures.add(it.stride());
    }
    captures.add(b0m);
    LLVMValueRef closurePtr = captures.store();

    LLVMValueRef states = em.alloc(ir.mul(participants, LLVMSizeOf(pb.stateType())));
    LLVMBuildMemSet(ir.b, states, ir.i8(0), ir.mul(participants, LLVMSizeOf(pb.stateType())), 8);
    LLVMValueRef marks = allocMarksUnlessDirect(direct, chunks, pb.markType());

    LLVMValueRef task = ir.entryAlloca(LLVMArrayType(ir.i64(), TASK_WORDS));
    storeWord(task, NEXT_CHUNK, ir.i64(0));
    storeWord(task, CHUNKS, chunks);
    storeWord(task, COUNT, count);
    storeWord(task, CHUNK_SIZE, chunkSize);
    storeWord(task, NEXT_WORKER, ir.i64(0));
    storeWord(task, DIRECT, ir.zext(direct, ir.i64()));
    storeWord(task, CLOSURE, LLVMBuildPtrToInt(ir.b, closurePtr, ir.i64(), ""));
    storeWord(task, STATES, LLVMBuildPtrToInt(ir.b, states, ir.i64(), ""));
    storeWord(task, MARKS, LLVMBuildPtrToInt(ir.b, marks, ir.i64(), ""));

    LLVMValueRef worker = emitWorker(body, closure, its, captures, b0m, bt);

    LLVMBasicBlockRef inline = ir.block("par.inline");
    LLVMBasicBlockRef fanOut = ir.block("par.fanout");
    LLVMBasicBlockRef joined = ir.block("par.joined");
    ir.condBr(direct, inline, fanOut);
    ir.at(inline);
    ir.call(workerType(), worker, ir.nullPtr(), em.ctx, task);
    ir.br(joined);
    ir.at(fanOut);
    LLVMValueRef started = cg.rt.parallelFor(em.ctx, worker, task, participants);
    em.failIf(ir.icmp(LLVMIntEQ, started, ir.i32(0)), ErrorKind.INTERNAL);
    ir.br(joined);

    ir.at(joined);
    // Every worker has left: the first error any of them recorded is the run's, else a cancel request.
    LLVMValueRef code = ir.load(ir.i32(), ir.byteGep(em.ctx, ir.i64(ContextLayout.ERROR_CODE)));
    LLVMSetOrdering(code, LLVMAtomicOrderingMonotonic);
    LLVMSetAlignment(code, 4);
    em.failIfCode(ir.zext(code, ir.i64()));
    em.checkCancel();

    LLVMBasicBlockRef takeOne = ir.block("par.single");
    LLVMBasicBlockRef combine = ir.block("par.combine");
    LLVMBasicBlockRef combined = ir.block("par.combined");
    ir.condBr(direct, takeOne, combine);
    ir.at(takeOne);
    LLVMValueRef single = pb.state(states, ir.i64(0));
    LLVMBasicBlockRef takeOneEnd = ir.current();
    ir.br(combined);
    ir.at(combine);
    LLVMValueRef merged = pb.combine(b0m, states, participants, marks, chunks);
    cg.rt.free(em.ctx, em.worker, marks);
    LLVMBasicBlockRef combineEnd = ir.current();
    ir.br(combined);
    ir.at(combined);
    LLVMValueRef resultMem = ir.phi(LLVMTypeOf(b0m), "par.b");
    Ir.incoming(resultMem, single, takeOneEnd);
    Ir.incoming(resultMem, merged, combineEnd);
    cg.rt.free(em.ctx, em.worker, states);
    LLVMValueRef result = em.types.fromMem(resultMem, bt);
    LLVMBasicBlockRef runEnd = ir.current();
    ir.br(done);

    ir.at(done);
    LLVMValueRef out = ir.phi(LLVMTypeOf(b0), "for.b");
    Ir.incoming(out, b0, before);
    Ir.incoming(out, result, runEnd);
    return out;
  }

  private LLVMValueRef allocMarksUnlessDirect(LLVMValueRef direct, LLVMValueRef chunks, LLVMTypeRef markType) {
    LLVMBasicBlockRef before = ir.current();
    LLVMBasicBlockRef alloc = ir.block("par.marks");
    LLVMBasicBlockRef after = ir.block("par.marked");
    ir.condBr(direct, after, alloc);
    ir.at(alloc);
    LLVMValueRef p = em.alloc(ir.mul(chunks, LLVMSizeOf(markType)));
    LLVMBasicBlockRef allocEnd = ir.current();
    ir.br(after);
    ir.at(after);
    LLVMValueRef marks = ir.phi(ir.ptr(), "marks");
    Ir.incoming(marks, ir.nullPtr(), before);
    Ir.incoming(marks, p, allocEnd);
    return marks;
  }

  private LLVMTypeRef workerType() {
    return ir.fnType(ir.i64(), ir.ptr(), ir.ptr(), ir.ptr());
  }

  private LLVMValueRef word(LLVMValueRef task, int i) {
    return ir.byteGep(task, ir.i64(8L * i));
  }

  private void storeWord(LLVMValueRef task, int i, LLVMValueRef v) {
    ir.store(v, word(task, i));
  }

  private LLVMValueRef loadWord(LLVMValueRef task, int i) {
    return ir.load(ir.i64(), word(task, i));
  }

  private LLVMValueRef loadPtrWord(LLVMValueRef task, int i) {
    return LLVMBuildIntToPtr(ir.b, loadWord(task, i), ir.ptr(), "");
  }

  /** {@code atomicrmw add task[i], 1}: the claim of a chunk or of a worker index. */
  private LLVMValueRef claim(LLVMValueRef task, int i) {
    return LLVMBuildAtomicRMW(ir.b, LLVMAtomicRMWBinOpAdd, word(task, i), ir.i64(1),
        LLVMAtomicOrderingMonotonic, 0);
  }

  /**
   * The worker function: claim a worker index, then chunks until none are left or the run must stop; the builder
   * state is carried across a worker's chunks (its chunks come in increasing order), merger leaves restart from
   * their identity at each chunk and leave their partial result in the chunk's mark.
   */
  private LLVMValueRef emitWorker(Lambda body, Env closure, IterState[] its, Captures captures, LLVMValueRef b0m,
      Type bt) {
    LLVMValueRef fn = LLVMAddFunction(cg.module, "weld.par." + cg.nextOutlinedId(), workerType());
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    LLVMBasicBlockRef resume = ir.current();
    ir.at(LLVMAppendBasicBlockInContext(cg.context, fn, "entry"));
    LLVMValueRef ctx = LLVMGetParam(fn, 1);
    LLVMValueRef task = LLVMGetParam(fn, 2);
    UnaryOperator<LLVMValueRef> outer = captures.load(loadPtrWord(task, CLOSURE));
    Env env = closure.mapValues(outer);
    IterState[] wits = new IterState[its.length];
    for (int j = 0; j < its.length; j++) {
      IterState it = its[j];
      wits[j] = new IterState(it.iter(), it.elem(), it.data() == null ? null : outer.apply(it.data()),
          outer.apply(it.start()), outer.apply(it.stride()), null);
    }
    LLVMValueRef init = outer.apply(b0m);
    LLVMValueRef direct = ir.icmp(LLVMIntNE, loadWord(task, DIRECT), ir.i64(0));
    LLVMValueRef chunks = loadWord(task, CHUNKS);
    LLVMValueRef count = loadWord(task, COUNT);
    LLVMValueRef size = loadWord(task, CHUNK_SIZE);
    LLVMValueRef states = loadPtrWord(task, STATES);
    LLVMValueRef marks = loadPtrWord(task, MARKS);
    LLVMValueRef index = claim(task, NEXT_WORKER);
    Emitter wem = Emitter.forWorker(cg, ctx, ir.trunc(index, ir.i32()));
    ParallelBuilders pb = new ParallelBuilders(wem, bt);
    ForLoopCodegen loops = new ForLoopCodegen(wem);

    LLVMValueRef first = claim(task, NEXT_CHUNK);
    LLVMBasicBlockRef start = ir.block("w.start");
    LLVMBasicBlockRef idle = ir.block("w.idle");
    ir.condBr(ir.icmp(LLVMIntULT, first, chunks), start, idle);
    ir.at(idle);
    LLVMBuildRet(ir.b, ir.i64(0));

    ir.at(start);
    LLVMBasicBlockRef fresh = ir.block("w.fresh");
    LLVMBasicBlockRef loop = ir.block("w.chunk");
    ir.condBr(direct, loop, fresh);
    ir.at(fresh);
    // Room for one chunk's elements in a worker's appenders, bounded: a chunk may append far fewer.
    LLVMValueRef hint = ir.select(ir.icmp(LLVMIntULT, size, ir.i64(1L << 16)), size, ir.i64(1L << 16));
    LLVMValueRef own = pb.fresh(init, hint);
    LLVMBasicBlockRef freshEnd = ir.current();
    ir.br(loop);

    ir.at(loop);
    LLVMValueRef c = ir.phi(ir.i64(), "chunk");
    LLVMValueRef s = ir.phi(LLVMTypeOf(init), "state");
    Ir.incoming(c, first, start);
    Ir.incoming(s, init, start);
    Ir.incoming(c, first, freshEnd);
    Ir.incoming(s, own, freshEnd);
    LLVMValueRef lo = ir.mul(c, size);
    LLVMValueRef next = ir.add(lo, size);
    LLVMValueRef hi = ir.select(ir.icmp(LLVMIntULT, next, count), next, count);
    LLVMValueRef in = em.types.fromMem(pb.chunkStart(s, direct), bt);
    LLVMValueRef outState = em.types.toMem(loops.serialRange(wits, body, env, in, lo, hi), bt);

    LLVMBasicBlockRef mark = ir.block("w.mark");
    LLVMBasicBlockRef marked = ir.block("w.marked");
    ir.condBr(direct, marked, mark);
    ir.at(mark);
    ir.store(pb.mark(outState, index), ir.gep(pb.markType(), marks, c));
    ir.br(marked);
    ir.at(marked);
    LLVMBasicBlockRef more = ir.block("w.more");
    LLVMBasicBlockRef exit = ir.block("w.exit");
    ir.condBr(ir.icmp(LLVMIntNE, wem.stopWord(), ir.i64(0)), exit, more);
    ir.at(more);
    LLVMValueRef c2 = claim(task, NEXT_CHUNK);
    Ir.incoming(c, c2, more);
    Ir.incoming(s, outState, more);
    ir.condBr(ir.icmp(LLVMIntULT, c2, chunks), loop, exit);

    ir.at(exit);
    ir.store(pb.present(outState), ir.gep(pb.stateType(), states, index));
    LLVMBuildRet(ir.b, ir.i64(0));
    ir.at(resume);
    return fn;
  }

  /**
   * The kernel values a worker function needs (free variables of the loop, iterator bounds, the initial builder),
   * stored into one struct on the kernel's stack. Constants are not stored: the worker uses them as they are, so
   * that e.g. a unit stride stays a constant and the loop still vectorizes.
   */
  private final class Captures {
    private final List<LLVMValueRef> fields = new ArrayList<>();
    private final Map<Long, Integer> index = new HashMap<>();
    private LLVMTypeRef type;

    void add(LLVMValueRef v) {
      if (v == null || LLVMIsConstant(v) != 0) {
        return;
      }
      index.computeIfAbsent(v.address(), a -> {
        fields.add(v);
        return fields.size() - 1;
      });
    }

    /** Stores the captured values (in the kernel); returns the struct's address. */
    LLVMValueRef store() {
      LLVMTypeRef[] types = new LLVMTypeRef[Math.max(1, fields.size())];
      types[0] = ir.i64();
      for (int i = 0; i < fields.size(); i++) {
        types[i] = LLVMTypeOf(fields.get(i));
      }
      type = ir.struct(types);
      LLVMValueRef p = ir.entryAlloca(type);
      for (int i = 0; i < fields.size(); i++) {
        ir.store(fields.get(i), ir.structGep(type, p, i));
      }
      return p;
    }

    /** Loads every captured value at the current point (a worker's entry); maps kernel values to them. */
    UnaryOperator<LLVMValueRef> load(LLVMValueRef p) {
      List<LLVMValueRef> loaded = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        loaded.add(ir.load(LLVMTypeOf(fields.get(i)), ir.structGep(type, p, i)));
      }
      return v -> {
        if (LLVMIsConstant(v) != 0) {
          return v;
        }
        Integer i = index.get(v.address());
        if (i == null) {
          throw new IllegalStateException("a value used by a parallel loop was not captured");
        }
        return loaded.get(i);
      };
    }
  }
}
