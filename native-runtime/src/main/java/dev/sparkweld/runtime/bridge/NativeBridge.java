package dev.sparkweld.runtime.bridge;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.llvm.IrModule;
import dev.sparkweld.runtime.llvm.Llvm;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.llvm.LLVM.LLVMExecutionEngineRef;
import org.bytedeco.llvm.LLVM.LLVMGenericValueRef;
import org.bytedeco.llvm.LLVM.LLVMMCJITCompilerOptions;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Java's door into JIT-compiled code. The native methods below have no shared library behind them: their bodies are
 * LLVM IR ({@link BridgeIr}) compiled once per JVM and bound with {@code RegisterNatives} by a bootstrap run through
 * MCJIT (docs/abi.md, "Call mechanism"). A call costs a plain JNI transition (~10 ns); call once per batch, not per
 * row.
 *
 * <p>{@link #bind()} must have run before any native method is used; it is idempotent and thread-safe, and the JIT
 * engine and run contexts call it, so code holding a kernel address can call right away.
 */
public final class NativeBridge {
  private static volatile boolean bound;
  /** The engine holding the bodies of the native methods: kept for the life of the JVM. */
  @SuppressWarnings("unused")
  private static LLVMExecutionEngineRef engine;

  private NativeBridge() {}

  /**
   * Calls {@code i64 fn(JNIEnv* env, i64 ctx, i64 args)} and returns its result. {@code fn} must be the address of a
   * function of exactly that shape (kernels: {@code i64 kernel(ptr env, ptr ctx, ptr args)}); anything else is
   * undefined behaviour, so only pass addresses from the JIT engine.
   */
  public static native long call(long fn, long ctx, long args);

  /** A JNI global reference to {@code o}, for native code that upcalls into it; free with deleteGlobalRef. */
  public static native long newGlobalRef(Object o);

  public static native void deleteGlobalRef(long ref);

  public static boolean isBound() {
    return bound;
  }

  /** Binds the native methods if not yet done. Throws {@link IllegalStateException} saying why binding failed. */
  public static void bind() {
    if (!bound) {
      bindOnce();
    }
  }

  private static synchronized void bindOnce() {
    if (bound) {
      return;
    }
    try {
      engine = bootstrap();
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException("spark-weld: cannot bind the JNI bridge " + NativeBridge.class.getName()
          + ": " + e.getMessage(), e);
    }
    bound = true;
  }

  private static LLVMExecutionEngineRef bootstrap() {
    Llvm.initialize();
    long getCreatedVms = JvmSymbols.getCreatedJavaVms();
    IrModule m = new IrModule("weld_bridge");
    BridgeIr.emit(m, NativeBridge.class.getName());
    BytePointer verifyError = new BytePointer();
    if (LLVMVerifyModule(m.module(), LLVMReturnStatusAction, verifyError) != 0) {
      String why = Llvm.takeMessage(verifyError);
      m.close();
      throw new IllegalStateException("bridge IR does not verify: " + why);
    }
    Llvm.takeMessage(verifyError);
    // From here the engine owns the module, and the context (with the builder) must outlive the engine, which lives
    // as long as the JVM: none of them is ever disposed.
    LLVMValueRef bootFn = LLVMGetNamedFunction(m.module(), BridgeIr.BOOTSTRAP);

    LLVMExecutionEngineRef ee = new LLVMExecutionEngineRef();
    BytePointer error = new BytePointer();
    LLVMMCJITCompilerOptions options = new LLVMMCJITCompilerOptions();
    LLVMInitializeMCJITCompilerOptions(options, options.sizeof());
    options.OptLevel(2);
    if (LLVMCreateMCJITCompilerForModule(ee, m.module(), options, options.sizeof(), error) != 0) {
      throw new IllegalStateException("MCJIT: " + Llvm.takeMessage(error));
    }
    options.close();
    int result = runBootstrap(ee, bootFn, getCreatedVms);
    if (result != BridgeIr.OK) {
      throw new IllegalStateException(BridgeIr.explain(result));
    }
    return ee;
  }

  private static int runBootstrap(LLVMExecutionEngineRef ee, LLVMValueRef bootFn, long getCreatedVms) {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try (LongPointer argv = new LongPointer(1)) {
      argv.put(0, getCreatedVms);
      LLVMGenericValueRef argc = LLVMCreateGenericValueOfInt(LLVMInt32Type(), 0, 0);
      LLVMGenericValueRef argvValue = LLVMCreateGenericValueOfPointer(argv);
      // Lets the bootstrap find NativeBridge through the loader that loaded it (see BridgeIr.emitBootstrap).
      thread.setContextClassLoader(NativeBridge.class.getClassLoader());
      LLVMGenericValueRef rv;
      try (PointerPointer<LLVMGenericValueRef> args = new PointerPointer<>(argc, argvValue)) {
        rv = LLVMRunFunction(ee, bootFn, 2, args);
      }
      int result = (int) LLVMGenericValueToInt(rv, 1);
      LLVMDisposeGenericValue(rv);
      LLVMDisposeGenericValue(argc);
      LLVMDisposeGenericValue(argvValue);
      return result;
    } finally {
      thread.setContextClassLoader(saved);
    }
  }
}
