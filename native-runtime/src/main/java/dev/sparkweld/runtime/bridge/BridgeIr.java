package dev.sparkweld.runtime.bridge;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.llvm.IrModule;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Emits the bridge module: the JNI implementations of {@link NativeBridge}'s native methods and the bootstrap that
 * registers them. Written against the JNI function tables by index ({@link JniTable}), so no header and no C compiler
 * is involved.
 */
final class BridgeIr {
  static final String BOOTSTRAP = "weld_bridge_bootstrap";

  /** Bootstrap results (the i32 {@link #BOOTSTRAP} returns), explained by {@link #explain(int)}. */
  static final int OK = 0;
  static final int NO_VM = 1;
  static final int NO_ENV = 2;
  static final int NO_JDK_CLASS = 3;
  static final int NO_LOADER = 4;
  static final int NO_BRIDGE_CLASS = 5;
  static final int REGISTER_FAILED = 6;

  private BridgeIr() {}

  static String explain(int code) {
    switch (code) {
      case NO_VM: return "JNI_GetCreatedJavaVMs found no Java VM";
      case NO_ENV: return "GetEnv failed for the bootstrapping thread";
      case NO_JDK_CLASS: return "java.lang.Thread / java.lang.ClassLoader methods not found through JNI";
      case NO_LOADER: return "the class loader of NativeBridge is null (is it on the boot class path?)";
      case NO_BRIDGE_CLASS: return "the class could not be loaded through its own class loader";
      case REGISTER_FAILED: return "RegisterNatives failed (native method names or signatures do not match)";
      default: return "unknown bootstrap result " + code;
    }
  }

  /**
   * Builds the module. {@code bridgeClass} is the binary name of {@link NativeBridge} (taken at runtime, so shading
   * keeps working). The bootstrap has the {@code int main(int, char**)} shape MCJIT's LLVMRunFunction can call; its
   * second argument points at one word: the address of {@code JNI_GetCreatedJavaVMs}.
   */
  static void emit(IrModule m, String bridgeClass) {
    LLVMValueRef call = emitCall(m);
    LLVMValueRef newRef = emitNewGlobalRef(m);
    LLVMValueRef deleteRef = emitDeleteGlobalRef(m);
    LLVMValueRef methods = nativeMethodTable(m, new String[] {"call", "(JJJ)J", "newGlobalRef",
        "(Ljava/lang/Object;)J", "deleteGlobalRef", "(J)V"}, call, newRef, deleteRef);
    emitBootstrap(m, bridgeClass, methods, 3);
  }

  /** {@code jlong call(JNIEnv*, jclass, jlong fn, jlong ctx, jlong args)}: {@code return fn(env, ctx, args)}. */
  private static LLVMValueRef emitCall(IrModule m) {
    LLVMValueRef fn = m.define("weld_bridge_call", m.fnType(m.i64, m.ptr, m.ptr, m.i64, m.i64, m.i64));
    LLVMValueRef env = m.param(fn, 0);
    LLVMValueRef target = LLVMBuildIntToPtr(m.builder(), m.param(fn, 2), m.ptr, "kernel");
    LLVMTypeRef kernelType = m.fnType(m.i64, m.ptr, m.i64, m.i64);
    LLVMValueRef r = m.call(kernelType, target, env, m.param(fn, 3), m.param(fn, 4));
    LLVMSetTailCall(r, 1); // a sibling call: the trampoline becomes a jump
    LLVMBuildRet(m.builder(), r);
    return fn;
  }

  private static LLVMValueRef emitNewGlobalRef(IrModule m) {
    LLVMValueRef fn = m.define("weld_bridge_new_global_ref", m.fnType(m.i64, m.ptr, m.ptr, m.ptr));
    LLVMValueRef ref = m.jni(m.param(fn, 0), JniTable.NEW_GLOBAL_REF, m.fnType(m.ptr, m.ptr, m.ptr),
        m.param(fn, 2));
    LLVMBuildRet(m.builder(), LLVMBuildPtrToInt(m.builder(), ref, m.i64, ""));
    return fn;
  }

  private static LLVMValueRef emitDeleteGlobalRef(IrModule m) {
    LLVMValueRef fn = m.define("weld_bridge_delete_global_ref", m.fnType(m.voidType, m.ptr, m.ptr, m.i64));
    LLVMValueRef ref = LLVMBuildIntToPtr(m.builder(), m.param(fn, 2), m.ptr, "");
    m.jni(m.param(fn, 0), JniTable.DELETE_GLOBAL_REF, m.fnType(m.voidType, m.ptr, m.ptr), ref);
    LLVMBuildRetVoid(m.builder());
    return fn;
  }

  /** A constant {@code JNINativeMethod[]}: {name, signature, fnPtr} triples. */
  private static LLVMValueRef nativeMethodTable(IrModule m, String[] namesAndSignatures, LLVMValueRef... fns) {
    LLVMTypeRef entryType;
    try (PointerPointer<LLVMTypeRef> fields = new PointerPointer<>(m.ptr, m.ptr, m.ptr)) {
      entryType = LLVMStructTypeInContext(m.context(), fields, 3, 0);
    }
    LLVMValueRef[] entries = new LLVMValueRef[fns.length];
    for (int i = 0; i < fns.length; i++) {
      try (PointerPointer<LLVMValueRef> v = new PointerPointer<>(m.cString(namesAndSignatures[2 * i]),
          m.cString(namesAndSignatures[2 * i + 1]), fns[i])) {
        entries[i] = LLVMConstNamedStruct(entryType, v, 3);
      }
    }
    LLVMValueRef init;
    try (PointerPointer<LLVMValueRef> v = new PointerPointer<>(entries)) {
      init = LLVMConstArray2(entryType, v, entries.length);
    }
    LLVMValueRef table = LLVMAddGlobal(m.module(), LLVMTypeOf(init), "weld_bridge_methods");
    LLVMSetInitializer(table, init);
    LLVMSetGlobalConstant(table, 1);
    LLVMSetLinkage(table, LLVMPrivateLinkage);
    return table;
  }

  /**
   * {@code int bootstrap(int, void** argv)}: VM from JNI_GetCreatedJavaVMs, env from GetEnv, then
   * {@code Thread.currentThread().getContextClassLoader().loadClass(bridgeClass)} and RegisterNatives on it. The Java
   * caller sets the context class loader to NativeBridge's own loader for the call, so the class found is the one
   * being bound whatever loader bytedeco's classes live in ({@code FindClass} would search bytedeco's loader).
   */
  private static void emitBootstrap(IrModule m, String bridgeClass, LLVMValueRef methods, int methodCount) {
    LLVMValueRef fn = m.define(BOOTSTRAP, m.fnType(m.i32, m.i32, m.ptr));
    LLVMValueRef vmSlot = LLVMBuildAlloca(m.builder(), m.ptr, "vm");
    LLVMValueRef countSlot = LLVMBuildAlloca(m.builder(), m.i32, "count");
    LLVMValueRef envSlot = LLVMBuildAlloca(m.builder(), m.ptr, "env");
    LLVMValueRef argSlot = LLVMBuildAlloca(m.builder(), m.i64, "jvalue");
    m.store(m.i32(0), countSlot);
    Guard g = new Guard(m, fn);

    LLVMValueRef getVms = m.load(m.ptr, m.param(fn, 1));
    LLVMValueRef rc = m.call(m.fnType(m.i32, m.ptr, m.i32, m.ptr), getVms, vmSlot, m.i32(1), countSlot);
    g.require(isZero(m, rc), NO_VM, null);
    LLVMValueRef count = m.load(m.i32, countSlot);
    g.require(LLVMBuildICmp(m.builder(), LLVMIntSGE, count, m.i32(1), ""), NO_VM, null);

    LLVMValueRef vm = m.load(m.ptr, vmSlot);
    LLVMValueRef getEnv = m.load(m.ptr, m.at(m.load(m.ptr, vm), 8L * JniTable.VM_GET_ENV));
    rc = m.call(m.fnType(m.i32, m.ptr, m.ptr, m.i32), getEnv, vm, envSlot, m.i32(JniTable.JNI_VERSION));
    g.require(isZero(m, rc), NO_ENV, null);
    LLVMValueRef env = m.load(m.ptr, envSlot);

    LLVMTypeRef findClass = m.fnType(m.ptr, m.ptr, m.ptr);
    LLVMTypeRef getMethod = m.fnType(m.ptr, m.ptr, m.ptr, m.ptr, m.ptr);
    LLVMTypeRef callObjectA = m.fnType(m.ptr, m.ptr, m.ptr, m.ptr, m.ptr);
    LLVMValueRef threadClass = m.jni(env, JniTable.FIND_CLASS, findClass, m.cString("java/lang/Thread"));
    g.require(notNull(m, threadClass), NO_JDK_CLASS, env);
    LLVMValueRef currentThread = m.jni(env, JniTable.GET_STATIC_METHOD_ID, getMethod, threadClass,
        m.cString("currentThread"), m.cString("()Ljava/lang/Thread;"));
    g.require(notNull(m, currentThread), NO_JDK_CLASS, env);
    LLVMValueRef getLoader = m.jni(env, JniTable.GET_METHOD_ID, getMethod, threadClass,
        m.cString("getContextClassLoader"), m.cString("()Ljava/lang/ClassLoader;"));
    g.require(notNull(m, getLoader), NO_JDK_CLASS, env);
    LLVMValueRef loaderClass = m.jni(env, JniTable.FIND_CLASS, findClass, m.cString("java/lang/ClassLoader"));
    g.require(notNull(m, loaderClass), NO_JDK_CLASS, env);
    LLVMValueRef loadClass = m.jni(env, JniTable.GET_METHOD_ID, getMethod, loaderClass,
        m.cString("loadClass"), m.cString("(Ljava/lang/String;)Ljava/lang/Class;"));
    g.require(notNull(m, loadClass), NO_JDK_CLASS, env);

    LLVMValueRef thread = m.jni(env, JniTable.CALL_STATIC_OBJECT_METHOD_A, callObjectA, threadClass,
        currentThread, m.nullPtr());
    g.require(notNull(m, thread), NO_JDK_CLASS, env);
    LLVMValueRef loader = m.jni(env, JniTable.CALL_OBJECT_METHOD_A, callObjectA, thread, getLoader, m.nullPtr());
    g.require(notNull(m, loader), NO_LOADER, env);
    LLVMValueRef name = m.jni(env, JniTable.NEW_STRING_UTF, findClass, m.cString(bridgeClass));
    g.require(notNull(m, name), NO_BRIDGE_CLASS, env);
    m.store(LLVMBuildPtrToInt(m.builder(), name, m.i64, ""), argSlot);
    LLVMValueRef cls = m.jni(env, JniTable.CALL_OBJECT_METHOD_A, callObjectA, loader, loadClass, argSlot);
    g.require(notNull(m, cls), NO_BRIDGE_CLASS, env);

    rc = m.jni(env, JniTable.REGISTER_NATIVES, m.fnType(m.i32, m.ptr, m.ptr, m.ptr, m.i32), cls, methods,
        m.i32(methodCount));
    g.require(isZero(m, rc), REGISTER_FAILED, env);
    LLVMBuildRet(m.builder(), m.i32(OK));
  }

  private static LLVMValueRef isZero(IrModule m, LLVMValueRef v) {
    return LLVMBuildICmp(m.builder(), LLVMIntEQ, v, LLVMConstNull(LLVMTypeOf(v)), "");
  }

  private static LLVMValueRef notNull(IrModule m, LLVMValueRef p) {
    return LLVMBuildIsNotNull(m.builder(), p, "");
  }

  /** Branches to a block that clears any pending Java exception and returns a failure code. */
  private static final class Guard {
    private final IrModule m;
    private final LLVMValueRef fn;

    Guard(IrModule m, LLVMValueRef fn) {
      this.m = m;
      this.fn = fn;
    }

    void require(LLVMValueRef ok, int failCode, LLVMValueRef envOrNull) {
      LLVMBasicBlockRef pass = m.block(fn, "ok");
      LLVMBasicBlockRef fail = m.block(fn, "fail" + failCode);
      LLVMBuildCondBr(m.builder(), ok, pass, fail);
      m.atEnd(fail);
      if (envOrNull != null) {
        m.jni(envOrNull, JniTable.EXCEPTION_CLEAR, m.fnType(m.voidType, m.ptr));
      }
      LLVMBuildRet(m.builder(), m.i32(failCode));
      m.atEnd(pass);
    }
  }
}
