package dev.sparkweld.runtime.jit;

import static org.bytedeco.llvm.global.LLVM.*;

import dev.sparkweld.runtime.llvm.IrModule;
import dev.sparkweld.runtime.llvm.Llvm;
import dev.sparkweld.runtime.llvm.LlvmException;
import dev.sparkweld.runtime.testing.SyntheticKernels;
import dev.sparkweld.runtime.testing.TestKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMExecutionEngineRef;
import org.bytedeco.llvm.LLVM.LLVMMCJITCompilerOptions;
import org.bytedeco.llvm.LLVM.LLVMModuleRef;
import org.bytedeco.llvm.LLVM.LLVMTargetDataRef;
import org.bytedeco.llvm.LLVM.LLVMTargetMachineRef;
import org.bytedeco.llvm.LLVM.LLVMValueRef;

/**
 * Compile-time measurements behind the JIT choice (docs/jit.md). Not a test: run each configuration in a fresh JVM so
 * "cold" means the first compilation in the process:
 * {@code java -cp <test classpath> dev.sparkweld.runtime.jit.JitBench lljit|mcjit O0..O3 levels|concurrent}.
 */
public final class JitBench {
  private static final int HELPERS = 16;

  public static void main(String[] argv) throws Exception {
    String engine = argv[0];
    OptLevel level = OptLevel.valueOf(argv[1]);
    String mode = argv[2];
    Compiler c = engine.equals("lljit") ? new Lljit() : new Mcjit();
    if (mode.equals("levels")) {
      levels(c, engine, level);
    } else {
      concurrent(c, engine, level, Integer.parseInt(argv.length > 3 ? argv[3] : "8"));
    }
    c.close();
  }

  interface Compiler extends AutoCloseable {
    /** Compiles m, returns nanoseconds spent (verify to callable address), freeing the code afterwards. */
    long compile(IrModule m, String fn, OptLevel level);

    @Override
    void close();
  }

  private static void levels(Compiler c, String engine, OptLevel level) {
    Consumer<IrModule> small = m -> new TestKernels(m).sumArray("k");
    Consumer<IrModule> medium = m -> SyntheticKernels.medium(m, "k", HELPERS);
    long coldSmall = once(c, small, level);
    long coldMedium = once(c, medium, level);
    long[] warmSmall = new long[25];
    long[] warmMedium = new long[25];
    for (int i = 0; i < 25; i++) {
      warmSmall[i] = once(c, small, level);
      warmMedium[i] = once(c, medium, level);
    }
    System.out.printf("%s %s cold small %.1f ms, cold medium %.1f ms, warm small %.2f ms, warm medium %.2f ms%n",
        engine, level, coldSmall / 1e6, coldMedium / 1e6, median(warmSmall) / 1e6, median(warmMedium) / 1e6);
  }

  private static void concurrent(Compiler c, String engine, OptLevel level, int threads) throws Exception {
    int perThread = 10;
    Consumer<IrModule> medium = m -> SyntheticKernels.medium(m, "k", HELPERS);
    once(c, medium, level);
    AtomicInteger ok = new AtomicInteger();
    List<Thread> ts = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          once(c, medium, level);
          ok.incrementAndGet();
        }
      });
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) {
      th.join();
    }
    long wall = System.nanoTime() - t0;
    long t1 = System.nanoTime();
    for (int i = 0; i < perThread; i++) {
      once(c, medium, level);
    }
    long serialEach = (System.nanoTime() - t1) / perThread;
    System.out.printf("%s %s %d threads x %d medium: %d ok, wall %.0f ms (%.1f ms/kernel; serial %.1f ms/kernel)%n",
        engine, level, threads, perThread, ok.get(), wall / 1e6, wall / 1e6 / (threads * perThread),
        serialEach / 1e6);
  }

  private static long once(Compiler c, Consumer<IrModule> kernel, OptLevel level) {
    try (IrModule m = new IrModule("bench")) {
      kernel.accept(m);
      return c.compile(m, "k", level);
    }
  }

  private static long median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** Our engine: per-thread object compile, serialized add + link into one LLJIT. */
  static final class Lljit implements Compiler {
    private final JitEngine jit = new JitEngine(java.util.Map.of());

    @Override
    public long compile(IrModule m, String fn, OptLevel level) {
      long t0 = System.nanoTime();
      try (CompiledCode code = jit.compile(m.module(), JitOptions.of(level))) {
        code.address(fn);
        if (System.getProperty("bench.stats") != null) {
          System.out.println("  " + code.stats());
        }
        return System.nanoTime() - t0;
      }
    }

    @Override
    public void close() {
      jit.close();
    }
  }

  /**
   * One MCJIT engine per module (how MCJIT is used concurrently): optimize with a per-thread host target machine,
   * then MCJIT codegens and links on the first address lookup. MCJIT's C API cannot set the CPU, so every function
   * gets target-cpu/target-features attributes.
   */
  static final class Mcjit implements Compiler {
    private final ThreadLocal<LLVMTargetMachineRef[]> machines =
        ThreadLocal.withInitial(() -> new LLVMTargetMachineRef[OptLevel.values().length]);

    @Override
    public long compile(IrModule m, String fn, OptLevel level) {
      long t0 = System.nanoTime();
      LLVMTargetMachineRef[] tms = machines.get();
      if (tms[level.ordinal()] == null) {
        tms[level.ordinal()] = TargetMachines.createHost(level.codegenLevel());
      }
      LLVMTargetMachineRef tm = tms[level.ordinal()];
      LLVMModuleRef module = m.module();
      ModuleCompiler.verify(module, "bench");
      LLVMSetTarget(module, Llvm.hostTriple());
      LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(tm);
      LLVMSetModuleDataLayout(module, layout);
      LLVMDisposeTargetData(layout);
      for (LLVMValueRef f = LLVMGetFirstFunction(module); f != null && !f.isNull(); f = LLVMGetNextFunction(f)) {
        if (LLVMIsDeclaration(f) == 0) {
          LLVMAddTargetDependentFunctionAttr(f, "target-cpu", Llvm.hostCpu());
          LLVMAddTargetDependentFunctionAttr(f, "target-features", Llvm.hostFeatures());
        }
      }
      ModuleCompiler.optimize(module, level, tm);
      LLVMExecutionEngineRef ee = new LLVMExecutionEngineRef();
      BytePointer error = new BytePointer();
      try (LLVMMCJITCompilerOptions options = new LLVMMCJITCompilerOptions()) {
        LLVMInitializeMCJITCompilerOptions(options, options.sizeof());
        options.OptLevel(level.codegenLevel());
        if (LLVMCreateMCJITCompilerForModule(ee, m.releaseModule(), options, options.sizeof(), error) != 0) {
          throw new LlvmException("MCJIT: " + Llvm.takeMessage(error));
        }
      }
      long address = LLVMGetFunctionAddress(ee, fn);
      long elapsed = System.nanoTime() - t0;
      LLVMDisposeExecutionEngine(ee); // frees the code and the module
      if (address == 0) {
        throw new LlvmException("no " + fn);
      }
      return elapsed;
    }

    @Override
    public void close() {}
  }
}
