package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Dictionaries: the expression-level operations (lookup, optlookup, keyexists, tovec, dictmerger merges) over the
 * type-specialized tables of {@link DictTable}. Entries are kept in insertion order, so {@code tovec} is free.
 */
final class DictCodegen {
  private final Emitter em;
  private final Ir ir;

  DictCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  private DictTable table(Type key, Type value) {
    return new DictTable(em.cg, key, value);
  }

  LLVMValueRef newDict(Type key, Type value, LLVMValueRef hint) {
    LLVMValueRef d = em.hinted(hint, h -> table(key, value).create(em.ctx, em.worker, h)).value();
    em.failIf(LLVMBuildIsNull(ir.b, d, ""), ErrorKind.MEMORY_LIMIT);
    return d;
  }

  private LLVMValueRef find(DictType t, LLVMValueRef d, LLVMValueRef key) {
    return table(t.key(), t.value()).find(d, em.types.toMem(key, t.key()));
  }

  LLVMValueRef lookup(DictType t, LLVMValueRef d, LLVMValueRef key) {
    LLVMValueRef idx = find(t, d, key);
    em.failIf(ir.icmp(LLVMIntSLT, idx, ir.i64(0)), ErrorKind.KEY_NOT_FOUND);
    return em.types.load(t.value(), table(t.key(), t.value()).valuePtr(d, idx));
  }

  LLVMValueRef optLookup(DictType t, LLVMValueRef d, LLVMValueRef key) {
    LLVMValueRef idx = find(t, d, key);
    LLVMValueRef found = ir.icmp(LLVMIntSGE, idx, ir.i64(0));
    LLVMBasicBlockRef before = ir.current();
    LLVMBasicBlockRef hit = ir.block("opt.hit");
    LLVMBasicBlockRef done = ir.block("opt.done");
    ir.condBr(found, hit, done);
    ir.at(hit);
    LLVMValueRef v = ir.load(em.types.mem(t.value()), table(t.key(), t.value()).valuePtr(d, idx));
    LLVMBasicBlockRef hitEnd = ir.current();
    ir.br(done);
    ir.at(done);
    LLVMValueRef phi = ir.phi(em.types.mem(t.value()), "opt");
    Ir.incoming(phi, ir.zero(em.types.mem(t.value())), before);
    Ir.incoming(phi, v, hitEnd);
    LLVMTypeRef rt = em.types.mem(new StructType(List.of(Type.BOOL, t.value())));
    return ir.aggregate(rt, ir.zext(found, ir.i8()), phi);
  }

  LLVMValueRef keyExists(DictType t, LLVMValueRef d, LLVMValueRef key) {
    return ir.icmp(LLVMIntSGE, find(t, d, key), ir.i64(0));
  }

  LLVMValueRef toVec(LLVMValueRef d) {
    return em.makeVec(ir.load(ir.ptr(), DictTable.field(ir, d, DictTable.ENTRIES)),
        ir.load(ir.i64(), DictTable.field(ir, d, DictTable.COUNT)));
  }

  /** merge(dictmerger, {k, v}): insert v for a new key, else fold it into the stored value. */
  void mergeInto(DictMergerType t, LLVMValueRef d, LLVMValueRef kv, boolean checked, MergeOps ops) {
    DictTable tab = table(t.key(), t.value());
    LLVMValueRef r = tab.upsert(em.ctx, em.worker, d, ir.extract(kv, 0));
    LLVMValueRef idx = ir.extract(r, 0);
    LLVMValueRef status = ir.extract(r, 1);
    em.failIf(ir.icmp(LLVMIntEQ, status, ir.i32(DictTable.OUT_OF_MEMORY)), ErrorKind.MEMORY_LIMIT);
    LLVMValueRef slot = tab.valuePtr(d, idx);
    LLVMValueRef v = em.types.fromMem(ir.extract(kv, 1), t.value());
    LLVMBasicBlockRef fresh = ir.block("dm.new");
    LLVMBasicBlockRef fold = ir.block("dm.fold");
    LLVMBasicBlockRef done = ir.block("dm.done");
    ir.condBr(ir.icmp(LLVMIntEQ, status, ir.i32(DictTable.INSERTED)), fresh, fold);
    ir.at(fresh);
    em.types.store(t.value(), v, slot);
    ir.br(done);
    ir.at(fold);
    LLVMValueRef old = em.types.load(t.value(), slot);
    em.types.store(t.value(), ops.fold(t.op(), t.value(), t.value(), old, v, checked), slot);
    ir.br(done);
    ir.at(done);
  }
}
