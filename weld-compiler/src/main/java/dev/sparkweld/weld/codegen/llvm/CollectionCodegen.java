package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.ErrorKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Lookup;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.MakeVector;
import dev.sparkweld.weld.ir.Slice;
import dev.sparkweld.weld.ir.StringLiteral;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import dev.sparkweld.weld.ir.Zip;
import java.nio.charset.StandardCharsets;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/** Structs and vectors: literals, field access, element lookup with bounds checks, slices, zip, string constants. */
final class CollectionCodegen {
  private final Emitter em;
  private final Ir ir;

  CollectionCodegen(Emitter em) {
    this.em = em;
    this.ir = em.ir;
  }

  LLVMValueRef stringLiteral(StringLiteral k) {
    byte[] bytes = k.value().getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      return em.makeVec(ir.nullPtr(), ir.i64(0));
    }
    // A BytePointer, not a String: JavaCPP would re-encode a String with the platform charset.
    LLVMValueRef init;
    try (org.bytedeco.javacpp.BytePointer raw = new org.bytedeco.javacpp.BytePointer(bytes)) {
      init = LLVMConstStringInContext2(ir.ctx, raw, bytes.length, 1);
    }
    LLVMValueRef g = LLVMAddGlobal(ir.module, LLVMTypeOf(init), "str");
    LLVMSetInitializer(g, init);
    LLVMSetGlobalConstant(g, 1);
    LLVMSetLinkage(g, LLVMPrivateLinkage);
    return em.makeVec(g, ir.i64(bytes.length));
  }

  LLVMValueRef makeStruct(Expr e, MakeStruct k) {
    LLVMValueRef v = ir.undef(em.types.mem(e.type()));
    for (int i = 0; i < k.elems().size(); i++) {
      Expr f = k.elems().get(i);
      v = ir.insert(v, em.types.toMem(em.emit(f), f.type()), i);
    }
    return v;
  }

  LLVMValueRef getField(Expr e, GetField k) {
    LLVMValueRef s = em.emit(k.value());
    Type ft = ((StructType) k.value().type()).fields().get(k.index());
    return em.types.fromMem(ir.extract(s, k.index()), ft);
  }

  LLVMValueRef makeVector(Expr e, MakeVector k) {
    int n = k.elems().size();
    if (n == 0) {
      return em.makeVec(ir.nullPtr(), ir.i64(0));
    }
    Type et = ((VecType) e.type()).elem();
    if (k.elems().stream().allMatch(x -> x.kind() instanceof dev.sparkweld.weld.ir.Literal)) {
      return constantVector(et, k);
    }
    LLVMValueRef p = em.alloc(ir.i64(em.sizeOf(et) * n));
    for (int i = 0; i < n; i++) {
      em.types.store(et, em.emit(k.elems().get(i)), em.elemPtr(et, p, ir.i64(i)));
    }
    return em.makeVec(p, ir.i64(n));
  }

  /**
   * A vector of literals as a private constant array, like a string literal: built once at compile time instead of
   * allocated and filled each time it is evaluated (in a loop body, once per iteration: the byte strings a Spark
   * stage compares against). Vectors are immutable and builders initialized from one copy it, so sharing is safe.
   */
  private LLVMValueRef constantVector(Type et, MakeVector k) {
    int n = k.elems().size();
    LLVMTypeRef mt = em.types.mem(et);
    LLVMValueRef[] elems = new LLVMValueRef[n];
    for (int i = 0; i < n; i++) {
      elems[i] = em.types.toMem(em.emit(k.elems().get(i)), et);
    }
    LLVMValueRef init;
    try (org.bytedeco.javacpp.PointerPointer<LLVMValueRef> values = new org.bytedeco.javacpp.PointerPointer<>(elems)) {
      init = LLVMConstArray2(mt, values, n);
    }
    LLVMValueRef g = LLVMAddGlobal(ir.module, LLVMTypeOf(init), "vec");
    LLVMSetInitializer(g, init);
    LLVMSetGlobalConstant(g, 1);
    LLVMSetLinkage(g, LLVMPrivateLinkage);
    return em.makeVec(g, ir.i64(n));
  }

  LLVMValueRef lookup(Expr e, Lookup k) {
    LLVMValueRef v = em.emit(k.data());
    LLVMValueRef i = em.emit(k.index());
    Type et = ((VecType) k.data().type()).elem();
    if (em.cg.boundsChecks) {
      em.failIf(ir.icmp(LLVMIntUGE, i, em.vecLen(v)), ErrorKind.OUT_OF_BOUNDS);
    }
    return em.types.load(et, em.elemPtr(et, em.vecPtr(v), i));
  }

  LLVMValueRef slice(Slice k) {
    LLVMValueRef v = em.emit(k.data());
    LLVMValueRef start = em.emit(k.index());
    LLVMValueRef size = em.emit(k.size());
    LLVMValueRef len = em.vecLen(v);
    // 0 <= start <= len and 0 <= size <= len - start, without overflow.
    LLVMValueRef bad = ir.or(ir.icmp(LLVMIntUGT, start, len), ir.icmp(LLVMIntUGT, size, ir.sub(len, start)));
    em.failIf(bad, ErrorKind.OUT_OF_BOUNDS);
    Type et = ((VecType) k.data().type()).elem();
    return em.makeVec(em.elemPtr(et, em.vecPtr(v), start), size);
  }

  /** A materialized zip: the vector of structs of corresponding elements. */
  LLVMValueRef zip(Expr e, Zip k) {
    int m = k.vectors().size();
    LLVMValueRef[] vs = new LLVMValueRef[m];
    Type[] ets = new Type[m];
    for (int j = 0; j < m; j++) {
      vs[j] = em.emit(k.vectors().get(j));
      ets[j] = ((VecType) k.vectors().get(j).type()).elem();
    }
    LLVMValueRef n = em.vecLen(vs[0]);
    for (int j = 1; j < m; j++) {
      em.failIf(ir.icmp(LLVMIntNE, em.vecLen(vs[j]), n), ErrorKind.BAD_ITERATOR);
    }
    Type rt = ((VecType) e.type()).elem();
    LLVMTypeRef rmem = em.types.mem(rt);
    LLVMValueRef out = em.alloc(ir.mul(n, ir.i64(em.sizeOf(rt))));
    LLVMBasicBlockRef entry = ir.current();
    LLVMBasicBlockRef head = ir.block("zip.head");
    LLVMBasicBlockRef body = ir.block("zip.body");
    LLVMBasicBlockRef done = ir.block("zip.done");
    ir.br(head);
    ir.at(head);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    Ir.incoming(i, ir.i64(0), entry);
    ir.condBr(ir.icmp(LLVMIntSLT, i, n), body, done);
    ir.at(body);
    LLVMValueRef s = ir.undef(rmem);
    for (int j = 0; j < m; j++) {
      LLVMValueRef x = ir.load(em.types.mem(ets[j]), em.elemPtr(ets[j], em.vecPtr(vs[j]), i));
      s = ir.insert(s, x, j);
    }
    ir.store(s, ir.gep(rmem, out, i));
    Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
    ir.br(head);
    ir.at(done);
    return em.makeVec(out, n);
  }
}
