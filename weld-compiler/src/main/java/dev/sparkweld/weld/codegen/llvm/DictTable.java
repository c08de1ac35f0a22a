package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * The hash table generated per key/value type (docs/abi.md, "Dictionaries"): a header {entries, count, capacity,
 * slots, mask, hashes}; entries are {K,V} structs in insertion order (so {@code tovec} is the entries array); slots is
 * an open-addressing, linear-probing index of i32 entry numbers (-1 empty) kept at most half full; hashes caches each
 * entry's hash for probing and rehashing. A header from Java may come without slots/hashes: {@link #index} builds them.
 */
final class DictTable {
  static final int ENTRIES = 0;
  static final int COUNT = 1;
  static final int CAPACITY = 2;
  static final int SLOTS = 3;
  static final int MASK = 4;
  static final int HASHES = 5;
  static final long HEADER_BYTES = 48;

  static final int FOUND = 0;
  static final int INSERTED = 1;
  static final int OUT_OF_MEMORY = 2;

  private final CodegenModule cg;
  private final Ir ir;
  private final Type key;
  private final StructType entry;
  private final String suffix;

  DictTable(CodegenModule cg, Type key, Type value) {
    this.cg = cg;
    this.ir = cg.ir;
    this.key = key;
    this.entry = new StructType(List.of(key, value));
    this.suffix = entry.toString();
  }

  static LLVMValueRef field(Ir ir, LLVMValueRef d, int f) {
    return ir.byteGep(d, ir.i64(8L * f));
  }

  private LLVMValueRef get(LLVMValueRef d, int f, LLVMTypeRef t) {
    return ir.load(t, field(ir, d, f));
  }

  private void set(LLVMValueRef d, int f, LLVMValueRef v) {
    ir.store(v, field(ir, d, f));
  }

  private long entrySize() {
    return AbiLayout.size(entry);
  }

  /** Address of entry idx's value. */
  LLVMValueRef valuePtr(LLVMValueRef d, LLVMValueRef idx) {
    LLVMValueRef e = ir.gep(cg.types.mem(entry), get(d, ENTRIES, ir.ptr()), idx);
    return ir.structGep(cg.types.mem(entry), e, 1);
  }

  /** A new empty table for about {@code hint} entries, or null when memory is refused. */
  LLVMValueRef create(LLVMValueRef ctx, LLVMValueRef worker, LLVMValueRef hint) {
    LLVMTypeRef ft = ir.fnType(ir.ptr(), ir.ptr(), ir.i32(), ir.i64());
    LLVMValueRef fn = cg.helper("weld.dict.new." + suffix, ft, f -> {
      LLVMValueRef c = LLVMGetParam(f, 0);
      LLVMValueRef w = LLVMGetParam(f, 1);
      LLVMValueRef h = LLVMGetParam(f, 2);
      LLVMValueRef cap = ir.select(ir.icmp(LLVMIntSGT, h, ir.i64(8)), h, ir.i64(8));
      LLVMValueRef d = allocOrReturnNull(c, w, ir.i64(HEADER_BYTES));
      LLVMValueRef entries = allocOrReturnNull(c, w, ir.mul(cap, ir.i64(entrySize())));
      LLVMValueRef hashes = allocOrReturnNull(c, w, ir.mul(cap, ir.i64(8)));
      set(d, ENTRIES, entries);
      set(d, COUNT, ir.i64(0));
      set(d, CAPACITY, cap);
      set(d, HASHES, hashes);
      LLVMValueRef ok = newSlots(c, w, d, slotCountFor(cap));
      LLVMBasicBlockRef good = ir.block("good");
      LLVMBasicBlockRef bad = ir.block("bad");
      ir.condBr(ok, good, bad);
      ir.at(bad);
      LLVMBuildRet(ir.b, ir.nullPtr());
      ir.at(good);
      LLVMBuildRet(ir.b, d);
    });
    return ir.call(ft, fn, ctx, worker, hint);
  }

  /** Smallest power of two >= 2 * n (at least 16). */
  private LLVMValueRef slotCountFor(LLVMValueRef n) {
    LLVMValueRef twice = ir.mul(n, ir.i64(2));
    LLVMValueRef lz = ir.callIntrinsic("llvm.ctlz", new LLVMTypeRef[] {ir.i64()}, ir.sub(twice, ir.i64(1)),
        ir.bool(false));
    LLVMValueRef p = LLVMBuildShl(ir.b, ir.i64(1), ir.sub(ir.i64(64), lz), "");
    return ir.select(ir.icmp(LLVMIntSLT, p, ir.i64(16)), ir.i64(16), p);
  }

  private LLVMValueRef allocOrReturnNull(LLVMValueRef c, LLVMValueRef w, LLVMValueRef bytes) {
    LLVMValueRef p = cg.rt.alloc(c, w, bytes);
    LLVMBasicBlockRef ok = ir.block("alloc.ok");
    LLVMBasicBlockRef fail = ir.block("alloc.fail");
    ir.condBr(LLVMBuildIsNull(ir.b, p, ""), fail, ok);
    ir.at(fail);
    LLVMTypeRef rt = LLVMGetReturnType(LLVMGlobalGetValueType(ir.currentFunction()));
    LLVMBuildRet(ir.b, failureValue(rt));
    ir.at(ok);
    return p;
  }

  private LLVMValueRef failureValue(LLVMTypeRef rt) {
    if (LLVMGetTypeKind(rt) == LLVMPointerTypeKind) {
      return ir.nullPtr();
    }
    if (LLVMGetTypeKind(rt) == LLVMIntegerTypeKind) {
      return LLVMConstInt(rt, OUT_OF_MEMORY, 0);
    }
    return ir.aggregate(rt, ir.i64(-1), ir.i32(OUT_OF_MEMORY));
  }

  /** Allocates a slot index of {@code n} (a power of two) slots, fills it from the hashes; false when refused. */
  private LLVMValueRef newSlots(LLVMValueRef c, LLVMValueRef w, LLVMValueRef d, LLVMValueRef n) {
    LLVMValueRef slots = cg.rt.alloc(c, w, ir.mul(n, ir.i64(4)));
    LLVMValueRef failed = LLVMBuildIsNull(ir.b, slots, "");
    LLVMBasicBlockRef before = ir.current();
    LLVMBasicBlockRef fill = ir.block("fill");
    LLVMBasicBlockRef done = ir.block("slots.done");
    ir.condBr(failed, done, fill);
    ir.at(fill);
    LLVMBuildMemSet(ir.b, slots, ir.i8(-1), ir.mul(n, ir.i64(4)), 4);
    LLVMValueRef mask = ir.sub(n, ir.i64(1));
    set(d, SLOTS, slots);
    set(d, MASK, mask);
    LLVMValueRef hashes = get(d, HASHES, ir.ptr());
    LLVMValueRef count = get(d, COUNT, ir.i64());
    LLVMBasicBlockRef head = ir.block("rehash");
    LLVMBasicBlockRef body = ir.block("rehash.body");
    LLVMBasicBlockRef end = ir.block("rehash.end");
    LLVMBasicBlockRef fillEnd = ir.current();
    ir.br(head);
    ir.at(head);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    Ir.incoming(i, ir.i64(0), fillEnd);
    ir.condBr(ir.icmp(LLVMIntSLT, i, count), body, end);
    ir.at(body);
    LLVMValueRef h = ir.load(ir.i64(), ir.gep(ir.i64(), hashes, i));
    LLVMValueRef pos = freeSlot(slots, mask, h);
    ir.store(ir.trunc(i, ir.i32()), ir.gep(ir.i32(), slots, pos));
    Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
    ir.br(head);
    ir.at(end);
    ir.br(done);
    ir.at(done);
    LLVMValueRef ok = ir.phi(ir.i1(), "ok");
    Ir.incoming(ok, ir.bool(false), before);
    Ir.incoming(ok, ir.bool(true), end);
    return ok;
  }

  /** The first empty slot on h's probe sequence. */
  private LLVMValueRef freeSlot(LLVMValueRef slots, LLVMValueRef mask, LLVMValueRef h) {
    LLVMBasicBlockRef entry = ir.current();
    LLVMBasicBlockRef probe = ir.block("probe");
    LLVMBasicBlockRef found = ir.block("free");
    LLVMValueRef start = ir.and(h, mask);
    ir.br(probe);
    ir.at(probe);
    LLVMValueRef pos = ir.phi(ir.i64(), "pos");
    Ir.incoming(pos, start, entry);
    LLVMValueRef s = ir.load(ir.i32(), ir.gep(ir.i32(), slots, pos));
    Ir.incoming(pos, ir.and(ir.add(pos, ir.i64(1)), mask), probe);
    ir.condBr(ir.icmp(LLVMIntEQ, s, ir.i32(-1)), found, probe);
    ir.at(found);
    return pos;
  }

  /** The entry number of key (memory representation), or -1. */
  LLVMValueRef find(LLVMValueRef d, LLVMValueRef keyMem) {
    LLVMTypeRef km = cg.types.mem(key);
    LLVMTypeRef ft = ir.fnType(ir.i64(), ir.ptr(), km);
    LLVMValueRef fn = cg.helper("weld.dict.find." + suffix, ft, f -> {
      LLVMValueRef dd = LLVMGetParam(f, 0);
      LLVMValueRef k = LLVMGetParam(f, 1);
      LLVMValueRef[] r = probe(dd, k);
      LLVMBuildRet(ir.b, ir.select(r[1], r[0], ir.i64(-1)));
    });
    return ir.call(ft, fn, d, keyMem);
  }

  /**
   * Probes for k: returns {entry number or -1, found (i1), slot position where the probe ended, hash}.
   */
  private LLVMValueRef[] probe(LLVMValueRef d, LLVMValueRef k) {
    HashCodegen hashing = new HashCodegen(cg);
    LLVMValueRef h = hashing.hash(key, k);
    LLVMValueRef slots = get(d, SLOTS, ir.ptr());
    LLVMValueRef mask = get(d, MASK, ir.i64());
    LLVMValueRef hashes = get(d, HASHES, ir.ptr());
    LLVMValueRef entries = get(d, ENTRIES, ir.ptr());
    LLVMTypeRef em = cg.types.mem(entry);
    LLVMBasicBlockRef entryBlock = ir.current();
    LLVMBasicBlockRef loop = ir.block("probe");
    LLVMBasicBlockRef occupied = ir.block("occupied");
    LLVMBasicBlockRef compareKeys = ir.block("cmpkey");
    LLVMBasicBlockRef next = ir.block("next");
    LLVMBasicBlockRef done = ir.block("probed");
    LLVMValueRef start = ir.and(h, mask);
    ir.br(loop);
    ir.at(loop);
    LLVMValueRef pos = ir.phi(ir.i64(), "pos");
    Ir.incoming(pos, start, entryBlock);
    LLVMValueRef s = ir.load(ir.i32(), ir.gep(ir.i32(), slots, pos));
    LLVMValueRef empty = ir.icmp(LLVMIntEQ, s, ir.i32(-1));
    ir.condBr(empty, done, occupied);
    ir.at(occupied);
    LLVMValueRef idx = LLVMBuildSExt(ir.b, s, ir.i64(), "");
    LLVMValueRef eh = ir.load(ir.i64(), ir.gep(ir.i64(), hashes, idx));
    ir.condBr(ir.icmp(LLVMIntEQ, eh, h), compareKeys, next);
    ir.at(compareKeys);
    LLVMValueRef ek = ir.load(cg.types.mem(key), ir.structGep(em, ir.gep(em, entries, idx), 0));
    LLVMValueRef same = hashing.keyEq(key, ek, k);
    LLVMBasicBlockRef cmpEnd = ir.current();
    ir.condBr(same, done, next);
    ir.at(next);
    Ir.incoming(pos, ir.and(ir.add(pos, ir.i64(1)), mask), next);
    ir.br(loop);
    ir.at(done);
    LLVMValueRef rIdx = ir.phi(ir.i64(), "idx");
    Ir.incoming(rIdx, ir.i64(-1), loop);
    Ir.incoming(rIdx, idx, cmpEnd);
    LLVMValueRef found = ir.phi(ir.i1(), "found");
    Ir.incoming(found, ir.bool(false), loop);
    Ir.incoming(found, ir.bool(true), cmpEnd);
    return new LLVMValueRef[] {rIdx, found, pos, h};
  }

  /**
   * Finds or inserts key: returns {entry number, status} with status FOUND, INSERTED (the value slot is zeroed) or
   * OUT_OF_MEMORY. Entry numbers stay valid when the table grows; entry addresses do not.
   */
  LLVMValueRef upsert(LLVMValueRef ctx, LLVMValueRef worker, LLVMValueRef d, LLVMValueRef keyMem) {
    LLVMTypeRef km = cg.types.mem(key);
    LLVMTypeRef rt = ir.struct(ir.i64(), ir.i32());
    LLVMTypeRef ft = ir.fnType(rt, ir.ptr(), ir.i32(), ir.ptr(), km);
    LLVMValueRef fn = cg.helper("weld.dict.upsert." + suffix, ft, f -> upsertBody(f, rt));
    return ir.call(ft, fn, ctx, worker, d, keyMem);
  }

  private void upsertBody(LLVMValueRef f, LLVMTypeRef rt) {
    LLVMValueRef c = LLVMGetParam(f, 0);
    LLVMValueRef w = LLVMGetParam(f, 1);
    LLVMValueRef d = LLVMGetParam(f, 2);
    LLVMValueRef k = LLVMGetParam(f, 3);
    LLVMValueRef[] r = probe(d, k);
    LLVMBasicBlockRef hit = ir.block("hit");
    LLVMBasicBlockRef insert = ir.block("insert");
    ir.condBr(r[1], hit, insert);
    ir.at(hit);
    LLVMBuildRet(ir.b, ir.aggregate(rt, r[0], ir.i32(FOUND)));
    ir.at(insert);
    LLVMValueRef count = get(d, COUNT, ir.i64());
    LLVMValueRef cap = get(d, CAPACITY, ir.i64());
    LLVMBasicBlockRef grow = ir.block("grow");
    LLVMBasicBlockRef room = ir.block("room");
    ir.condBr(ir.icmp(LLVMIntSGE, count, cap), grow, room);
    ir.at(grow);
    LLVMValueRef newCap = ir.mul(cap, ir.i64(2));
    LLVMValueRef entries = cg.rt.realloc(c, w, get(d, ENTRIES, ir.ptr()), ir.mul(newCap, ir.i64(entrySize())));
    LLVMValueRef e2 = orFail(entries, rt);
    set(d, ENTRIES, e2);
    LLVMValueRef hashes = orFail(cg.rt.realloc(c, w, get(d, HASHES, ir.ptr()), ir.mul(newCap, ir.i64(8))), rt);
    set(d, HASHES, hashes);
    set(d, CAPACITY, newCap);
    ir.br(room);
    ir.at(room);
    LLVMTypeRef em = cg.types.mem(entry);
    LLVMValueRef slotPtr = ir.gep(em, get(d, ENTRIES, ir.ptr()), count);
    ir.store(ir.zero(em), slotPtr);
    ir.store(k, ir.structGep(em, slotPtr, 0));
    ir.store(r[3], ir.gep(ir.i64(), get(d, HASHES, ir.ptr()), count));
    ir.store(ir.trunc(count, ir.i32()), ir.gep(ir.i32(), get(d, SLOTS, ir.ptr()), r[2]));
    LLVMValueRef n = ir.add(count, ir.i64(1));
    set(d, COUNT, n);
    // Keep the index at most half full.
    LLVMValueRef mask = get(d, MASK, ir.i64());
    LLVMBasicBlockRef rehash = ir.block("rehash.grow");
    LLVMBasicBlockRef finish = ir.block("finish");
    ir.condBr(ir.icmp(LLVMIntSGT, ir.mul(n, ir.i64(2)), ir.add(mask, ir.i64(1))), rehash, finish);
    ir.at(rehash);
    LLVMValueRef ok = newSlots(c, w, d, ir.mul(ir.add(mask, ir.i64(1)), ir.i64(2)));
    LLVMBasicBlockRef oom = ir.block("oom");
    ir.condBr(ok, finish, oom);
    ir.at(oom);
    LLVMBuildRet(ir.b, ir.aggregate(rt, ir.i64(-1), ir.i32(OUT_OF_MEMORY)));
    ir.at(finish);
    LLVMBuildRet(ir.b, ir.aggregate(rt, count, ir.i32(INSERTED)));
  }

  private LLVMValueRef orFail(LLVMValueRef p, LLVMTypeRef rt) {
    LLVMBasicBlockRef ok = ir.block("ok");
    LLVMBasicBlockRef fail = ir.block("oom");
    ir.condBr(LLVMBuildIsNull(ir.b, p, ""), fail, ok);
    ir.at(fail);
    LLVMBuildRet(ir.b, ir.aggregate(rt, ir.i64(-1), ir.i32(OUT_OF_MEMORY)));
    ir.at(ok);
    return p;
  }

  /**
   * Builds hashes and the slot index of a table that arrived with only entries and a count (from Java, or from
   * deserialize). Returns false when memory is refused.
   */
  LLVMValueRef index(LLVMValueRef ctx, LLVMValueRef worker, LLVMValueRef d) {
    LLVMTypeRef ft = ir.fnType(ir.i1(), ir.ptr(), ir.i32(), ir.ptr());
    LLVMValueRef fn = cg.helper("weld.dict.index." + suffix, ft, f -> {
      LLVMValueRef c = LLVMGetParam(f, 0);
      LLVMValueRef w = LLVMGetParam(f, 1);
      LLVMValueRef dd = LLVMGetParam(f, 2);
      LLVMValueRef count = get(dd, COUNT, ir.i64());
      LLVMValueRef cap = ir.select(ir.icmp(LLVMIntSGT, count, ir.i64(8)), count, ir.i64(8));
      LLVMValueRef hashes = cg.rt.alloc(c, w, ir.mul(cap, ir.i64(8)));
      LLVMBasicBlockRef ok = ir.block("ok");
      LLVMBasicBlockRef bad = ir.block("bad");
      ir.condBr(LLVMBuildIsNull(ir.b, hashes, ""), bad, ok);
      ir.at(bad);
      LLVMBuildRet(ir.b, ir.bool(false));
      ir.at(ok);
      // The entries array of a table must be growable: copy it into run-context memory of the same capacity.
      LLVMValueRef bytes = ir.mul(cap, ir.i64(entrySize()));
      LLVMValueRef entries = cg.rt.alloc(c, w, bytes);
      LLVMBasicBlockRef ok2 = ir.block("ok2");
      ir.condBr(LLVMBuildIsNull(ir.b, entries, ""), bad, ok2);
      ir.at(ok2);
      LLVMValueRef old = get(dd, ENTRIES, ir.ptr());
      LLVMBasicBlockRef copy = ir.block("copy");
      LLVMBasicBlockRef after = ir.block("after");
      ir.condBr(ir.icmp(LLVMIntSGT, count, ir.i64(0)), copy, after);
      ir.at(copy);
      ir.memcpy(entries, old, ir.mul(count, ir.i64(entrySize())));
      ir.br(after);
      ir.at(after);
      set(dd, ENTRIES, entries);
      set(dd, CAPACITY, cap);
      set(dd, HASHES, hashes);
      LLVMTypeRef em = cg.types.mem(entry);
      HashCodegen hashing = new HashCodegen(cg);
      LLVMBasicBlockRef head = ir.block("h.head");
      LLVMBasicBlockRef body = ir.block("h.body");
      LLVMBasicBlockRef end = ir.block("h.end");
      LLVMBasicBlockRef pre = ir.current();
      ir.br(head);
      ir.at(head);
      LLVMValueRef i = ir.phi(ir.i64(), "i");
      Ir.incoming(i, ir.i64(0), pre);
      ir.condBr(ir.icmp(LLVMIntSLT, i, count), body, end);
      ir.at(body);
      LLVMValueRef k = ir.load(cg.types.mem(key), ir.structGep(em, ir.gep(em, entries, i), 0));
      ir.store(hashing.hash(key, k), ir.gep(ir.i64(), hashes, i));
      Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
      ir.br(head);
      ir.at(end);
      LLVMBuildRet(ir.b, newSlots(c, w, dd, slotCountFor(cap)));
    });
    return ir.call(ft, fn, ctx, worker, d);
  }
}
