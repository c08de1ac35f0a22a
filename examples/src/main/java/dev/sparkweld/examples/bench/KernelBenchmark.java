package dev.sparkweld.examples.bench;

import dev.sparkweld.weld.WeldModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Weld JIT against plain Java and gcc -O3 on the same kernels over the same generated data (see {@link Kernel}).
 * Every variant is warmed up, then timed N times; the table shows best and median wall time. Every result of every
 * run is checked against the first Java result, and a mismatch ends the process with exit code 1.
 *
 * <p>Options: {@link BenchOptions}. Example: {@code --n 10000000 --reps 7 --only sum,q6}.
 */
public final class KernelBenchmark {
  private final BenchOptions opt;
  private final List<Row> rows = new ArrayList<>();

  private KernelBenchmark(BenchOptions opt) {
    this.opt = opt;
  }

  /** One kernel's measurements; {@code gcc} is null when gcc is missing or disabled. */
  private record Row(Kernel kernel, Timings weld, Timings javaOffHeap, Timings javaHeap, Timings gcc,
      WeldRunner.CompileTimes compile) {}

  /** A result that differs from the Java reference: the benchmark is meaningless past this point. */
  static final class Mismatch extends RuntimeException {
    Mismatch(String message) {
      super(message);
    }
  }

  static List<Kernel> allKernels() {
    return List.of(new ScalarKernels.Sum(), new ScalarKernels.MapFilterSum(false),
        new ScalarKernels.MapFilterSum(true), new ScalarKernels.Q6(),
        new GroupByKernel("groupby1k", 1_000), new GroupByKernel("groupby1m", 1_000_000), new AppendMapKernel(),
        new SortKernel());
  }

  public static void main(String[] args) throws Exception {
    BenchOptions opt;
    try {
      opt = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      new KernelBenchmark(opt).run();
    } catch (Mismatch e) {
      System.out.flush();
      System.err.println("RESULT MISMATCH: " + e.getMessage());
      System.exit(1);
    }
  }

  private void run() throws IOException, InterruptedException {
    List<Kernel> kernels = selected();
    System.out.printf(Locale.ROOT, "n=%d reps=%d warmup=%d seed=%d weld conf=%s%n", opt.n(), opt.reps(),
        opt.warmup(), opt.seed(), opt.conf().explicitValues());
    System.out.printf(Locale.ROOT, "java %s (%s), %d cpus%n", System.getProperty("java.version"),
        System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "weld threads: %d (--threads N, or --conf weld.threads=N)%n",
        dev.sparkweld.weld.WeldContext.threads(opt.conf()));
    Path cDir = Files.createTempDirectory("weld-bench-c");
    CBaseline gcc = opt.gcc() ? CBaseline.find(cDir) : null;
    System.out.println(gcc != null
        ? "gcc: " + gcc.version() + " (-O3 -march=native -ffp-contract=off), sources in " + cDir
        : opt.gcc() ? "gcc: not found, skipped" : "gcc: disabled");
    long t0 = System.nanoTime();
    // The first compile of the JVM also creates the LLVM JIT engine; keep that out of the per-kernel cold times.
    WeldModule.compile("|x: i64| x + 1L", opt.conf()).close();
    System.out.printf(Locale.ROOT, "first compile in this JVM (LLVM JIT engine start-up included): %.1f ms%n%n",
        (System.nanoTime() - t0) / 1e6);
    try {
      for (Kernel k : kernels) {
        rows.add(measure(k, gcc));
      }
    } finally {
      if (!opt.keepC()) {
        deleteTree(cDir);
      }
    }
    printTables();
  }

  private List<Kernel> selected() {
    List<Kernel> all = allKernels();
    if (opt.only().isEmpty()) {
      return all;
    }
    List<Kernel> out = new ArrayList<>();
    for (String name : opt.only()) {
      out.add(all.stream().filter(k -> k.name().equals(name.trim())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no kernel " + name + "; kernels: "
              + all.stream().map(Kernel::name).toList())));
    }
    return out;
  }

  private Row measure(Kernel k, CBaseline gcc) throws IOException, InterruptedException {
    System.out.printf(Locale.ROOT, "== %s: %s%n", k.name(), k.weld().replaceAll("\\s+", " "));
    long t0 = System.nanoTime();
    try (Columns cols = Columns.generate(k.columns(), opt.n(), opt.seed());
        WeldRunner weld = WeldRunner.compile(k.weld(), opt.conf())) {
      System.out.printf(Locale.ROOT, "   generated %d rows x %d columns in %.0f ms%n", opt.n(), cols.count(),
          (System.nanoTime() - t0) / 1e6);
      Summary[] reference = new Summary[1];
      Timings javaOff = timeJava(k, "java off-heap", () -> k.javaOffHeap(cols), reference);
      cols.heap(0);
      Timings javaHeap = timeJava(k, "java heap", () -> k.javaHeap(cols), reference);
      weld.bind(cols);
      Timings weldT = timeWeld(k, weld, reference[0]);
      Timings gccT = null;
      if (gcc != null) {
        CBaseline.Result c = gcc.measure(k, opt.n(), opt.warmup(), opt.reps(), opt.seed());
        check(k, "gcc", c.summary(), reference[0]);
        gccT = c.timings();
        System.out.printf(Locale.ROOT, "   %-14s best %9.2f ms  median %9.2f ms%n", "gcc -O3", gccT.bestMs(),
            gccT.medianMs());
      }
      System.out.println("   result " + reference[0] + " (all variants agree)");
      return new Row(k, weldT, javaOff, javaHeap, gccT, weld.compileTimes());
    }
  }

  /** Times a Java variant and checks each result against {@code reference[0]}, which the first run sets if empty. */
  private Timings timeJava(Kernel k, String label, Supplier<Object> body, Summary[] reference) {
    long[] t = new long[opt.reps()];
    for (int r = 0; r < opt.warmup() + opt.reps(); r++) {
      long t0 = System.nanoTime();
      Object result = body.get();
      long dt = System.nanoTime() - t0;
      Summary s = k.javaSummary(result);
      if (reference[0] == null) {
        reference[0] = s;
      }
      check(k, label, s, reference[0]);
      if (r >= opt.warmup()) {
        t[r - opt.warmup()] = dt;
      }
    }
    Timings tt = new Timings(t);
    System.out.printf(Locale.ROOT, "   %-14s best %9.2f ms  median %9.2f ms%n", label, tt.bestMs(), tt.medianMs());
    return tt;
  }

  private Timings timeWeld(Kernel k, WeldRunner weld, Summary reference) {
    long[] t = new long[opt.reps()];
    Summary[] s = new Summary[1];
    Function<Long, Summary> summarize = k::weldSummary;
    for (int r = 0; r < opt.warmup() + opt.reps(); r++) {
      long dt = weld.timedRun(summarize, s);
      check(k, "weld", s[0], reference);
      if (r >= opt.warmup()) {
        t[r - opt.warmup()] = dt;
      }
    }
    Timings tt = new Timings(t);
    System.out.printf(Locale.ROOT, "   %-14s best %9.2f ms  median %9.2f ms%n", "weld jit", tt.bestMs(),
        tt.medianMs());
    return tt;
  }

  private static void check(Kernel k, String variant, Summary got, Summary expected) {
    if (!got.agrees(expected)) {
      throw new Mismatch(k.name() + ": " + variant + " gave " + got + ", java gave " + expected);
    }
  }

  private void printTables() {
    System.out.println();
    System.out.println("Run time, ms: best of " + opt.reps() + " (median), n=" + opt.n()
        + "; ratios from best times, < 1 means Weld is faster");
    String fmt = "%-16s | %-17s | %-17s | %-17s | %-17s | %9s | %8s%n";
    System.out.printf(Locale.ROOT, fmt, "kernel", "weld", "java off-heap", "java heap", "gcc -O3", "weld/java",
        "weld/gcc");
    System.out.println("-".repeat(123));
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, fmt, r.kernel().name(), cell(r.weld()), cell(r.javaOffHeap()),
          cell(r.javaHeap()), r.gcc() == null ? "skipped" : cell(r.gcc()), ratio(r.weld(), r.javaOffHeap()),
          r.gcc() == null ? "-" : ratio(r.weld(), r.gcc()));
    }
    for (Row r : rows) {
      if (!r.kernel().javaNote().equals("same loop")) {
        System.out.println("  " + r.kernel().name() + ": java = " + r.kernel().javaNote());
      }
    }
    System.out.println();
    System.out.println("Compile time, ms (cold = after WeldModule.clearCache(); hit = same text again)");
    String cf = "%-16s | %8s | %9s | %7s | %8s | %8s | %7s | %7s | %8s%n";
    System.out.printf(Locale.ROOT, cf, "kernel", "cold", "front end", "verify", "optimize", "codegen", "link",
        "hit", "obj bytes");
    System.out.println("-".repeat(102));
    for (Row r : rows) {
      WeldRunner.CompileTimes c = r.compile();
      System.out.printf(Locale.ROOT, cf, r.kernel().name(), ms(c.coldNanos()), ms(c.frontEndNanos()),
          ms(c.stats().verifyNanos()), ms(c.stats().optimizeNanos()), ms(c.stats().codegenNanos()),
          ms(c.stats().linkNanos()), ms(c.hitNanos()), c.stats().objectBytes());
    }
  }

  private static String cell(Timings t) {
    return String.format(Locale.ROOT, "%8.2f (%7.2f)", t.bestMs(), t.medianMs());
  }

  private static String ratio(Timings a, Timings b) {
    return String.format(Locale.ROOT, "%.2f", a.bestMs() / b.bestMs());
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
