package dev.sparkweld.weld.codegen.llvm;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.weld.conf.OverflowMode;
import dev.sparkweld.weld.conf.WeldConf;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.llvm.LLVM.LLVMBasicBlockRef;
import org.bytedeco.llvm.LLVM.LLVMBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMContextRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTypeRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Module-wide codegen state: the LLVM context, module and builder, type lowering, the runtime ABI, and the cache of
 * per-type helper functions (hashing, equality, dictionary operations, serialization) so each is emitted once.
 * Owns the LLVM context and module until {@link #releaseModule()} hands the module to the JIT.
 */
final class CodegenModule implements AutoCloseable {
  final LLVMContextRef context;
  final LLVMModuleRef module;
  private final LLVMBuilderRef builder;
  final Ir ir;
  final LlvmTypes types;
  final RuntimeAbi rt;
  final WeldConf conf;
  final boolean boundsChecks;
  final int simdBits;
  final OverflowMode overflow;
  /** Overflow mode of each merge; set when the kernel's program is known. */
  BuilderModes builderModes;
  private final Map<String, LLVMValueRef> helpers = new HashMap<>();
  private boolean moduleReleased;
  private int outlined;

  CodegenModule(String name, WeldConf conf, String dataLayout, String triple) {
    this.conf = conf;
    this.context = LLVMContextCreate();
    this.module = LLVMModuleCreateWithNameInContext(name, context);
    if (dataLayout != null) {
      LLVMSetDataLayout(module, dataLayout);
    }
    if (triple != null) {
      LLVMSetTarget(module, triple);
    }
    this.builder = LLVMCreateBuilderInContext(context);
    this.ir = new Ir(context, module, builder);
    this.types = new LlvmTypes(ir, conf.get(WeldConf.SIMD_BITS));
    this.rt = new RuntimeAbi(ir);
    this.boundsChecks = conf.get(WeldConf.BOUNDS_CHECKS);
    this.simdBits = conf.get(WeldConf.SIMD_BITS);
    this.overflow = conf.get(WeldConf.OVERFLOW);
  }

  /**
   * Returns the helper function {@code name}, emitting it first if needed: {@code body} is called with the builder
   * positioned at the new function's entry block; the caller's insert position is restored afterwards.
   */
  LLVMValueRef helper(String name, LLVMTypeRef fnType, Consumer<LLVMValueRef> body) {
    LLVMValueRef f = helpers.get(name);
    if (f != null) {
      return f;
    }
    f = LLVMAddFunction(module, name, fnType);
    LLVMSetLinkage(f, LLVMInternalLinkage);
    helpers.put(name, f);
    LLVMBasicBlockRef saved = LLVMGetInsertBlock(builder);
    LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(context, f, "entry");
    LLVMPositionBuilderAtEnd(builder, entry);
    body.accept(f);
    if (saved != null && !saved.isNull()) {
      LLVMPositionBuilderAtEnd(builder, saved);
    }
    return f;
  }

  /** A fresh number for naming an outlined function (parallel loop bodies). */
  int nextOutlinedId() {
    return outlined++;
  }

  /** Gives up ownership of the module (the JIT takes it); the context must outlive it. */
  LLVMModuleRef releaseModule() {
    moduleReleased = true;
    return module;
  }

  @Override
  public void close() {
    LLVMDisposeBuilder(builder);
    if (!moduleReleased) {
      LLVMDisposeModule(module);
    }
    LLVMContextDispose(context);
  }
}
