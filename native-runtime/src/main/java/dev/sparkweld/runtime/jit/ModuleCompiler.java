package dev.sparkweld.runtime.jit;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.llvm.Llvm;
import dev.sparkweld.runtime.llvm.LlvmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMMemoryBufferRef;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMPassBuilderOptionsRef;
import org.bytedeco.llvm.LLVM.LLVMTargetDataRef;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Module to object file on the calling thread: verify, optimize, give exported symbols unique names, codegen. Touches
 * only the module (and its context) and the borrowed target machine, so any number of threads can run it at once.
 */
final class ModuleCompiler {
  private ModuleCompiler() {}

  /** An object file and what went into it. The caller owns {@link #object} until it hands it to the linker. */
  static final class Output {
    LLVMMemoryBufferRef object;
    /** Exported symbol name in the module → unique name in the object. */
    final Map<String, String> exported = new LinkedHashMap<>();
    CodeDump dump;
    long verifyNanos;
    long optimizeNanos;
    long codegenNanos;
    long objectBytes;
  }

  static Output compile(LLVMModuleRef module, JitOptions options, LLVMTargetMachineRef tm, String uniqueSuffix) {
    Output out = new Output();
    long t0 = System.nanoTime();
    verify(module, "module does not verify");
    LLVMSetTarget(module, Llvm.hostTriple());
    LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(tm);
    LLVMSetModuleDataLayout(module, layout);
    LLVMDisposeTargetData(layout);
    String irBefore = options.dump() ? print(module) : null;

    long t1 = System.nanoTime();
    optimize(module, options.optimization(), tm);
    long t2 = System.nanoTime();
    if (options.dump()) {
      out.dump = new CodeDump(irBefore, print(module), emit(module, tm, LLVMAssemblyFile, true));
    }
    long t3 = System.nanoTime();
    renameExports(module, uniqueSuffix, out.exported);
    out.object = emitBuffer(module, tm, LLVMObjectFile, false);
    out.objectBytes = LLVMGetBufferSize(out.object);
    long t4 = System.nanoTime();
    out.verifyNanos = t1 - t0;
    out.optimizeNanos = t2 - t1;
    out.codegenNanos = t4 - t3;
    return out;
  }

  /** LLVM's fatal errors kill the process, and codegen of invalid IR hits them: never pass unverified IR on. */
  static void verify(LLVMModuleRef module, String what) {
    BytePointer message = new BytePointer();
    int broken = LLVMVerifyModule(module, LLVMReturnStatusAction, message);
    String text = Llvm.takeMessage(message);
    if (broken != 0) {
      throw new LlvmException(what + ": " + text.strip());
    }
  }

  static void optimize(LLVMModuleRef module, OptLevel level, LLVMTargetMachineRef tm) {
    LLVMPassBuilderOptionsRef pbo = LLVMCreatePassBuilderOptions();
    try {
      Llvm.check(LLVMRunPasses(module, level.pipeline(), tm, pbo), "pass pipeline " + level.pipeline());
    } finally {
      LLVMDisposePassBuilderOptions(pbo);
    }
  }

  static String print(LLVMModuleRef module) {
    return Llvm.takeMessage(LLVMPrintModuleToString(module));
  }

  /**
   * Kernels of different compilations share one JIT symbol table, and generated code reuses names ("kernel"), so each
   * exported definition gets the compilation's suffix. Declarations keep their names: they resolve to runtime helpers
   * and process symbols.
   */
  private static void renameExports(LLVMModuleRef module, String suffix, Map<String, String> exported) {
    for (LLVMValueRef g = LLVMGetFirstFunction(module); g != null && !g.isNull(); g = LLVMGetNextFunction(g)) {
      renameIfExported(g, suffix, exported);
    }
    for (LLVMValueRef g = LLVMGetFirstGlobal(module); g != null && !g.isNull(); g = LLVMGetNextGlobal(g)) {
      renameIfExported(g, suffix, exported);
    }
  }

  private static void renameIfExported(LLVMValueRef g, String suffix, Map<String, String> exported) {
    if (LLVMIsDeclaration(g) != 0) {
      return;
    }
    int linkage = LLVMGetLinkage(g);
    if (linkage == LLVMInternalLinkage || linkage == LLVMPrivateLinkage) {
      return;
    }
    String name = LLVMGetValueName(g).getString();
    String unique = name + suffix;
    LLVMSetValueName(g, unique);
    exported.put(name, unique);
  }

  /** Codegen of a clone (for the assembly dump: codegen rewrites the IR it runs on) or of the module itself. */
  private static String emit(LLVMModuleRef module, LLVMTargetMachineRef tm, int fileType, boolean onClone) {
    LLVMMemoryBufferRef buffer = emitBuffer(module, tm, fileType, onClone);
    try {
      BytePointer start = LLVMGetBufferStart(buffer);
      return start.limit(LLVMGetBufferSize(buffer)).getString();
    } finally {
      LLVMDisposeMemoryBuffer(buffer);
    }
  }

  private static LLVMMemoryBufferRef emitBuffer(LLVMModuleRef module, LLVMTargetMachineRef tm, int fileType,
      boolean onClone) {
    LLVMModuleRef target = onClone ? LLVMCloneModule(module) : module;
    LLVMMemoryBufferRef buffer = new LLVMMemoryBufferRef();
    BytePointer error = new BytePointer();
    try {
      if (LLVMTargetMachineEmitToMemoryBuffer(tm, target, fileType, error, buffer) != 0) {
        throw new LlvmException("codegen failed: " + Llvm.takeMessage(error));
      }
      return buffer;
    } finally {
      if (onClone) {
        LLVMDisposeModule(target);
      }
    }
  }
}
