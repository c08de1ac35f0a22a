package dev.sparkweld.runtime.testing;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.llvm.IrModule;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * A "medium" kernel for compile-time measurements, shaped like generated Weld code: one loop over columns calling
 * {@code helpers} small functions (branches, an inner loop, libm calls, integer hashing) that the optimizer inlines.
 * With 16 helpers it is ~700 IR instructions before optimization.
 *
 * <p>{@code i64 medium(env, ctx, args)}, args = {f64* xs, i64* ys, i64 n, f64 outSum, i64 outHash}.
 */
public final class SyntheticKernels {
  private SyntheticKernels() {}

  public static void medium(IrModule m, String name, int helpers) {
    LLVMTypeRef helperType = m.fnType(m.f64, m.f64, m.i64);
    LLVMValueRef[] h = new LLVMValueRef[helpers];
    for (int k = 0; k < helpers; k++) {
      h[k] = helper(m, "helper" + k, k, helperType);
    }
    LLVMValueRef fn = m.define(name, m.fnType(m.i64, m.ptr, m.ptr, m.ptr));
    LLVMValueRef args = m.param(fn, 2);
    LLVMValueRef xs = m.load(m.ptr, args);
    LLVMValueRef ys = m.load(m.ptr, m.at(args, 8));
    LLVMValueRef n = m.load(m.i64, m.at(args, 16));
    LLVMValueRef i = m.local(m.i64, m.i64(0));
    LLVMValueRef acc = m.local(m.f64, LLVMConstReal(m.f64, 0));
    LLVMValueRef hash = m.local(m.i64, m.i64(0));
    LLVMBasicBlockRef loop = m.block(fn, "loop");
    LLVMBasicBlockRef body = m.block(fn, "body");
    LLVMBasicBlockRef done = m.block(fn, "done");
    m.br(loop);
    m.atEnd(loop);
    LLVMValueRef iv = m.load(m.i64, i);
    m.condBr(m.icmp(LLVMIntSLT, iv, n), body, done);
    m.atEnd(body);
    LLVMValueRef x = m.load(m.f64, m.element(xs, m.f64, iv));
    LLVMValueRef y = m.load(m.i64, m.element(ys, m.i64, iv));
    LLVMValueRef sum = m.load(m.f64, acc);
    for (int k = 0; k < helpers; k++) {
      sum = LLVMBuildFAdd(m.builder(), sum, m.call(helperType, h[k], x, y), "");
    }
    m.store(sum, acc);
    m.store(LLVMBuildXor(m.builder(), m.load(m.i64, hash), mix(m, y), ""), hash);
    m.store(m.add(iv, m.i64(1)), i);
    m.br(loop);
    m.atEnd(done);
    m.store(m.load(m.f64, acc), m.at(args, 24));
    m.store(m.load(m.i64, hash), m.at(args, 32));
    m.ret(m.i64(0));
  }

  private static LLVMValueRef helper(IrModule m, String name, int k, LLVMTypeRef type) {
    LLVMValueRef fn = m.define(name, type);
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    LLVMValueRef x = m.param(fn, 0);
    LLVMValueRef y = m.param(fn, 1);
    LLVMValueRef sqrt = m.declare("sqrt", m.fnType(m.f64, m.f64));
    LLVMValueRef exp = m.declare("exp", m.fnType(m.f64, m.f64));
    LLVMValueRef a = LLVMBuildFAdd(m.builder(), LLVMBuildFMul(m.builder(), x, LLVMConstReal(m.f64, 1.5 + k), ""),
        LLVMBuildSIToFP(m.builder(), y, m.f64, ""), "");
    LLVMValueRef result = m.local(m.f64, a);
    LLVMValueRef j = m.local(m.i64, m.i64(0));
    LLVMValueRef z = m.local(m.i64, y);
    LLVMBasicBlockRef odd = m.block(fn, "odd");
    LLVMBasicBlockRef even = m.block(fn, "even");
    LLVMBasicBlockRef inner = m.block(fn, "inner");
    LLVMBasicBlockRef innerBody = m.block(fn, "innerbody");
    LLVMBasicBlockRef out = m.block(fn, "out");
    LLVMValueRef bit = LLVMBuildAnd(m.builder(), y, m.i64(1L << (k % 8)), "");
    m.condBr(m.icmp(LLVMIntNE, bit, m.i64(0)), odd, even);
    m.atEnd(odd);
    LLVMValueRef abs = m.select(LLVMBuildFCmp(m.builder(), LLVMRealOLT, a, LLVMConstReal(m.f64, 0), ""),
        LLVMBuildFNeg(m.builder(), a, ""), a);
    m.store(m.call(m.fnType(m.f64, m.f64), sqrt, abs), result);
    m.br(inner);
    m.atEnd(even);
    LLVMValueRef sq = LLVMBuildFMul(m.builder(), a, a, "");
    m.store(m.call(m.fnType(m.f64, m.f64), exp, LLVMBuildFNeg(m.builder(), sq, "")), result);
    m.br(inner);
    m.atEnd(inner);
    LLVMValueRef jv = m.load(m.i64, j);
    m.condBr(m.icmp(LLVMIntSLT, jv, m.i64(4 + k % 3)), innerBody, out);
    m.atEnd(innerBody);
    LLVMValueRef zv = mix(m, m.add(m.load(m.i64, z), jv));
    m.store(zv, z);
    LLVMValueRef r = m.load(m.f64, result);
    LLVMValueRef bump = LLVMBuildFMul(m.builder(), LLVMBuildSIToFP(m.builder(),
        LLVMBuildAnd(m.builder(), zv, m.i64(255), ""), m.f64, ""), LLVMConstReal(m.f64, 1e-3), "");
    m.store(LLVMBuildFAdd(m.builder(), r, bump, ""), result);
    m.store(m.add(jv, m.i64(1)), j);
    m.br(inner);
    m.atEnd(out);
    m.ret(m.load(m.f64, result));
    return fn;
  }

  /** The murmur3 finalizer. */
  private static LLVMValueRef mix(IrModule m, LLVMValueRef v) {
    v = LLVMBuildXor(m.builder(), v, LLVMBuildLShr(m.builder(), v, m.i64(33), ""), "");
    v = LLVMBuildMul(m.builder(), v, m.i64(0xff51afd7ed558ccdL), "");
    v = LLVMBuildXor(m.builder(), v, LLVMBuildLShr(m.builder(), v, m.i64(33), ""), "");
    v = LLVMBuildMul(m.builder(), v, m.i64(0xc4ceb9fe1a85ec53L), "");
    return LLVMBuildXor(m.builder(), v, LLVMBuildLShr(m.builder(), v, m.i64(33), ""), "");
  }
}
