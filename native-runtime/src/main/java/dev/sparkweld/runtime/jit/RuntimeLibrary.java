package dev.sparkweld.runtime.jit;

import dev.sparkweld.runtime.llvm.IrModule;
import dev.sparkweld.runtime.memory.AllocatorIr;
import dev.sparkweld.runtime.memory.RuntimeSymbols;
import dev.sparkweld.runtime.parallel.ParallelIr;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime functions ({@link RuntimeSymbols}), compiled once per JVM on first use (a few ms) into an engine that
 * lives as long as the JVM, and handed to every {@link JitEngine#create() kernel engine} as absolute symbols. Kernels
 * call them through the PLT like any libc function; docs/jit.md compares this with emitting them into each module.
 */
public final class RuntimeLibrary {
  private RuntimeLibrary() {}

  private static final class Holder {
    static final Map<String, Long> SYMBOLS = compile();
    /** Keeps the code alive: never closed. */
    static JitEngine engine;

    private static Map<String, Long> compile() {
      engine = new JitEngine(Map.of());
      try (IrModule m = new IrModule("weld_runtime")) {
        AllocatorIr.emit(m);
        ParallelIr.emit(m);
        CompiledCode code = engine.compile(m.module(), JitOptions.of(OptLevel.O2));
        Map<String, Long> symbols = new LinkedHashMap<>();
        for (String name : RuntimeSymbols.ALL) {
          symbols.put(name, code.address(name));
        }
        return Map.copyOf(symbols);
      }
    }
  }

  /** Runtime function name → address. */
  public static Map<String, Long> symbols() {
    return Holder.SYMBOLS;
  }

  public static long address(String name) {
    Long a = Holder.SYMBOLS.get(name);
    if (a == null) {
      throw new IllegalArgumentException("not a runtime function: " + name);
    }
    return a;
  }
}
