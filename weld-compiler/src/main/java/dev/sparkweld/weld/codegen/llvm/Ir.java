package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Thin instruction-building helpers over one LLVM builder, so that codegen reads as IR rather than as C-API plumbing.
 * Arrays passed to LLVM go through short-lived {@link PointerPointer}s that are freed at once. Always build them
 * from an array: {@code new PointerPointer<>(onePointer)} is JavaCPP's cast constructor, not a one-element array.
 */
final class Ir {
  final LLVMContextRef ctx;
  final LLVMModuleRef module;
  final LLVMBuilderRef b;

  Ir(LLVMContextRef ctx, LLVMModuleRef module, LLVMBuilderRef builder) {
    this.ctx = ctx;
    this.module = module;
    this.b = builder;
  }

  // ---- types

  LLVMTypeRef i1() {
    return LLVMInt1TypeInContext(ctx);
  }

  LLVMTypeRef i8() {
    return LLVMInt8TypeInContext(ctx);
  }

  LLVMTypeRef i16() {
    return LLVMInt16TypeInContext(ctx);
  }

  LLVMTypeRef i32() {
    return LLVMInt32TypeInContext(ctx);
  }

  LLVMTypeRef i64() {
    return LLVMInt64TypeInContext(ctx);
  }

  LLVMTypeRef i128() {
    return LLVMInt128TypeInContext(ctx);
  }

  LLVMTypeRef f32() {
    return LLVMFloatTypeInContext(ctx);
  }

  LLVMTypeRef f64() {
    return LLVMDoubleTypeInContext(ctx);
  }

  LLVMTypeRef ptr() {
    return LLVMPointerTypeInContext(ctx, 0);
  }

  LLVMTypeRef voidT() {
    return LLVMVoidTypeInContext(ctx);
  }

  LLVMTypeRef struct(LLVMTypeRef... fields) {
    try (PointerPointer<LLVMTypeRef> pp = new PointerPointer<>(fields)) {
      return LLVMStructTypeInContext(ctx, pp, fields.length, 0);
    }
  }

  LLVMTypeRef fnType(LLVMTypeRef ret, LLVMTypeRef... params) {
    try (PointerPointer<LLVMTypeRef> pp = new PointerPointer<>(params)) {
      return LLVMFunctionType(ret, pp, params.length, 0);
    }
  }

  // ---- constants

  LLVMValueRef constInt(LLVMTypeRef t, long v) {
    return LLVMConstInt(t, v, 1);
  }

  LLVMValueRef i64(long v) {
    return LLVMConstInt(i64(), v, 1);
  }

  LLVMValueRef i32(int v) {
    return LLVMConstInt(i32(), v, 1);
  }

  LLVMValueRef i8(int v) {
    return LLVMConstInt(i8(), v, 1);
  }

  LLVMValueRef bool(boolean v) {
    return LLVMConstInt(i1(), v ? 1 : 0, 0);
  }

  LLVMValueRef i128(long lo, long hi) {
    return LLVMConstIntOfArbitraryPrecision(i128(), 2, new long[] {lo, hi});
  }

  LLVMValueRef nullPtr() {
    return LLVMConstNull(ptr());
  }

  LLVMValueRef zero(LLVMTypeRef t) {
    return LLVMConstNull(t);
  }

  LLVMValueRef undef(LLVMTypeRef t) {
    return LLVMGetUndef(t);
  }

  // ---- blocks and control flow

  LLVMValueRef currentFunction() {
    return LLVMGetBasicBlockParent(LLVMGetInsertBlock(b));
  }

  LLVMBasicBlockRef block(String name) {
    return LLVMAppendBasicBlockInContext(ctx, currentFunction(), name);
  }

  LLVMBasicBlockRef current() {
    return LLVMGetInsertBlock(b);
  }

  void at(LLVMBasicBlockRef block) {
    LLVMPositionBuilderAtEnd(b, block);
  }

  void br(LLVMBasicBlockRef target) {
    LLVMBuildBr(b, target);
  }

  void condBr(LLVMValueRef cond, LLVMBasicBlockRef t, LLVMBasicBlockRef f) {
    LLVMBuildCondBr(b, cond, t, f);
  }

  LLVMValueRef phi(LLVMTypeRef t, String name) {
    return LLVMBuildPhi(b, t, name);
  }

  static void incoming(LLVMValueRef phi, LLVMValueRef v, LLVMBasicBlockRef from) {
    try (PointerPointer<LLVMValueRef> vs = new PointerPointer<>(new LLVMValueRef[] {v});
        PointerPointer<LLVMBasicBlockRef> bs = new PointerPointer<>(new LLVMBasicBlockRef[] {from})) {
      LLVMAddIncoming(phi, vs, bs, 1);
    }
  }

  // ---- memory

  LLVMValueRef load(LLVMTypeRef t, LLVMValueRef p) {
    return LLVMBuildLoad2(b, t, p, "");
  }

  void store(LLVMValueRef v, LLVMValueRef p) {
    LLVMBuildStore(b, v, p);
  }

  /** {@code &p[i]} for elements of type t. */
  LLVMValueRef gep(LLVMTypeRef t, LLVMValueRef p, LLVMValueRef i) {
    try (PointerPointer<LLVMValueRef> idx = new PointerPointer<>(new LLVMValueRef[] {i})) {
      return LLVMBuildInBoundsGEP2(b, t, p, idx, 1, "");
    }
  }

  LLVMValueRef structGep(LLVMTypeRef structType, LLVMValueRef p, int field) {
    return LLVMBuildStructGEP2(b, structType, p, field, "");
  }

  /** {@code p + bytes}. */
  LLVMValueRef byteGep(LLVMValueRef p, LLVMValueRef bytes) {
    return gep(i8(), p, bytes);
  }

  /** An alloca in the function's entry block (so LLVM promotes it to registers). */
  LLVMValueRef entryAlloca(LLVMTypeRef t) {
    LLVMBasicBlockRef here = current();
    LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(currentFunction());
    LLVMValueRef first = LLVMGetFirstInstruction(entry);
    if (first == null || first.isNull()) {
      LLVMPositionBuilderAtEnd(b, entry);
    } else {
      LLVMPositionBuilderBefore(b, first);
    }
    LLVMValueRef a = LLVMBuildAlloca(b, t, "");
    at(here);
    return a;
  }

  void memcpy(LLVMValueRef dst, LLVMValueRef src, LLVMValueRef bytes) {
    LLVMBuildMemCpy(b, dst, 1, src, 1, bytes);
  }

  // ---- aggregates

  LLVMValueRef extract(LLVMValueRef agg, int i) {
    return LLVMBuildExtractValue(b, agg, i, "");
  }

  LLVMValueRef insert(LLVMValueRef agg, LLVMValueRef v, int i) {
    return LLVMBuildInsertValue(b, agg, v, i, "");
  }

  LLVMValueRef aggregate(LLVMTypeRef t, LLVMValueRef... fields) {
    LLVMValueRef v = undef(t);
    for (int i = 0; i < fields.length; i++) {
      v = insert(v, fields[i], i);
    }
    return v;
  }

  // ---- arithmetic shortcuts on i64 (indices and lengths)

  LLVMValueRef add(LLVMValueRef x, LLVMValueRef y) {
    return LLVMBuildAdd(b, x, y, "");
  }

  LLVMValueRef sub(LLVMValueRef x, LLVMValueRef y) {
    return LLVMBuildSub(b, x, y, "");
  }

  LLVMValueRef mul(LLVMValueRef x, LLVMValueRef y) {
    return LLVMBuildMul(b, x, y, "");
  }

  LLVMValueRef icmp(int pred, LLVMValueRef x, LLVMValueRef y) {
    return LLVMBuildICmp(b, pred, x, y, "");
  }

  LLVMValueRef and(LLVMValueRef x, LLVMValueRef y) {
    return LLVMBuildAnd(b, x, y, "");
  }

  LLVMValueRef or(LLVMValueRef x, LLVMValueRef y) {
    return LLVMBuildOr(b, x, y, "");
  }

  LLVMValueRef select(LLVMValueRef c, LLVMValueRef x, LLVMValueRef y) {
    return LLVMBuildSelect(b, c, x, y, "");
  }

  LLVMValueRef zext(LLVMValueRef v, LLVMTypeRef t) {
    return LLVMBuildZExt(b, v, t, "");
  }

  LLVMValueRef trunc(LLVMValueRef v, LLVMTypeRef t) {
    return LLVMBuildTrunc(b, v, t, "");
  }

  // ---- calls

  LLVMValueRef call(LLVMTypeRef fnType, LLVMValueRef fn, LLVMValueRef... args) {
    try (PointerPointer<LLVMValueRef> pp = new PointerPointer<>(args)) {
      return LLVMBuildCall2(b, fnType, fn, pp, args.length, "");
    }
  }

  /** Declares (once) and returns the overloaded intrinsic {@code name} for the given overload types. */
  LLVMValueRef intrinsic(String name, LLVMTypeRef... overloads) {
    int id = LLVMLookupIntrinsicID(name, name.length());
    if (id == 0) {
      throw new IllegalStateException("no LLVM intrinsic " + name);
    }
    try (PointerPointer<LLVMTypeRef> pp = new PointerPointer<>(overloads)) {
      return LLVMGetIntrinsicDeclaration(module, id, pp, overloads.length);
    }
  }

  LLVMTypeRef intrinsicType(String name, LLVMTypeRef... overloads) {
    int id = LLVMLookupIntrinsicID(name, name.length());
    try (PointerPointer<LLVMTypeRef> pp = new PointerPointer<>(overloads)) {
      return LLVMIntrinsicGetType(ctx, id, pp, overloads.length);
    }
  }

  LLVMValueRef callIntrinsic(String name, LLVMTypeRef[] overloads, LLVMValueRef... args) {
    return call(intrinsicType(name, overloads), intrinsic(name, overloads), args);
  }

  /** Declares (once) an external function, e.g. a libm or runtime symbol. */
  LLVMValueRef declare(String name, LLVMTypeRef fnType) {
    LLVMValueRef f = LLVMGetNamedFunction(module, name);
    if (f == null || f.isNull()) {
      f = LLVMAddFunction(module, name, fnType);
    }
    return f;
  }
}
