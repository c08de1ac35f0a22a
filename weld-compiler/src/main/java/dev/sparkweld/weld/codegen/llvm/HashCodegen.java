package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Portable hashing and key equality of dictionary keys (docs/weld-ir.md 4.4): plain integer arithmetic (a 64-bit
 * multiply-xorshift finalizer; no CRC or AES instructions), word-at-a-time over vectors of integers (strings), NaNs
 * canonicalized so they are one key, and {@code -0.0} distinct from {@code 0.0}.
 */
final class HashCodegen {
  private static final long K1 = 0x9E3779B97F4A7C15L;
  private static final long M1 = 0xff51afd7ed558ccdL;
  private static final long M2 = 0xc4ceb9fe1a85ec53L;

  private final CodegenModule cg;
  private final Ir ir;

  HashCodegen(CodegenModule cg) {
    this.cg = cg;
    this.ir = cg.ir;
  }

  /** The i64 hash of a key given as its memory representation. */
  LLVMValueRef hash(Type t, LLVMValueRef memValue) {
    LLVMTypeRef mt = cg.types.mem(t);
    LLVMValueRef fn = cg.helper("weld.hash." + t, ir.fnType(ir.i64(), mt), f -> {
      LLVMBuildRet(ir.b, fmix(raw(t, LLVMGetParam(f, 0))));
    });
    return ir.call(ir.fnType(ir.i64(), mt), fn, memValue);
  }

  /** Key equality on memory representations: bitwise, except that all NaNs are equal. */
  LLVMValueRef keyEq(Type t, LLVMValueRef a, LLVMValueRef b) {
    LLVMTypeRef mt = cg.types.mem(t);
    LLVMValueRef fn = cg.helper("weld.keyeq." + t, ir.fnType(ir.i1(), mt, mt), f -> {
      LLVMBuildRet(ir.b, eqBody(t, LLVMGetParam(f, 0), LLVMGetParam(f, 1)));
    });
    return ir.call(ir.fnType(ir.i1(), mt, mt), fn, a, b);
  }

  LLVMValueRef fmix(LLVMValueRef h) {
    h = LLVMBuildXor(ir.b, h, LLVMBuildLShr(ir.b, h, ir.i64(33), ""), "");
    h = ir.mul(h, ir.i64(M1));
    h = LLVMBuildXor(ir.b, h, LLVMBuildLShr(ir.b, h, ir.i64(33), ""), "");
    h = ir.mul(h, ir.i64(M2));
    return LLVMBuildXor(ir.b, h, LLVMBuildLShr(ir.b, h, ir.i64(33), ""), "");
  }

  private LLVMValueRef combine(LLVMValueRef h, LLVMValueRef x) {
    LLVMValueRef m = ir.mul(LLVMBuildXor(ir.b, h, x, ""), ir.i64(K1));
    return LLVMBuildXor(ir.b, m, LLVMBuildLShr(ir.b, m, ir.i64(29), ""), "");
  }

  /** A pre-finalization hash of v (memory representation). */
  private LLVMValueRef raw(Type t, LLVMValueRef v) {
    if (t instanceof ScalarType s) {
      return scalarBits(s.kind(), v);
    }
    if (t instanceof StructType s) {
      LLVMValueRef h = ir.i64(s.fields().size());
      for (int i = 0; i < s.fields().size(); i++) {
        h = combine(h, raw(s.fields().get(i), ir.extract(v, i)));
      }
      return h;
    }
    VecType vt = (VecType) t;
    if (vt.elem() instanceof ScalarType s && s.kind().isInteger() || isByteLike(vt.elem())) {
      return bytesHash(ir.extract(v, 0), ir.mul(ir.extract(v, 1), ir.i64(AbiLayout.size(vt.elem()))));
    }
    return elementsHash(vt.elem(), v);
  }

  private static boolean isByteLike(Type t) {
    return t instanceof ScalarType s && s.kind() == ScalarKind.BOOL;
  }

  private LLVMValueRef scalarBits(ScalarKind k, LLVMValueRef v) {
    switch (k) {
      case F32: {
        LLVMValueRef isNan = LLVMBuildFCmp(ir.b, LLVMRealUNO, v, v, "");
        LLVMValueRef bits = LLVMBuildBitCast(ir.b, v, ir.i32(), "");
        return ir.zext(ir.select(isNan, ir.i32(0x7fc00000), bits), ir.i64());
      }
      case F64: {
        LLVMValueRef isNan = LLVMBuildFCmp(ir.b, LLVMRealUNO, v, v, "");
        LLVMValueRef bits = LLVMBuildBitCast(ir.b, v, ir.i64(), "");
        return ir.select(isNan, ir.i64(0x7ff8000000000000L), bits);
      }
      case I128: {
        LLVMValueRef lo = ir.trunc(v, ir.i64());
        LLVMValueRef hi = ir.trunc(LLVMBuildLShr(ir.b, v, LLVMConstInt(ir.i128(), 64, 0), ""), ir.i64());
        return combine(lo, hi);
      }
      case I64:
      case U64:
        return v;
      default:
        return ir.zext(v, ir.i64());
    }
  }

  /** Hash of a byte range, eight bytes at a time, the tail one byte at a time. */
  private LLVMValueRef bytesHash(LLVMValueRef p, LLVMValueRef n) {
    LLVMValueRef fn = cg.helper("weld.hash.bytes", ir.fnType(ir.i64(), ir.ptr(), ir.i64()), f -> {
      LLVMValueRef base = LLVMGetParam(f, 0);
      LLVMValueRef len = LLVMGetParam(f, 1);
      LLVMValueRef words = LLVMBuildLShr(ir.b, len, ir.i64(3), "");
      LLVMBasicBlockRef entry = ir.current();
      LLVMBasicBlockRef wl = ir.block("words");
      LLVMBasicBlockRef wb = ir.block("word");
      LLVMBasicBlockRef tl = ir.block("tail");
      LLVMBasicBlockRef tb = ir.block("byte");
      LLVMBasicBlockRef done = ir.block("done");
      LLVMValueRef tailStart = ir.mul(words, ir.i64(8));
      ir.br(wl);
      ir.at(wl);
      LLVMValueRef i = ir.phi(ir.i64(), "i");
      LLVMValueRef h = ir.phi(ir.i64(), "h");
      Ir.incoming(i, ir.i64(0), entry);
      Ir.incoming(h, len, entry);
      ir.condBr(ir.icmp(LLVMIntULT, i, words), wb, tl);
      ir.at(wb);
      LLVMValueRef w = ir.load(ir.i64(), ir.gep(ir.i64(), base, i));
      LLVMSetAlignment(w, 1);
      Ir.incoming(i, ir.add(i, ir.i64(1)), wb);
      Ir.incoming(h, combine(h, w), wb);
      ir.br(wl);
      ir.at(tl);
      LLVMValueRef j = ir.phi(ir.i64(), "j");
      LLVMValueRef h2 = ir.phi(ir.i64(), "h2");
      Ir.incoming(j, tailStart, wl);
      Ir.incoming(h2, h, wl);
      ir.condBr(ir.icmp(LLVMIntULT, j, len), tb, done);
      ir.at(tb);
      LLVMValueRef byt = ir.zext(ir.load(ir.i8(), ir.byteGep(base, j)), ir.i64());
      Ir.incoming(j, ir.add(j, ir.i64(1)), tb);
      Ir.incoming(h2, combine(h2, byt), tb);
      ir.br(tl);
      ir.at(done);
      LLVMBuildRet(ir.b, h2);
    });
    return ir.call(ir.fnType(ir.i64(), ir.ptr(), ir.i64()), fn, p, n);
  }

  private LLVMValueRef elementsHash(Type elem, LLVMValueRef v) {
    LLVMValueRef p = ir.extract(v, 0);
    LLVMValueRef n = ir.extract(v, 1);
    LLVMBasicBlockRef entry = ir.current();
    LLVMBasicBlockRef head = ir.block("eh.head");
    LLVMBasicBlockRef body = ir.block("eh.body");
    LLVMBasicBlockRef done = ir.block("eh.done");
    ir.br(head);
    ir.at(head);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    LLVMValueRef h = ir.phi(ir.i64(), "h");
    Ir.incoming(i, ir.i64(0), entry);
    Ir.incoming(h, n, entry);
    ir.condBr(ir.icmp(LLVMIntULT, i, n), body, done);
    ir.at(body);
    LLVMValueRef e = ir.load(cg.types.mem(elem), ir.gep(cg.types.mem(elem), p, i));
    LLVMValueRef h2 = combine(h, hash(elem, e));
    Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
    Ir.incoming(h, h2, ir.current());
    ir.br(head);
    ir.at(done);
    return h;
  }

  private LLVMValueRef eqBody(Type t, LLVMValueRef a, LLVMValueRef b) {
    if (t instanceof ScalarType s) {
      if (s.kind().isFloat()) {
        LLVMTypeRef it = s.kind() == ScalarKind.F32 ? ir.i32() : ir.i64();
        LLVMValueRef same = ir.icmp(LLVMIntEQ, LLVMBuildBitCast(ir.b, a, it, ""), LLVMBuildBitCast(ir.b, b, it, ""));
        LLVMValueRef bothNan = ir.and(LLVMBuildFCmp(ir.b, LLVMRealUNO, a, a, ""),
            LLVMBuildFCmp(ir.b, LLVMRealUNO, b, b, ""));
        return ir.or(same, bothNan);
      }
      return ir.icmp(LLVMIntEQ, a, b);
    }
    if (t instanceof StructType s) {
      LLVMValueRef all = ir.bool(true);
      for (int i = 0; i < s.fields().size(); i++) {
        all = ir.and(all, keyEq(s.fields().get(i), ir.extract(a, i), ir.extract(b, i)));
      }
      return all;
    }
    Type elem = ((VecType) t).elem();
    LLVMValueRef n = ir.extract(a, 1);
    LLVMValueRef sameLen = ir.icmp(LLVMIntEQ, n, ir.extract(b, 1));
    LLVMBasicBlockRef entry = ir.current();
    LLVMBasicBlockRef cmp = ir.block("cmp");
    LLVMBasicBlockRef done = ir.block("done");
    ir.condBr(sameLen, cmp, done);
    ir.at(cmp);
    LLVMValueRef eq;
    if (elem instanceof ScalarType s && !s.kind().isFloat()) {
      LLVMTypeRef memcmpType = ir.fnType(ir.i32(), ir.ptr(), ir.ptr(), ir.i64());
      LLVMValueRef r = ir.call(memcmpType, ir.declare("memcmp", memcmpType), ir.extract(a, 0), ir.extract(b, 0),
          ir.mul(n, ir.i64(AbiLayout.size(elem))));
      eq = ir.icmp(LLVMIntEQ, r, ir.i32(0));
    } else {
      eq = elementsEq(elem, ir.extract(a, 0), ir.extract(b, 0), n);
    }
    LLVMBasicBlockRef cmpEnd = ir.current();
    ir.br(done);
    ir.at(done);
    LLVMValueRef phi = ir.phi(ir.i1(), "eq");
    Ir.incoming(phi, ir.bool(false), entry);
    Ir.incoming(phi, eq, cmpEnd);
    return phi;
  }

  private LLVMValueRef elementsEq(Type elem, LLVMValueRef pa, LLVMValueRef pb, LLVMValueRef n) {
    LLVMTypeRef mt = cg.types.mem(elem);
    LLVMBasicBlockRef entry = ir.current();
    LLVMBasicBlockRef head = ir.block("ee.head");
    LLVMBasicBlockRef body = ir.block("ee.body");
    LLVMBasicBlockRef done = ir.block("ee.done");
    ir.br(head);
    ir.at(head);
    LLVMValueRef i = ir.phi(ir.i64(), "i");
    Ir.incoming(i, ir.i64(0), entry);
    ir.condBr(ir.icmp(LLVMIntULT, i, n), body, done);
    ir.at(body);
    LLVMValueRef same = keyEq(elem, ir.load(mt, ir.gep(mt, pa, i)), ir.load(mt, ir.gep(mt, pb, i)));
    Ir.incoming(i, ir.add(i, ir.i64(1)), ir.current());
    LLVMBasicBlockRef bodyEnd = ir.current();
    ir.condBr(same, head, done);
    ir.at(done);
    LLVMValueRef phi = ir.phi(ir.i1(), "all");
    Ir.incoming(phi, ir.bool(true), head);
    Ir.incoming(phi, ir.bool(false), bodyEnd);
    return phi;
  }
}
