package dev.sparkweld.weld.codegen.llvm;

import dev.sparkweld.weld.codegen.llvm.ParallelBuilders.WorkerLeaf;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.ir.VecType;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Combines the workers' builder states of a parallel loop into the loop's initial builder, one leaf kind per method
 * (the rules are in {@link ParallelBuilders}). Runs in the kernel after every worker has left, so it reads the
 * workers' memory without synchronization, and frees the workers' states as it goes.
 */
final class CombineCodegen {
  private final Emitter em;
  private final Ir ir;
  private final LlvmTypes types;
  private final LLVMValueRef participants;
  private final LLVMValueRef marks;
  private final LLVMValueRef chunks;
  private final LLVMTypeRef markType;

  CombineCodegen(Emitter em, LLVMValueRef states, LLVMValueRef participants, LLVMValueRef marks,
      LLVMValueRef chunks, LLVMTypeRef markType) {
    this.em = em;
    this.ir = em.ir;
    this.types = em.types;
    this.participants = participants;
    this.marks = marks;
    this.chunks = chunks;
    this.markType = markType;
  }

  private LLVMValueRef markPtr(LLVMValueRef c, int field) {
    return ir.structGep(markType, ir.gep(markType, marks, c), field);
  }

  private LLVMValueRef worker(LLVMValueRef c) {
    return ir.load(ir.i64(), markPtr(c, 0));
  }

  private LLVMValueRef length(LLVMValueRef c, int field) {
    return ir.load(ir.i64(), markPtr(c, field));
  }

  private void free(LLVMValueRef p) {
    em.cg.rt.free(em.ctx, em.worker, p);
  }

  /** One i64 cursor per participant, zeroed: how much of its state earlier chunks took. */
  private LLVMValueRef cursors() {
    LLVMValueRef bytes = ir.mul(participants, ir.i64(8));
    LLVMValueRef p = em.alloc(bytes);
    org.bytedeco.llvm.global.LLVM.LLVMBuildMemSet(ir.b, p, ir.i8(0), bytes, 8);
    return p;
  }

  /**
   * For each chunk in order: {@code slice(worker state, from, to)} where [from, to) is the part of its worker's
   * state that chunk produced.
   */
  private void chunksInOrder(WorkerLeaf source, int field, Slice slice) {
    LLVMValueRef cursors = cursors();
    Loops.counted(ir, chunks, null, (c, unused) -> {
      LLVMValueRef w = worker(c);
      LLVMValueRef cursor = ir.gep(ir.i64(), cursors, w);
      LLVMValueRef to = length(c, field);
      slice.emit(source.of(w), ir.load(ir.i64(), cursor), to);
      ir.store(to, cursor);
      return null;
    });
    free(cursors);
  }

  private interface Slice {
    void emit(LLVMValueRef state, LLVMValueRef from, LLVMValueRef to);
  }

  private void eachPresent(UnaryOperator<LLVMValueRef> present, WorkerLeaf source,
      java.util.function.Consumer<LLVMValueRef> body) {
    Loops.counted(ir, participants, null, (w, unused) -> {
      Loops.when(ir, present.apply(w), () -> body.accept(source.of(w)));
      return null;
    });
  }

  LLVMValueRef mergers(MergerType m, LLVMValueRef target, int field) {
    MergeOps ops = new MergeOps(em);
    LLVMValueRef acc = Loops.counted(ir, chunks, types.fromMem(target, m), (c, a) ->
        ops.fold(m.op(), m.elem(), m.elem(), a, types.fromMem(ir.load(types.mem(m), markPtr(c, field)), m), false));
    return types.toMem(acc, m);
  }

  LLVMValueRef appenders(AppenderType a, LLVMValueRef target, int field, WorkerLeaf source,
      UnaryOperator<LLVMValueRef> present) {
    LLVMValueRef es = em.sizeOfValue(a.elem());
    LLVMValueRef total = Loops.counted(ir, participants, ir.i64(0), (w, sum) ->
        ir.select(present.apply(w), ir.add(sum, ir.extract(source.of(w), 1)), sum));
    LLVMValueRef p = ir.extract(target, 0);
    LLVMValueRef len = ir.extract(target, 1);
    LLVMValueRef cap = ir.extract(target, 2);
    LLVMValueRef need = ir.add(len, total);
    // One growth to the final size, then copies.
    org.bytedeco.llvm.LLVM.LLVMBasicBlockRef before = ir.current();
    org.bytedeco.llvm.LLVM.LLVMBasicBlockRef grow = ir.block("cmb.grow");
    org.bytedeco.llvm.LLVM.LLVMBasicBlockRef room = ir.block("cmb.room");
    ir.condBr(ir.icmp(org.bytedeco.llvm.global.LLVM.LLVMIntSGT, need, cap), grow, room);
    ir.at(grow);
    LLVMValueRef grown = em.realloc(p, ir.mul(need, es));
    org.bytedeco.llvm.LLVM.LLVMBasicBlockRef growEnd = ir.current();
    ir.br(room);
    ir.at(room);
    LLVMValueRef buf = ir.phi(ir.ptr(), "buf");
    Ir.incoming(buf, p, before);
    Ir.incoming(buf, grown, growEnd);
    LLVMValueRef newCap = ir.phi(ir.i64(), "cap");
    Ir.incoming(newCap, cap, before);
    Ir.incoming(newCap, need, growEnd);
    LLVMValueRef lenSlot = ir.entryAlloca(ir.i64());
    ir.store(len, lenSlot);
    chunksInOrder(source, field, (state, from, to) -> {
      LLVMValueRef n = ir.sub(to, from);
      LLVMValueRef pos = ir.load(ir.i64(), lenSlot);
      ir.memcpy(ir.byteGep(buf, ir.mul(pos, es)), ir.byteGep(ir.extract(state, 0), ir.mul(from, es)),
          ir.mul(n, es));
      ir.store(ir.add(pos, n), lenSlot);
    });
    eachPresent(present, source, state -> free(ir.extract(state, 0)));
    return ir.aggregate(types.appender(), buf, ir.load(ir.i64(), lenSlot), newCap);
  }

  LLVMValueRef dicts(DictMergerType d, LLVMValueRef target, int field, WorkerLeaf source,
      UnaryOperator<LLVMValueRef> present) {
    DictCodegen dc = new DictCodegen(em);
    MergeOps ops = new MergeOps(em);
    LLVMTypeRef entry = types.mem(new StructType(List.of(d.key(), d.value())));
    chunksInOrder(source, field, (table, from, to) -> {
      LLVMValueRef entries = ir.load(ir.ptr(), DictTable.field(ir, table, DictTable.ENTRIES));
      Loops.range(ir, from, to, null, (i, unused) -> {
        dc.mergeInto(d, target, ir.load(entry, ir.gep(entry, entries, i)), false, ops);
        return null;
      });
    });
    eachPresent(present, source, this::freeTable);
    return target;
  }

  LLVMValueRef groups(GroupMergerType g, LLVMValueRef target, int field, WorkerLeaf source,
      UnaryOperator<LLVMValueRef> present) {
    GroupMergerCodegen gc = new GroupMergerCodegen(em, null);
    LLVMTypeRef entry = types.mem(new StructType(List.of(g.key(), new VecType(g.value()))));
    LLVMTypeRef pair = types.mem(GroupMergerCodegen.pairType(g));
    LLVMTypeRef kv = types.mem(new StructType(List.of(g.key(), g.value())));
    chunksInOrder(source, field, (state, from, to) -> {
      LLVMValueRef table = ir.load(ir.ptr(), ir.byteGep(state, ir.i64(GroupMergerCodegen.TABLE)));
      LLVMValueRef entries = ir.load(ir.ptr(), DictTable.field(ir, table, DictTable.ENTRIES));
      LLVMValueRef pairs = ir.load(ir.ptr(), ir.byteGep(state, ir.i64(GroupMergerCodegen.PAIRS)));
      Loops.range(ir, from, to, null, (i, unused) -> {
        LLVMValueRef pr = ir.load(pair, ir.gep(pair, pairs, i));
        LLVMValueRef key = ir.load(types.mem(g.key()), ir.structGep(entry, ir.gep(entry, entries, ir.extract(pr, 0)),
            0));
        gc.merge(g, target, ir.aggregate(kv, key, ir.extract(pr, 1)));
        return null;
      });
    });
    eachPresent(present, source, state -> {
      freeTable(ir.load(ir.ptr(), ir.byteGep(state, ir.i64(GroupMergerCodegen.TABLE))));
      free(ir.load(ir.ptr(), ir.byteGep(state, ir.i64(GroupMergerCodegen.PAIRS))));
      free(state);
    });
    return target;
  }

  LLVMValueRef vecMergers(VecMergerType t, LLVMValueRef target, WorkerLeaf source,
      UnaryOperator<LLVMValueRef> present) {
    Type et = t.elem();
    MergeOps ops = new MergeOps(em);
    LLVMValueRef p = ir.extract(target, 0);
    LLVMValueRef n = ir.extract(target, 1);
    eachPresent(present, source, copy -> {
      LLVMValueRef q = ir.extract(copy, 0);
      Loops.counted(ir, n, null, (i, unused) -> {
        LLVMValueRef at = em.elemPtr(et, p, i);
        types.store(et, ops.fold(t.op(), et, et, types.load(et, at), types.load(et, em.elemPtr(et, q, i)), false),
            at);
        return null;
      });
      free(q);
    });
    return target;
  }

  private void freeTable(LLVMValueRef table) {
    free(ir.load(ir.ptr(), DictTable.field(ir, table, DictTable.ENTRIES)));
    free(ir.load(ir.ptr(), DictTable.field(ir, table, DictTable.HASHES)));
    free(ir.load(ir.ptr(), DictTable.field(ir, table, DictTable.SLOTS)));
    free(table);
  }
}
