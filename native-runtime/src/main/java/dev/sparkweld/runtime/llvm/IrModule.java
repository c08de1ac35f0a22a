package dev.sparkweld.runtime.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * An LLVM context, one module in it and an IR builder, closed together. A thin layer over the C API for the runtime's
 * hand-written IR (bridge, allocator) and for tests; the code generator may use it or not. Offsets are in bytes:
 * {@link #at(LLVMValueRef, long)} is the address of a field of an ABI struct, whose layouts are in docs/abi.md.
 */
public final class IrModule implements AutoCloseable {
  // Arrays for the C API always go through new PointerPointer<>(T[]): with a single Pointer argument javacpp picks
  // its cast constructor (PointerPointer(Pointer)) and LLVM reads garbage.
  private final LLVMContextRef context;
  private final LLVMBuilderRef builder;
  private LLVMModuleRef module;
  private int strings;

  public final LLVMTypeRef i1;
  public final LLVMTypeRef i8;
  public final LLVMTypeRef i32;
  public final LLVMTypeRef i64;
  public final LLVMTypeRef f64;
  public final LLVMTypeRef ptr;
  public final LLVMTypeRef voidType;

  public IrModule(String name) {
    Llvm.initialize();
    context = LLVMContextCreate();
    module = LLVMModuleCreateWithNameInContext(name, context);
    builder = LLVMCreateBuilderInContext(context);
    LLVMSetTarget(module, Llvm.hostTriple());
    i1 = LLVMInt1TypeInContext(context);
    i8 = LLVMInt8TypeInContext(context);
    i32 = LLVMInt32TypeInContext(context);
    i64 = LLVMInt64TypeInContext(context);
    f64 = LLVMDoubleTypeInContext(context);
    ptr = LLVMPointerTypeInContext(context, 0);
    voidType = LLVMVoidTypeInContext(context);
  }

  public LLVMContextRef context() {
    return context;
  }

  public LLVMModuleRef module() {
    return module;
  }

  /**
   * Gives up ownership of the module (e.g. to an MCJIT engine, which disposes it): close() will not dispose it. The
   * context is still disposed by close(), so the new owner must be done with the module before that.
   */
  public LLVMModuleRef releaseModule() {
    LLVMModuleRef m = module;
    module = null;
    return m;
  }

  public LLVMBuilderRef builder() {
    return builder;
  }

  public LLVMTypeRef fnType(LLVMTypeRef ret, LLVMTypeRef... params) {
    try (PointerPointer<LLVMTypeRef> p = new PointerPointer<>(params)) {
      return LLVMFunctionType(ret, p, params.length, 0);
    }
  }

  /** Adds a function with an {@code entry} block and positions the builder there. */
  public LLVMValueRef define(String name, LLVMTypeRef fnType) {
    LLVMValueRef fn = LLVMAddFunction(module, name, fnType);
    atEnd(block(fn, "entry"));
    return fn;
  }

  /** The declaration of {@code name}, added if absent. */
  public LLVMValueRef declare(String name, LLVMTypeRef fnType) {
    LLVMValueRef fn = LLVMGetNamedFunction(module, name);
    return fn != null && !fn.isNull() ? fn : LLVMAddFunction(module, name, fnType);
  }

  public LLVMValueRef param(LLVMValueRef fn, int i) {
    return LLVMGetParam(fn, i);
  }

  public LLVMBasicBlockRef block(LLVMValueRef fn, String name) {
    return LLVMAppendBasicBlockInContext(context, fn, name);
  }

  public void atEnd(LLVMBasicBlockRef block) {
    LLVMPositionBuilderAtEnd(builder, block);
  }

  public LLVMValueRef i64(long v) {
    return LLVMConstInt(i64, v, 1);
  }

  public LLVMValueRef i32(int v) {
    return LLVMConstInt(i32, v, 1);
  }

  public LLVMValueRef i8(int v) {
    return LLVMConstInt(i8, v, 1);
  }

  public LLVMValueRef nullPtr() {
    return LLVMConstNull(ptr);
  }

  /** {@code base + offset} bytes. */
  public LLVMValueRef at(LLVMValueRef base, long offset) {
    if (offset == 0) {
      return base;
    }
    try (PointerPointer<LLVMValueRef> idx = new PointerPointer<>(new LLVMValueRef[] {i64(offset)})) {
      return LLVMBuildInBoundsGEP2(builder, i8, base, idx, 1, "");
    }
  }

  /** {@code base + index * elemSize} bytes, index an i64 value. */
  public LLVMValueRef element(LLVMValueRef base, LLVMTypeRef elem, LLVMValueRef index) {
    try (PointerPointer<LLVMValueRef> idx = new PointerPointer<>(new LLVMValueRef[] {index})) {
      return LLVMBuildInBoundsGEP2(builder, elem, base, idx, 1, "");
    }
  }

  public LLVMValueRef load(LLVMTypeRef type, LLVMValueRef ptrValue) {
    return LLVMBuildLoad2(builder, type, ptrValue, "");
  }

  public LLVMValueRef store(LLVMValueRef value, LLVMValueRef ptrValue) {
    return LLVMBuildStore(builder, value, ptrValue);
  }

  /** An atomic load with the given {@code LLVMAtomicOrdering*}. */
  public LLVMValueRef atomicLoad(LLVMTypeRef type, LLVMValueRef ptrValue, int ordering) {
    LLVMValueRef v = load(type, ptrValue);
    LLVMSetOrdering(v, ordering);
    LLVMSetAlignment(v, (int) LLVMStoreSizeOfType(dataLayout(), type));
    return v;
  }

  public LLVMValueRef atomicStore(LLVMValueRef value, LLVMValueRef ptrValue, int ordering) {
    LLVMValueRef s = store(value, ptrValue);
    LLVMSetOrdering(s, ordering);
    LLVMSetAlignment(s, (int) LLVMStoreSizeOfType(dataLayout(), LLVMTypeOf(value)));
    return s;
  }

  /** {@code atomicrmw op ptr, value seq_cst}, returning the old value. */
  public LLVMValueRef atomicRmw(int op, LLVMValueRef ptrValue, LLVMValueRef value) {
    return LLVMBuildAtomicRMW(builder, op, ptrValue, value, LLVMAtomicOrderingSequentiallyConsistent, 0);
  }

  /** A seq_cst compare-and-swap; returns the i1 success flag. */
  public LLVMValueRef compareAndSwap(LLVMValueRef ptrValue, LLVMValueRef expected, LLVMValueRef replacement) {
    LLVMValueRef pair = LLVMBuildAtomicCmpXchg(builder, ptrValue, expected, replacement,
        LLVMAtomicOrderingSequentiallyConsistent, LLVMAtomicOrderingSequentiallyConsistent, 0);
    return LLVMBuildExtractValue(builder, pair, 1, "");
  }

  public LLVMValueRef call(LLVMTypeRef fnType, LLVMValueRef callee, LLVMValueRef... args) {
    try (PointerPointer<LLVMValueRef> a = new PointerPointer<>(args)) {
      return LLVMBuildCall2(builder, fnType, callee, a, args.length, "");
    }
  }

  /**
   * Calls entry {@code index} of the JNI function table: {@code (*env)->fn(env, args...)}. Indices are those of
   * {@code struct JNINativeInterface_} in jni.h (see {@code JniTable}).
   */
  public LLVMValueRef jni(LLVMValueRef env, int index, LLVMTypeRef fnType, LLVMValueRef... args) {
    LLVMValueRef table = load(ptr, env);
    LLVMValueRef fn = load(ptr, at(table, 8L * index));
    LLVMValueRef[] all = new LLVMValueRef[args.length + 1];
    all[0] = env;
    System.arraycopy(args, 0, all, 1, args.length);
    return call(fnType, fn, all);
  }

  /** A private constant NUL-terminated UTF-8 string; returns its address. */
  public LLVMValueRef cString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    try (BytePointer b = new BytePointer(bytes.length)) {
      b.put(bytes);
      LLVMValueRef init = LLVMConstStringInContext(context, b, bytes.length, 0);
      LLVMValueRef g = LLVMAddGlobal(module, LLVMTypeOf(init), ".str" + strings++);
      LLVMSetInitializer(g, init);
      LLVMSetGlobalConstant(g, 1);
      LLVMSetLinkage(g, LLVMPrivateLinkage);
      LLVMSetUnnamedAddr(g, 1);
      return g;
    }
  }

  public LLVMValueRef icmp(int predicate, LLVMValueRef a, LLVMValueRef b) {
    return LLVMBuildICmp(builder, predicate, a, b, "");
  }

  public LLVMValueRef add(LLVMValueRef a, LLVMValueRef b) {
    return LLVMBuildAdd(builder, a, b, "");
  }

  public LLVMValueRef sub(LLVMValueRef a, LLVMValueRef b) {
    return LLVMBuildSub(builder, a, b, "");
  }

  public LLVMValueRef select(LLVMValueRef cond, LLVMValueRef a, LLVMValueRef b) {
    return LLVMBuildSelect(builder, cond, a, b, "");
  }

  public void br(LLVMBasicBlockRef target) {
    LLVMBuildBr(builder, target);
  }

  public void condBr(LLVMValueRef cond, LLVMBasicBlockRef ifTrue, LLVMBasicBlockRef ifFalse) {
    LLVMBuildCondBr(builder, cond, ifTrue, ifFalse);
  }

  public void ret(LLVMValueRef value) {
    LLVMBuildRet(builder, value);
  }

  public void retVoid() {
    LLVMBuildRetVoid(builder);
  }

  /** A stack slot initialized to {@code init}; call while in the entry block (mem2reg then turns it into SSA). */
  public LLVMValueRef local(LLVMTypeRef type, LLVMValueRef init) {
    LLVMValueRef slot = LLVMBuildAlloca(builder, type, "");
    store(init, slot);
    return slot;
  }

  /** Adds a function attribute without value, e.g. {@code noinline}, {@code alwaysinline}, {@code nounwind}. */
  public void fnAttr(LLVMValueRef fn, String name) {
    int kind = LLVMGetEnumAttributeKindForName(name, name.length());
    LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(context, kind, 0));
  }

  /** The module's textual IR. */
  public String print() {
    return Llvm.takeMessage(LLVMPrintModuleToString(module));
  }

  private org.bytedeco.llvm.LLVM.LLVMTargetDataRef dataLayout() {
    return LLVMGetModuleDataLayout(module);
  }

  @Override
  public void close() {
    LLVMDisposeBuilder(builder);
    if (module != null) {
      LLVMDisposeModule(module);
      module = null;
    }
    LLVMContextDispose(context);
  }
}
