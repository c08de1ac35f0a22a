package dev.sparkweld.runtime.jit;

/**
 * Texts of one compilation, for code dumps: the IR as given (after verification), the IR after the pass pipeline,
 * and the assembly the backend produced for it.
 */
public record CodeDump(String irBefore, String irAfter, String assembly) {}
