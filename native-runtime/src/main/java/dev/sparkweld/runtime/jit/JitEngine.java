package dev.sparkweld.runtime.jit;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.llvm.Llvm;
import dev.sparkweld.runtime.llvm.LlvmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.llvm.LLVM.LLVMJITEvaluatedSymbol;
import org.bytedeco.llvm.LLVM.LLVMJITSymbolFlags;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMOrcCSymbolMapPair;
import org.bytedeco.llvm.LLVM.LLVMOrcDefinitionGeneratorRef;
import org.bytedeco.llvm.LLVM.LLVMOrcJITDylibRef;
import org.bytedeco.llvm.LLVM.LLVMOrcLLJITBuilderRef;
import org.bytedeco.llvm.LLVM.LLVMOrcLLJITRef;
import org.bytedeco.llvm.LLVM.LLVMOrcMaterializationUnitRef;
import org.bytedeco.llvm.LLVM.LLVMOrcResourceTrackerRef;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;

/**
 * Compiles LLVM modules to machine code in this process: ORC LLJIT, fed with object files (docs/jit.md explains the
 * choice and the numbers).
 *
 * <p>{@link #compile} may be called from any number of threads: each compiles its module to an object file on its
 * own thread with a pooled target machine; only adding the object to the JIT and linking it (~0.1 ms) is serialized,
 * because one LLJIT does not survive concurrent materialization. Kernels see libc/libm through a process-symbol
 * generator and the runtime helpers ({@code weld_rt_*}) as absolute symbols.
 *
 * <p>Closing the engine frees all code it compiled; close each {@link CompiledCode} earlier to free it sooner.
 */
public final class JitEngine implements AutoCloseable {
  private final LLVMOrcLLJITRef jit;
  private final LLVMOrcJITDylibRef main;
  private final TargetMachines machines = new TargetMachines();
  private final Object linkLock = new Object();
  private final List<CompiledCode> live = new ArrayList<>();
  private final AtomicLong compilations = new AtomicLong();
  private boolean closed;

  /** An engine whose kernels can call the runtime helpers (allocation, errors) of {@link RuntimeLibrary}. */
  public static JitEngine create() {
    return new JitEngine(RuntimeLibrary.symbols());
  }

  /** An engine where {@code symbols} (name → address) are defined besides the process's own symbols. */
  public JitEngine(Map<String, Long> symbols) {
    Llvm.initialize();
    LLVMOrcLLJITBuilderRef builder = LLVMOrcCreateLLJITBuilder();
    LLVMOrcLLJITRef created = new LLVMOrcLLJITRef();
    Llvm.check(LLVMOrcCreateLLJIT(created, builder), "cannot create LLJIT"); // consumes the builder
    jit = created;
    main = LLVMOrcLLJITGetMainJITDylib(jit);
    try {
      LLVMOrcDefinitionGeneratorRef process = new LLVMOrcDefinitionGeneratorRef();
      Llvm.check(LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(process, LLVMOrcLLJITGetGlobalPrefix(jit),
          null, null), "process symbol generator");
      LLVMOrcJITDylibAddGenerator(main, process); // the dylib owns it now
      if (!symbols.isEmpty()) {
        defineAbsolute(symbols);
      }
    } catch (RuntimeException e) {
      LLVMOrcDisposeLLJIT(jit);
      throw e;
    }
  }

  private void defineAbsolute(Map<String, Long> symbols) {
    int n = symbols.size();
    LLVMOrcCSymbolMapPair pairs = new LLVMOrcCSymbolMapPair(n);
    try (LLVMJITSymbolFlags flags = new LLVMJITSymbolFlags();
        LLVMJITEvaluatedSymbol symbol = new LLVMJITEvaluatedSymbol()) {
      flags.GenericFlags((byte) (LLVMJITSymbolGenericFlagsExported | LLVMJITSymbolGenericFlagsCallable));
      flags.TargetFlags((byte) 0);
      int i = 0;
      for (Map.Entry<String, Long> e : symbols.entrySet()) {
        symbol.Address(e.getValue()).Flags(flags);
        pairs.position(i++).Name(LLVMOrcLLJITMangleAndIntern(jit, e.getKey())).Sym(symbol);
      }
      // Takes over the interned names; the dylib takes the unit if Define succeeds.
      LLVMOrcMaterializationUnitRef unit = LLVMOrcAbsoluteSymbols(pairs.position(0), n);
      org.bytedeco.llvm.LLVM.LLVMErrorRef error = LLVMOrcJITDylibDefine(main, unit);
      if (error != null && !error.isNull()) {
        LLVMOrcDisposeMaterializationUnit(unit);
        Llvm.check(error, "cannot define runtime symbols");
      }
    } finally {
      pairs.position(0).close();
    }
  }

  /**
   * Verifies, optimizes, compiles and links {@code module}, and returns the addresses of everything it exports. The
   * module stays the caller's (dispose it and its context afterwards) but is changed: optimized, lowered, and its
   * exported definitions renamed. Nothing else may use the module's context during the call.
   *
   * @throws LlvmException if the module does not verify, a symbol it uses is not defined anywhere, or LLVM fails
   */
  public CompiledCode compile(LLVMModuleRef module, JitOptions options) {
    Objects.requireNonNull(module);
    Objects.requireNonNull(options);
    ensureOpen();
    String suffix = ".w" + compilations.incrementAndGet();
    LLVMTargetMachineRef tm = machines.borrow(options.codegen());
    ModuleCompiler.Output out;
    try {
      out = ModuleCompiler.compile(module, options, tm, suffix);
    } finally {
      machines.giveBack(options.codegen(), tm);
    }
    return link(out);
  }

  private CompiledCode link(ModuleCompiler.Output out) {
    long t0 = System.nanoTime();
    synchronized (linkLock) {
      if (closed) {
        LLVMDisposeMemoryBuffer(out.object);
        throw new IllegalStateException("JIT engine is closed");
      }
      LLVMOrcResourceTrackerRef tracker = LLVMOrcJITDylibCreateResourceTracker(main);
      try {
        Llvm.check(LLVMOrcLLJITAddObjectFileWithRT(jit, tracker, out.object), "cannot add object"); // takes it
        Map<String, Long> addresses = new LinkedHashMap<>();
        long[] address = new long[1];
        for (Map.Entry<String, String> e : out.exported.entrySet()) {
          // The first lookup links the object: unresolved symbols surface here.
          Llvm.check(LLVMOrcLLJITLookup(jit, address, e.getValue()), "cannot link " + e.getKey());
          addresses.put(e.getKey(), address[0]);
        }
        CompileStats stats = new CompileStats(out.verifyNanos, out.optimizeNanos, out.codegenNanos,
            System.nanoTime() - t0, out.objectBytes);
        CompiledCode code = new CompiledCode(this, tracker, addresses, stats, out.dump);
        live.add(code);
        return code;
      } catch (RuntimeException e) {
        removeTracker(tracker);
        throw e;
      }
    }
  }

  /** Frees the code of {@code code}; idempotent. */
  void release(CompiledCode code) {
    synchronized (linkLock) {
      if (live.remove(code)) {
        removeTracker(code.tracker());
      }
    }
  }

  private void removeTracker(LLVMOrcResourceTrackerRef tracker) {
    org.bytedeco.llvm.LLVM.LLVMErrorRef error = LLVMOrcResourceTrackerRemove(tracker);
    LLVMOrcReleaseResourceTracker(tracker);
    Llvm.check(error, "cannot free JIT code");
  }

  private void ensureOpen() {
    synchronized (linkLock) {
      if (closed) {
        throw new IllegalStateException("JIT engine is closed");
      }
    }
  }

  /** Number of compiled modules not yet released. */
  public int liveCount() {
    synchronized (linkLock) {
      return live.size();
    }
  }

  /**
   * Frees all code and LLVM state of this engine. Code compiled here must not run any more. Compilations still in
   * flight on other threads fail with {@link IllegalStateException}.
   */
  @Override
  public void close() {
    synchronized (linkLock) {
      if (closed) {
        return;
      }
      closed = true;
      for (CompiledCode code : live) {
        LLVMOrcReleaseResourceTracker(code.tracker()); // disposing the JIT frees the code itself
      }
      live.clear();
      LLVMOrcDisposeLLJIT(jit);
    }
    machines.close();
  }

  @Override
  public String toString() {
    return "JitEngine[LLJIT " + Llvm.hostTriple() + " " + Llvm.hostCpu() + "]";
  }

  static LlvmException noSuchSymbol(String name, Iterable<String> known) {
    return new LlvmException("no exported symbol " + name + " in this compilation; it exports " + known);
  }
}
