package dev.sparkweld.runtime.jit;

import static org.bytedeco.llvm.global.LLVM.*;

/** An optimization level, used both for the IR pass pipeline and for codegen (instruction selection, scheduling). */
public enum OptLevel {
  O0(LLVMCodeGenLevelNone),
  O1(LLVMCodeGenLevelLess),
  O2(LLVMCodeGenLevelDefault),
  O3(LLVMCodeGenLevelAggressive);

  private final int codegenLevel;

  OptLevel(int codegenLevel) {
    this.codegenLevel = codegenLevel;
  }

  /** The new-pass-manager pipeline, e.g. {@code default<O2>}. */
  public String pipeline() {
    return "default<" + name() + ">";
  }

  /** The {@code LLVMCodeGenOptLevel} value. */
  int codegenLevel() {
    return codegenLevel;
  }
}
