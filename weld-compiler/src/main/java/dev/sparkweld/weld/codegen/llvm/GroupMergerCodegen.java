package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * groupmerger[K,V]: while merging, a table from K to {null, count} (the final dict[K, vec[V]] layout, with the
 * length field counting) plus an appender of {group number, V} pairs in merge order. {@code result} sizes each group,
 * allocates one buffer for all values, and scatters the pairs in order, so every group keeps merge order.
 * State (32 bytes): {ptr table, ptr pairs, i64 len, i64 cap}.
 */
final class GroupMergerCodegen {
  /** Byte offsets in the state. */
  static final long TABLE = 0;
  static final long PAIRS = 8;
  static final long PAIRS_LEN = 16;

  private final Emitter em;
  private final Ir ir;

  GroupMergerCodegen(Emitter em, DictCodegen unused) {
    this.em = em;
    this.ir = em.ir;
  }

  private DictTable table(GroupMergerType g) {
    return new DictTable(em.cg, g.key(), new VecType(g.value()));
  }

  static StructType pairType(GroupMergerType g) {
    return new StructType(List.of(Type.I64, g.value()));
  }

  /**
   * {@code hint}: the keys expected (a join's build rows), already clamped: the table starts that large, since
   * growing it one doubling at a time cost more than the merges themselves (200K unique keys: about twice the time).
   */
  LLVMValueRef newGroups(GroupMergerType g, LLVMValueRef hint) {
    LLVMValueRef state = em.alloc(ir.i64(32));
    LLVMValueRef d = em.hinted(hint, h -> table(g).create(em.ctx, em.worker, h)).value();
    em.failIf(LLVMBuildIsNull(ir.b, d, ""), ErrorKind.MEMORY_LIMIT);
    LLVMValueRef pairs = em.alloc(ir.i64(16 * AbiLayout.size(pairType(g))));
    ir.store(d, ir.byteGep(state, ir.i64(0)));
    ir.store(pairs, ir.byteGep(state, ir.i64(8)));
    ir.store(ir.i64(0), ir.byteGep(state, ir.i64(16)));
    ir.store(ir.i64(16), ir.byteGep(state, ir.i64(24)));
    return state;
  }

  void merge(GroupMergerType g, LLVMValueRef state, LLVMValueRef kv) {
    DictTable tab = table(g);
    LLVMValueRef d = ir.load(ir.ptr(), ir.byteGep(state, ir.i64(0)));
    LLVMValueRef r = tab.upsert(em.ctx, em.worker, d, ir.extract(kv, 0));
    LLVMValueRef idx = ir.extract(r, 0);
    em.failIf(ir.icmp(LLVMIntEQ, ir.extract(r, 1), ir.i32(DictTable.OUT_OF_MEMORY)), ErrorKind.MEMORY_LIMIT);
    // A new entry's value is zeroed ({null, 0}); its length field counts the group's values.
    LLVMValueRef lenPtr = ir.byteGep(tab.valuePtr(d, idx), ir.i64(8));
    ir.store(ir.add(ir.load(ir.i64(), lenPtr), ir.i64(1)), lenPtr);

    StructType pt = pairType(g);
    LLVMTypeRef pm = em.types.mem(pt);
    LLVMValueRef len = ir.load(ir.i64(), ir.byteGep(state, ir.i64(16)));
    LLVMValueRef cap = ir.load(ir.i64(), ir.byteGep(state, ir.i64(24)));
    LLVMBasicBlockRef grow = ir.block("gm.grow");
    LLVMBasicBlockRef room = ir.block("gm.room");
    ir.condBr(ir.icmp(LLVMIntSGE, len, cap), grow, room);
    ir.at(grow);
    LLVMValueRef newCap = ir.mul(cap, ir.i64(2));
    LLVMValueRef p2 = em.realloc(ir.load(ir.ptr(), ir.byteGep(state, ir.i64(8))),
        ir.mul(newCap, ir.i64(AbiLayout.size(pt))));
    ir.store(p2, ir.byteGep(state, ir.i64(8)));
    ir.store(newCap, ir.byteGep(state, ir.i64(24)));
    ir.br(room);
    ir.at(room);
    LLVMValueRef pairs = ir.load(ir.ptr(), ir.byteGep(state, ir.i64(8)));
    LLVMValueRef pair = ir.aggregate(pm, idx, ir.extract(kv, 1));
    ir.store(pair, ir.gep(pm, pairs, len));
    ir.store(ir.add(len, ir.i64(1)), ir.byteGep(state, ir.i64(16)));
  }

  /** Lays the groups out in one buffer and returns the dict[K, vec[V]]. */
  LLVMValueRef finish(GroupMergerType g, LLVMValueRef state) {
    DictTable tab = table(g);
    Type v = g.value();
    long vs = AbiLayout.size(v);
    LLVMValueRef d = ir.load(ir.ptr(), ir.byteGep(state, ir.i64(0)));
    LLVMValueRef pairs = ir.load(ir.ptr(), ir.byteGep(state, ir.i64(8)));
    LLVMValueRef total = ir.load(ir.i64(), ir.byteGep(state, ir.i64(16)));
    LLVMValueRef groups = ir.load(ir.i64(), DictTable.field(ir, d, DictTable.COUNT));
    LLVMValueRef buf = em.alloc(ir.mul(ir.select(ir.icmp(LLVMIntSGT, total, ir.i64(0)), total, ir.i64(1)),
        ir.i64(vs)));

    // Pass 1: point each group at its slice of buf; reset its length to use it as a fill cursor.
    LLVMBasicBlockRef pre = ir.current();
    LLVMBasicBlockRef h1 = ir.block("gm.h1");
    LLVMBasicBlockRef b1 = ir.block("gm.b1");
    LLVMBasicBlockRef e1 = ir.block("gm.e1");
    ir.br(h1);
    ir.at(h1);
    LLVMValueRef gi = ir.phi(ir.i64(), "g");
    LLVMValueRef off = ir.phi(ir.i64(), "off");
    Ir.incoming(gi, ir.i64(0), pre);
    Ir.incoming(off, ir.i64(0), pre);
    ir.condBr(ir.icmp(LLVMIntSLT, gi, groups), b1, e1);
    ir.at(b1);
    LLVMValueRef vp = tab.valuePtr(d, gi);
    LLVMValueRef n = ir.load(ir.i64(), ir.byteGep(vp, ir.i64(8)));
    ir.store(ir.gep(em.types.mem(v), buf, off), vp);
    ir.store(ir.i64(0), ir.byteGep(vp, ir.i64(8)));
    Ir.incoming(gi, ir.add(gi, ir.i64(1)), b1);
    Ir.incoming(off, ir.add(off, n), b1);
    ir.br(h1);

    // Pass 2: scatter the values in merge order.
    ir.at(e1);
    StructType pt = pairType(g);
    LLVMTypeRef pm = em.types.mem(pt);
    LLVMBasicBlockRef h2 = ir.block("gm.h2");
    LLVMBasicBlockRef b2 = ir.block("gm.b2");
    LLVMBasicBlockRef e2 = ir.block("gm.e2");
    ir.br(h2);
    ir.at(h2);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    Ir.incoming(i, ir.i64(0), e1);
    ir.condBr(ir.icmp(LLVMIntSLT, i, total), b2, e2);
    ir.at(b2);
    LLVMValueRef pair = ir.load(pm, ir.gep(pm, pairs, i));
    LLVMValueRef gvp = tab.valuePtr(d, ir.extract(pair, 0));
    LLVMValueRef base = ir.load(ir.ptr(), gvp);
    LLVMValueRef cur = ir.load(ir.i64(), ir.byteGep(gvp, ir.i64(8)));
    ir.store(ir.extract(pair, 1), ir.gep(em.types.mem(v), base, cur));
    ir.store(ir.add(cur, ir.i64(1)), ir.byteGep(gvp, ir.i64(8)));
    Ir.incoming(i, ir.add(i, ir.i64(1)), b2);
    ir.br(h2);
    ir.at(e2);
    return d;
  }
}
