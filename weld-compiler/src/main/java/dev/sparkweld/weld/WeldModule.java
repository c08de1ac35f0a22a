package dev.sparkweld.weld;

import dev.sparkweld.runtime.jit.CompileStats;
import dev.sparkweld.runtime.jit.JitEngine;
import dev.sparkweld.weld.abi.AbiLayout;
import dev.sparkweld.weld.abi.ValueCodec;
import dev.sparkweld.weld.codegen.llvm.LlvmBackend;
import dev.sparkweld.weld.codegen.llvm.LlvmBackend.NativeKernel;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.opt.Optimizer;
import dev.sparkweld.weld.opt.OptimizerStats;
import dev.sparkweld.weld.syntax.Printer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Weld program compiled to native code: the entry point of the compiler.
 *
 * <pre>{@code
 * try (WeldModule m = WeldModule.compile("|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| merge(b, x)))", conf);
 *      WeldContext ctx = WeldContext.create(conf)) {
 *   long sum = (Long) m.run(WeldValue.of(vec), ctx).toJava();
 * }
 * }</pre>
 *
 * <p>The pipeline: front end (parse, macros, types, linearity) -> Weld optimizer ({@code weld.optimization.passes},
 * see {@link Optimizer}) -> LLVM lowering -> verify, optimize, JIT (see
 * {@link LlvmBackend}). Compiles are cached per JVM ({@link CompileCache}); a module is a handle on the shared code,
 * safe to run from many threads at once, each with its own {@link WeldContext}.
 */
public final class WeldModule implements AutoCloseable {
  private static final CompileCache CACHE = new CompileCache();
  private static volatile JitEngine engine;

  private final CompiledProgram compiled;
  private final WeldConf conf;
  private final boolean cacheHit;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WeldModule(CompiledProgram compiled, WeldConf conf, boolean cacheHit) {
    this.compiled = compiled;
    this.conf = conf;
    this.cacheHit = cacheHit;
  }

  /**
   * Source text and conf to the cache key of its canonical program, so that compiling the same text again (every
   * task of a Spark stage does) skips the front end too. Bounded: cleared when it grows past its size.
   */
  private static final java.util.concurrent.ConcurrentHashMap<java.util.List<Object>, CompileCache.Key> SOURCE_KEYS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int SOURCE_KEYS_MAX = 4096;

  /** Compiles Weld source text; throws {@code WeldCompileException} for an invalid program. */
  public static WeldModule compile(String program, WeldConf conf) {
    java.util.List<Object> sourceKey = java.util.List.of(program, conf);
    CompileCache.Key known = SOURCE_KEYS.get(sourceKey);
    if (known != null && conf.get(WeldConf.COMPILE_CACHE_SIZE) > 0) {
      CompiledProgram cached = CACHE.peek(known);
      if (cached != null) {
        return new WeldModule(cached, conf, true);
      }
    }
    long t0 = System.nanoTime();
    TypedProgram typed = WeldFrontEnd.compile(program);
    CompileCache.Key key = CompileCache.key(Printer.printTyped(typed.body()), conf);
    WeldModule m = compile(typed, key, program, conf, System.nanoTime() - t0);
    if (SOURCE_KEYS.size() >= SOURCE_KEYS_MAX) {
      SOURCE_KEYS.clear();
    }
    SOURCE_KEYS.put(sourceKey, key);
    return m;
  }

  /** Compiles a program that already went through the front end (or the optimizer). */
  public static WeldModule compile(TypedProgram program, WeldConf conf) {
    return compile(program, CompileCache.key(Printer.printTyped(program.body()), conf), null, conf, 0);
  }

  private static WeldModule compile(TypedProgram typed, CompileCache.Key key, String source, WeldConf conf,
      long frontEndNanos) {
    Objects.requireNonNull(conf);
    String canonical = key.canonicalProgram();
    // The key holds the conf, and with it weld.optimization.passes: programs optimized differently never mix.
    // Set when this call compiled: otherwise the code came from the cache (or from a concurrent compile of it).
    boolean[] compiledHere = {false};
    CompiledProgram p = CACHE.get(key, conf.get(WeldConf.COMPILE_CACHE_SIZE), () -> {
      compiledHere[0] = true;
      boolean dump = CodeDumps.enabled(conf);
      Optimizer.Outcome opt = Optimizer.optimize(typed, conf);
      NativeKernel kernel = LlvmBackend.compile(opt.program(), conf, engine(), dump);
      if (dump) {
        String name = "weld-" + Integer.toHexString(key.hashCode());
        CodeDumps.write(conf, name, source != null ? source : canonical, opt.program(), kernel.code().dump());
      }
      return new CompiledProgram(typed, kernel, frontEndNanos, opt.stats());
    });
    return new WeldModule(p, conf, !compiledHere[0]);
  }

  /** The JIT engine of this JVM: created on first use, never closed (code is freed per program). */
  static JitEngine engine() {
    JitEngine e = engine;
    if (e == null) {
      synchronized (WeldModule.class) {
        e = engine;
        if (e == null) {
          e = JitEngine.create();
          engine = e;
        }
      }
    }
    return e;
  }

  public TypedProgram program() {
    return compiled.program;
  }

  public List<Type> paramTypes() {
    return compiled.program.params().stream().map(Param::type).toList();
  }

  public Type resultType() {
    return compiled.program.resultType();
  }

  /** The struct {params..., result} a native argument block must have ({@link WeldValue#ofAddress}). */
  public StructType argsType() {
    return compiled.kernel.argsType();
  }

  public long argsLayoutSize() {
    return AbiLayout.size(argsType(), simdBits());
  }

  /** Where the compile time went (LLVM stages) plus the front end in {@link #frontEndNanos()}. */
  public CompileStats stats() {
    return compiled.stats();
  }

  public long frontEndNanos() {
    return compiled.frontEndNanos;
  }

  /** Per-pass times of the Weld optimizer for this program (empty when no passes ran). */
  public OptimizerStats optimizerStats() {
    return compiled.optimizerStats;
  }

  /** Whether this module's code came from the compile cache rather than being compiled by this call (logs). */
  public boolean cacheHit() {
    return cacheHit;
  }

  /** The address of the native entry point {@code i64 weld_kernel(JNIEnv*, ctx*, args*)}. */
  public long entryAddress() {
    return compiled.kernel.entry();
  }

  /**
   * Runs the program. Java-form arguments are encoded into memory owned by {@code ctx}; a native-form argument block
   * is used in place. The result is a native value in {@code ctx} (decode it with {@link WeldValue#toJava()} before
   * closing the context).
   *
   * @throws dev.sparkweld.runtime.WeldRuntimeException on a runtime error of the program
   * @throws IllegalArgumentException if Java arguments do not match the parameters
   */
  public WeldValue run(WeldValue args, WeldContext ctx) {
    ensureOpen();
    StructType at = argsType();
    long block;
    if (args.isNative()) {
      if (!args.type().equals(at)) {
        throw new IllegalArgumentException("argument block of type " + args.type() + ", expected " + at);
      }
      block = args.address();
    } else {
      block = encode(args.javaValues(), at, ctx);
    }
    ctx.runtime().run(compiled.kernel.entry(), block);
    int r = at.fields().size() - 1;
    return WeldValue.ofNative(block + AbiLayout.fieldOffset(at, r, simdBits()), resultType(), simdBits());
  }

  /** Convenience: runs on Java values in a fresh context and returns the decoded result. */
  public Object runJava(Object... args) {
    try (WeldContext ctx = WeldContext.create(conf)) {
      return run(WeldValue.of(args), ctx).toJava();
    }
  }

  private long encode(List<Object> values, StructType at, WeldContext ctx) {
    List<Param> params = compiled.program.params();
    if (values.size() != params.size()) {
      throw new IllegalArgumentException("program takes " + params.size() + " arguments, got " + values.size());
    }
    // 64-byte alignment: simd fields may be aligned up to their size.
    long block = align64(ctx.inputs().allocate(Math.max(1, AbiLayout.size(at, simdBits())) + 63));
    for (int i = 0; i < params.size(); i++) {
      Type t = params.get(i).type();
      try {
        ValueCodec.encode(t, values.get(i), block + AbiLayout.fieldOffset(at, i, simdBits()), ctx.inputs(),
            simdBits());
      } catch (ClassCastException | NullPointerException e) {
        throw new IllegalArgumentException("argument " + i + " is not a value of type " + t + ": " + values.get(i), e);
      }
    }
    return block;
  }

  private int simdBits() {
    return conf.get(WeldConf.SIMD_BITS);
  }

  private static long align64(long address) {
    return (address + 63) & ~63L;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("module is closed");
    }
  }

  /** Lets go of the code; it is freed once the cache has evicted it too. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      compiled.release();
    }
  }

  /** Compile cache statistics of this JVM: {hits, misses, entries}. */
  public static long[] cacheStats() {
    return new long[] {CACHE.hits(), CACHE.misses(), CACHE.size()};
  }

  /** Empties the compile cache (tests, benchmarks of cold compiles). */
  public static void clearCache() {
    CACHE.clear();
  }
}
