package dev.sparkweld.runtime.jit;

import java.util.Map;
import java.util.Set;
import org.bytedeco.llvm.LLVM.LLVMOrcResourceTrackerRef;

/**
 * The machine code of one compiled module: addresses of its exported functions and globals by their names in the
 * module, its compile statistics and, if asked for, its dump. Closing frees the code; nothing may run it after.
 */
public final class CompiledCode implements AutoCloseable {
  private final JitEngine engine;
  private final LLVMOrcResourceTrackerRef tracker;
  private final Map<String, Long> addresses;
  private final CompileStats stats;
  private final CodeDump dump;

  CompiledCode(JitEngine engine, LLVMOrcResourceTrackerRef tracker, Map<String, Long> addresses,
      CompileStats stats, CodeDump dump) {
    this.engine = engine;
    this.tracker = tracker;
    this.addresses = Map.copyOf(addresses);
    this.stats = stats;
    this.dump = dump;
  }

  /** Address of the exported function or global {@code name} (its name in the module as compiled). */
  public long address(String name) {
    Long a = addresses.get(name);
    if (a == null) {
      throw JitEngine.noSuchSymbol(name, addresses.keySet());
    }
    return a;
  }

  public Set<String> exportedNames() {
    return addresses.keySet();
  }

  public CompileStats stats() {
    return stats;
  }

  /** IR before/after optimization and assembly, or null unless compiled with {@link JitOptions#dump()}. */
  public CodeDump dump() {
    return dump;
  }

  LLVMOrcResourceTrackerRef tracker() {
    return tracker;
  }

  @Override
  public void close() {
    engine.release(this);
  }
}
