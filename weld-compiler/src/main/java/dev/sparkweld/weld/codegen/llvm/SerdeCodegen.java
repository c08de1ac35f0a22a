package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.util.List;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * serialize / deserialize (docs/weld-ir.md 4.7): little-endian scalars, i64 lengths, struct fields without padding,
 * dict entries in order. Per-type helpers compute the size, write, and read with bounds checks; a read returns the
 * new cursor, null for malformed bytes, or the pointer value 1 when memory was refused.
 */
final class SerdeCodegen {
  private final Emitter em;
  private final CodegenModule cg;
  private final Ir ir;

  SerdeCodegen(Emitter em) {
    this.em = em;
    this.cg = em.cg;
    this.ir = em.ir;
  }

  LLVMValueRef serialize(Type t, LLVMValueRef v) {
    LLVMValueRef mem = em.types.toMem(v, t);
    LLVMValueRef n = size(t, mem);
    LLVMValueRef buf = em.alloc(ir.select(ir.icmp(LLVMIntSGT, n, ir.i64(0)), n, ir.i64(1)));
    write(t, mem, buf);
    return em.makeVec(buf, n);
  }

  LLVMValueRef deserialize(Type t, LLVMValueRef bytes) {
    LLVMValueRef out = ir.entryAlloca(em.types.mem(t));
    LLVMValueRef begin = em.vecPtr(bytes);
    LLVMValueRef end = ir.byteGep(begin, em.vecLen(bytes));
    LLVMValueRef r = read(t, em.ctx, em.worker, begin, end, out);
    em.failIf(ir.icmp(LLVMIntEQ, LLVMBuildPtrToInt(ir.b, r, ir.i64(), ""), ir.i64(1)), ErrorKind.MEMORY_LIMIT);
    em.failIf(ir.icmp(LLVMIntNE, r, end), ErrorKind.BAD_SERIALIZED_DATA);
    return em.types.load(t, out);
  }

  private static boolean flat(Type t) {
    return t instanceof ScalarType;
  }

  private static long minSize(Type t) {
    if (t instanceof ScalarType s) {
      return s.kind().byteSize();
    }
    if (t instanceof StructType s) {
      long n = 0;
      for (Type f : s.fields()) {
        n += minSize(f);
      }
      return n;
    }
    return 8;
  }

  // ---- size

  private LLVMValueRef size(Type t, LLVMValueRef v) {
    if (t instanceof ScalarType s) {
      return ir.i64(s.kind().byteSize());
    }
    LLVMTypeRef mt = em.types.mem(t);
    LLVMValueRef fn = cg.helper("weld.ser.size." + t, ir.fnType(ir.i64(), mt), f -> {
      LLVMValueRef x = LLVMGetParam(f, 0);
      if (t instanceof StructType s) {
        LLVMValueRef sum = ir.i64(0);
        for (int i = 0; i < s.fields().size(); i++) {
          sum = ir.add(sum, size(s.fields().get(i), ir.extract(x, i)));
        }
        LLVMBuildRet(ir.b, sum);
        return;
      }
      Type elem = elementType(t);
      LLVMValueRef[] pn = elements(t, x);
      if (flat(elem)) {
        LLVMBuildRet(ir.b, ir.add(ir.i64(8), ir.mul(pn[1], ir.i64(AbiLayout.size(elem)))));
        return;
      }
      LLVMValueRef total = loop(pn[1], ir.i64(8), (i, acc) -> ir.add(acc,
          size(elem, ir.load(em.types.mem(elem), ir.gep(em.types.mem(elem), pn[0], i)))));
      LLVMBuildRet(ir.b, total);
    });
    return ir.call(ir.fnType(ir.i64(), mt), fn, v);
  }

  /** The element type of a vector, or {K,V} for a dictionary's entries. */
  private static Type elementType(Type t) {
    if (t instanceof VecType v) {
      return v.elem();
    }
    DictType d = (DictType) t;
    return new StructType(List.of(d.key(), d.value()));
  }

  /** {data pointer, count} of a vector or a dictionary's entries. */
  private LLVMValueRef[] elements(Type t, LLVMValueRef x) {
    if (t instanceof VecType) {
      return new LLVMValueRef[] {ir.extract(x, 0), ir.extract(x, 1)};
    }
    return new LLVMValueRef[] {ir.load(ir.ptr(), DictTable.field(ir, x, DictTable.ENTRIES)),
        ir.load(ir.i64(), DictTable.field(ir, x, DictTable.COUNT))};
  }

  private interface Step {
    LLVMValueRef apply(LLVMValueRef i, LLVMValueRef acc);
  }

  /** for i in [0, n): acc = step(i, acc); returns acc. */
  private LLVMValueRef loop(LLVMValueRef n, LLVMValueRef init, Step step) {
    LLVMBasicBlockRef pre = ir.current();
    LLVMBasicBlockRef head = ir.block("sl.head");
    LLVMBasicBlockRef body = ir.block("sl.body");
    LLVMBasicBlockRef done = ir.block("sl.done");
    ir.br(head);
    ir.at(head);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    LLVMValueRef acc = ir.phi(LLVMTypeOf(init), "acc");
    Ir.incoming(i, ir.i64(0), pre);
    Ir.incoming(acc, init, pre);
    ir.condBr(ir.icmp(LLVMIntSLT, i, n), body, done);
    ir.at(body);
    LLVMValueRef next = step.apply(i, acc);
    Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
    Ir.incoming(acc, next, ir.current());
    ir.br(head);
    ir.at(done);
    return acc;
  }

  // ---- write

  private LLVMValueRef write(Type t, LLVMValueRef v, LLVMValueRef out) {
    if (t instanceof ScalarType) {
      LLVMValueRef st = LLVMBuildStore(ir.b, v, out);
      LLVMSetAlignment(st, 1);
      return ir.byteGep(out, ir.i64(AbiLayout.size(t)));
    }
    LLVMTypeRef mt = em.types.mem(t);
    LLVMTypeRef ft = ir.fnType(ir.ptr(), mt, ir.ptr());
    LLVMValueRef fn = cg.helper("weld.ser.write." + t, ft, f -> {
      LLVMValueRef x = LLVMGetParam(f, 0);
      LLVMValueRef o = LLVMGetParam(f, 1);
      if (t instanceof StructType s) {
        for (int i = 0; i < s.fields().size(); i++) {
          o = write(s.fields().get(i), ir.extract(x, i), o);
        }
        LLVMBuildRet(ir.b, o);
        return;
      }
      Type elem = elementType(t);
      LLVMValueRef[] pn = elements(t, x);
      LLVMValueRef st = LLVMBuildStore(ir.b, pn[1], o);
      LLVMSetAlignment(st, 1);
      LLVMValueRef data = ir.byteGep(o, ir.i64(8));
      if (flat(elem)) {
        LLVMValueRef bytes = ir.mul(pn[1], ir.i64(AbiLayout.size(elem)));
        ir.memcpy(data, pn[0], bytes);
        LLVMBuildRet(ir.b, ir.byteGep(data, bytes));
        return;
      }
      LLVMTypeRef emt = em.types.mem(elem);
      LLVMBuildRet(ir.b, loop(pn[1], data, (i, cur) -> write(elem, ir.load(emt, ir.gep(emt, pn[0], i)), cur)));
    });
    return ir.call(ft, fn, v, out);
  }

  // ---- read

  private LLVMValueRef read(Type t, LLVMValueRef c, LLVMValueRef w, LLVMValueRef cur, LLVMValueRef end,
      LLVMValueRef out) {
    LLVMTypeRef ft = ir.fnType(ir.ptr(), ir.ptr(), ir.i32(), ir.ptr(), ir.ptr(), ir.ptr());
    LLVMValueRef fn = cg.helper("weld.deser." + t, ft, f -> readBody(t, f));
    return ir.call(ft, fn, c, w, cur, end, out);
  }

  private LLVMValueRef remaining(LLVMValueRef cur, LLVMValueRef end) {
    return ir.sub(LLVMBuildPtrToInt(ir.b, end, ir.i64(), ""), LLVMBuildPtrToInt(ir.b, cur, ir.i64(), ""));
  }

  /** Returns null from the helper (malformed input) when cond holds. */
  private void rejectIf(LLVMValueRef cond) {
    LLVMBasicBlockRef bad = ir.block("bad");
    LLVMBasicBlockRef ok = ir.block("ok");
    ir.condBr(cond, bad, ok);
    ir.at(bad);
    LLVMBuildRet(ir.b, ir.nullPtr());
    ir.at(ok);
  }

  /** Propagates a failed nested read (null or the out-of-memory marker) from the helper. */
  private void propagate(LLVMValueRef r) {
    LLVMValueRef bad = ir.icmp(LLVMIntULE, LLVMBuildPtrToInt(ir.b, r, ir.i64(), ""), ir.i64(1));
    LLVMBasicBlockRef fail = ir.block("fail");
    LLVMBasicBlockRef ok = ir.block("ok");
    ir.condBr(bad, fail, ok);
    ir.at(fail);
    LLVMBuildRet(ir.b, r);
    ir.at(ok);
  }

  private LLVMValueRef allocOrOom(LLVMValueRef c, LLVMValueRef w, LLVMValueRef bytes) {
    LLVMValueRef p = cg.rt.alloc(c, w, ir.select(ir.icmp(LLVMIntSGT, bytes, ir.i64(0)), bytes, ir.i64(1)));
    LLVMBasicBlockRef oom = ir.block("oom");
    LLVMBasicBlockRef ok = ir.block("ok");
    ir.condBr(LLVMBuildIsNull(ir.b, p, ""), oom, ok);
    ir.at(oom);
    LLVMBuildRet(ir.b, LLVMBuildIntToPtr(ir.b, ir.i64(1), ir.ptr(), ""));
    ir.at(ok);
    return p;
  }

  private void readBody(Type t, LLVMValueRef f) {
    LLVMValueRef c = LLVMGetParam(f, 0);
    LLVMValueRef w = LLVMGetParam(f, 1);
    LLVMValueRef cur = LLVMGetParam(f, 2);
    LLVMValueRef end = LLVMGetParam(f, 3);
    LLVMValueRef out = LLVMGetParam(f, 4);
    if (t instanceof ScalarType s) {
      long n = s.kind().byteSize();
      rejectIf(ir.icmp(LLVMIntSLT, remaining(cur, end), ir.i64(n)));
      LLVMValueRef v = ir.load(em.types.mem(t), cur);
      LLVMSetAlignment(v, 1);
      if (s.kind() == ScalarKind.BOOL) {
        rejectIf(ir.icmp(LLVMIntUGT, v, ir.i8(1)));
      }
      ir.store(v, out);
      LLVMBuildRet(ir.b, ir.byteGep(cur, ir.i64(n)));
      return;
    }
    if (t instanceof StructType s) {
      LLVMTypeRef mt = em.types.mem(t);
      for (int i = 0; i < s.fields().size(); i++) {
        cur = read(s.fields().get(i), c, w, cur, end, ir.structGep(mt, out, i));
        propagate(cur);
      }
      LLVMBuildRet(ir.b, cur);
      return;
    }
    rejectIf(ir.icmp(LLVMIntSLT, remaining(cur, end), ir.i64(8)));
    LLVMValueRef n = ir.load(ir.i64(), cur);
    LLVMSetAlignment(n, 1);
    cur = ir.byteGep(cur, ir.i64(8));
    rejectIf(ir.icmp(LLVMIntSLT, n, ir.i64(0)));
    Type elem = elementType(t);
    long min = minSize(elem);
    if (min > 0) {
      rejectIf(ir.icmp(LLVMIntSGT, n, LLVMBuildSDiv(ir.b, remaining(cur, end), ir.i64(min), "")));
    }
    LLVMTypeRef emt = em.types.mem(elem);
    LLVMValueRef data = allocOrOom(c, w, ir.mul(n, ir.i64(AbiLayout.size(elem))));
    LLVMValueRef after;
    if (flat(elem)) {
      LLVMValueRef bytes = ir.mul(n, ir.i64(AbiLayout.size(elem)));
      ir.memcpy(data, cur, bytes);
      if (elem instanceof ScalarType s && s.kind() == ScalarKind.BOOL) {
        LLVMValueRef bad = loop(n, ir.bool(false), (i, acc) -> ir.or(acc,
            ir.icmp(LLVMIntUGT, ir.load(ir.i8(), ir.byteGep(data, i)), ir.i8(1))));
        rejectIf(bad);
      }
      after = ir.byteGep(cur, bytes);
    } else {
      after = loop(n, cur, (i, at) -> {
        LLVMValueRef r = read(elem, c, w, at, end, ir.gep(emt, data, i));
        propagate(r);
        return r;
      });
    }
    if (t instanceof VecType) {
      ir.store(em.makeVec(data, n), out);
      LLVMBuildRet(ir.b, after);
      return;
    }
    DictType d = (DictType) t;
    LLVMValueRef header = allocOrOom(c, w, ir.i64(DictTable.HEADER_BYTES));
    ir.store(data, DictTable.field(ir, header, DictTable.ENTRIES));
    ir.store(n, DictTable.field(ir, header, DictTable.COUNT));
    ir.store(n, DictTable.field(ir, header, DictTable.CAPACITY));
    LLVMValueRef ok = new DictTable(cg, d.key(), d.value()).index(c, w, header);
    LLVMBasicBlockRef oom = ir.block("oom");
    LLVMBasicBlockRef good = ir.block("good");
    ir.condBr(ok, good, oom);
    ir.at(oom);
    LLVMBuildRet(ir.b, LLVMBuildIntToPtr(ir.b, ir.i64(1), ir.ptr(), ""));
    ir.at(good);
    ir.store(header, out);
    LLVMBuildRet(ir.b, after);
  }
}
