package dev.sparkweld.weld.codegen.llvm;

/** Offsets in the native run context that generated code reads directly (docs/abi.md, "Run context"). */
final class RuntimeLayout {
  /** An i32, non-zero once a cancel was requested. */
  static final long CANCEL_OFFSET = 8;

  private RuntimeLayout() {}
}
