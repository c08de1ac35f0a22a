package dev.sparkweld.weld.conf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable compile and run configuration: {@code weld.*} keys (the table in README.md is generated from
 * {@link #KEYS}). Unknown {@code weld.*} keys are rejected so typos do not silently do nothing.
 */
public final class WeldConf {
  public static final ConfKey<Integer> SIMD_BITS = ConfKey.ofInt("weld.simd.bits", 256, 128, 512,
      "Vector width in bits that fixes the lane count of simd[T] (128, 256 or 512).");
  public static final ConfKey<OverflowMode> OVERFLOW = ConfKey.ofEnum("weld.overflow", OverflowMode.WRAP,
      OverflowMode.class, "Integer overflow: WRAP (two's complement) or CHECK (runtime error INTEGER_OVERFLOW).");
  public static final ConfKey<Integer> OPT_LEVEL = ConfKey.ofInt("weld.optimization.level", 3, 0, 3,
      "LLVM optimization level of JIT-compiled code (0-3).");
  public static final ConfKey<Integer> CODEGEN_LEVEL = ConfKey.ofInt("weld.codegen.level", 2, 0, 3,
      "LLVM backend (instruction selection, scheduling) level 0-3; most of a compile's time is spent here.");
  public static final ConfKey<Integer> COMPILE_CACHE_SIZE = ConfKey.ofInt("weld.compile.cache.size", 512, 0,
      1 << 20, "Compiled modules kept per JVM, least recently used evicted first; 0 disables the cache.");
  public static final ConfKey<String> PASSES = new ConfKey<>("weld.optimization.passes", "default",
      PassList::check, "Weld optimizer passes in order, comma-separated; 'default' for the standard pipeline, "
      + "'none' for none.");
  public static final ConfKey<Integer> PASS_ROUNDS = ConfKey.ofInt("weld.optimization.fixpoint.max", 16, 1, 1000,
      "Most times one optimizer pass is repeated while it still changes the program.");
  public static final ConfKey<Boolean> PASS_VERIFY = ConfKey.ofBool("weld.optimization.verify", false,
      "Type-check and linearity-check the program after every optimizer pass (tests; costs compile time).");
  public static final ConfKey<Integer> UNROLL_LIMIT = ConfKey.ofInt("weld.optimization.unroll.limit", 8, 0, 64,
      "Most iterations of a loop with a static trip count that the unroll pass expands.");
  public static final ConfKey<Integer> PREDICATE_COST = ConfKey.ofInt("weld.optimization.predicate.cost", 12, 0,
      1000, "Largest merged expression (in IR nodes) the predication pass turns into a select without a "
      + "predicate:true annotation; 0 predicates only annotated ifs.");
  public static final ConfKey<Integer> DENSE_KEYS = ConfKey.ofInt("weld.optimization.densekeys.max", 256, 0,
      1 << 16, "Largest key domain (bool 2, i8/u8 256, i16/u16 65536) for which a dictmerger becomes a vecmerger.");
  public static final ConfKey<Boolean> BOUNDS_CHECKS = ConfKey.ofBool("weld.bounds.check", true,
      "Check vector indices and iterator bounds at runtime (errors instead of undefined behaviour).");
  public static final ConfKey<Long> MEMORY_LIMIT = ConfKey.ofBytes("weld.memory.limit", 4L << 30,
      "Most native memory one run may hold at a time; beyond it the run fails with MEMORY_LIMIT.");
  public static final ConfKey<Integer> THREADS = ConfKey.ofInt("weld.threads", 0, 0, 1024,
      "Worker threads of a run's parallel loops; 0 means the embedding's allotment (spark.task.cpus) or the "
          + "machine's cores. A run-time setting: it does not change the compiled code.");
  public static final ConfKey<Long> GRAIN = ConfKey.ofBytes("weld.grain", 16384,
      "Fewest iterations per chunk of a parallel loop (the unit threads claim; long loops get 8 chunks a thread); a "
          + "loop's @(grain:n) annotation overrides it.");
  public static final ConfKey<String> DUMP_DIR = ConfKey.ofString("weld.dump.dir", "",
      "Directory to write the program at each compile stage to; empty disables dumps.");
  public static final ConfKey<String> DUMP_FORMATS = ConfKey.ofString("weld.dump.formats",
      "weld,weldopt,llvm,llvmopt,assembly", "Compile stages to dump when weld.dump.dir is set.");

  public static final List<ConfKey<?>> KEYS = List.of(SIMD_BITS, OVERFLOW, OPT_LEVEL,
      CODEGEN_LEVEL, COMPILE_CACHE_SIZE, PASSES, PASS_ROUNDS, PASS_VERIFY, UNROLL_LIMIT, PREDICATE_COST,
      DENSE_KEYS, BOUNDS_CHECKS,
      MEMORY_LIMIT, THREADS, GRAIN, DUMP_DIR, DUMP_FORMATS);

  private static final WeldConf DEFAULTS = new WeldConf(Map.of());

  private final Map<String, String> values;

  private WeldConf(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static WeldConf defaults() {
    return DEFAULTS;
  }

  /** A conf from string pairs; every key must be a known {@code weld.*} key and every value must parse. */
  public static WeldConf of(Map<String, String> pairs) {
    Map<String, String> checked = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      ConfKey<?> key = find(e.getKey());
      key.parse(e.getValue());
      checked.put(e.getKey(), e.getValue().trim());
    }
    return new WeldConf(checked);
  }

  public WeldConf withText(ConfKey<?> key, String value) {
    key.parse(value);
    Map<String, String> copy = new TreeMap<>(values);
    copy.put(key.name(), value.trim());
    return new WeldConf(copy);
  }

  public <T> WeldConf with(ConfKey<T> key, T value) {
    return withText(key, String.valueOf(value));
  }

  /** This conf with {@code key} back at its default. */
  public WeldConf without(ConfKey<?> key) {
    if (!values.containsKey(key.name())) {
      return this;
    }
    Map<String, String> copy = new TreeMap<>(values);
    copy.remove(key.name());
    return new WeldConf(copy);
  }

  public <T> T get(ConfKey<T> key) {
    String s = values.get(key.name());
    return s == null ? key.defaultValue() : key.parse(s);
  }

  /** The explicitly set pairs, sorted by key: the canonical form used in cache keys. */
  public Map<String, String> explicitValues() {
    return values;
  }

  private static ConfKey<?> find(String name) {
    for (ConfKey<?> k : KEYS) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown configuration key " + name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeldConf c && values.equals(c.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
