package dev.sparkweld.runtime.jit;

import java.util.Objects;

/**
 * How to compile one module.
 *
 * @param optimization the IR pass pipeline ({@code default<On>}); O2 is a good default for kernels
 * @param codegen the backend level: most of a small kernel's compile time is codegen, so this is the main knob
 * @param dump keep IR before/after optimization and the assembly in {@link CompiledCode#dump()} (costs a second
 *     codegen for the assembly)
 */
public record JitOptions(OptLevel optimization, OptLevel codegen, boolean dump) {
  public JitOptions {
    Objects.requireNonNull(optimization);
    Objects.requireNonNull(codegen);
  }

  public static JitOptions of(OptLevel level) {
    return new JitOptions(level, level, false);
  }

  public static JitOptions defaults() {
    return of(OptLevel.O2);
  }

  public JitOptions withDump(boolean on) {
    return new JitOptions(optimization, codegen, on);
  }

  public JitOptions withCodegen(OptLevel level) {
    return new JitOptions(optimization, level, dump);
  }
}
