package dev.sparkweld.examples.tpch;

import dev.sparkweld.spark.WeldExplainGenerator;
import dev.sparkweld.spark.WeldExtensions;
import dev.sparkweld.spark.tpch.TpchParquet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The one-command demo: TPC-H on vanilla Spark and on Weld in one local session. Generates the data on first use
 * (default scale factor 0.1, a few minutes from a fresh clone), runs each query with and without the extension
 * (interleaved, alternating which goes first, so drift in the machine affects both alike) and prints a side-by-side
 * table ({@link ResultTable}): median times, speedup, rows, whether the rows were identical, Weld stages and the
 * operators left to Spark with their fallback reasons, and the geometric mean of the speedups.
 *
 * <pre>examples/bin/tpch.sh [--sf 0.1] [--dir ./data/tpch-sf0.1] [--queries 1,6] [--warmup 1] [--iterations 3]
 *     [--baseline spark.weld.parquet.native=false,...]</pre>
 *
 * <p>{@code --baseline} compares Weld with Weld: the baseline side runs with the extension on and the given settings,
 * the other side with those keys at their defaults, interleaved the same way (an A/B of one feature, in one session).
 *
 * <p>Rows are compared as sorted text (the differential tests compare exactly). The query texts are the test
 * suite's ({@code spark-weld-extension/src/test/resources/tpch/queries}, one copy in the repository);
 * {@code --query-dir} points elsewhere.
 */
public final class TpchBenchmark {
  private record Options(double sf, Path dir, Path queryDir, List<Integer> queries, int warmup, int iterations,
      Map<String, String> baseline) {
    String baselineName() {
      return baseline.isEmpty() ? "vanilla" : "baseline";
    }
  }

  private TpchBenchmark() {}

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("tpch: " + e.getMessage());
      System.exit(64);
      return;
    }
    System.out.printf("TPC-H demo: scale factor %s, queries %s, %d warmup + %d timed runs per engine%n",
        TpchParquet.sfText(options.sf()), options.queries(), options.warmup(), options.iterations());
    if (!options.baseline().isEmpty()) {
      System.out.println("baseline: Weld with " + options.baseline() + "; compared: Weld with those keys at their"
          + " defaults");
    }
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("tpch-benchmark")
        .config("spark.sql.extensions", WeldExtensions.class.getName())
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    try {
      long t0 = System.nanoTime();
      if (!Files.isDirectory(options.dir()) || !Files.exists(options.dir().resolve("lineitem"))) {
        System.out.println("generating the tables into " + options.dir() + " (once; later runs reuse them)");
      }
      boolean generated = TpchParquet.generate(spark, options.sf(), options.dir(),
          line -> System.out.println("  generated " + line));
      System.out.printf("TPC-H sf %s %s %s in %.1f s%n", TpchParquet.sfText(options.sf()),
          generated ? "generated into" : "reused from", options.dir(), (System.nanoTime() - t0) / 1e9);
      TpchParquet.registerViews(spark, options.dir());

      List<QueryResult> results = new ArrayList<>();
      for (int q : options.queries()) {
        results.add(measure(spark, q, query(options.queryDir(), q), options));
      }
      ResultTable.print(results, String.format("TPC-H sf %s, local[2], median of %d runs, %d cores%s",
          TpchParquet.sfText(options.sf()), options.iterations(), Runtime.getRuntime().availableProcessors(),
          options.baseline().isEmpty() ? "" : ", baseline: Weld with " + options.baseline()),
          options.baselineName(), System.out);
    } finally {
      spark.stop();
    }
  }

  private static QueryResult measure(SparkSession spark, int q, String sql, Options options) {
    System.out.printf("q%-2d ", q);
    System.out.flush();
    Run baseline = null;
    Run weld = null;
    for (int i = 0; i < options.warmup(); i++) {
      baseline = run(spark, sql, false, options.baseline());
      weld = run(spark, sql, true, options.baseline());
      progress("w");
    }
    long[] baselineMs = new long[options.iterations()];
    long[] weldMs = new long[options.iterations()];
    for (int i = 0; i < options.iterations(); i++) {
      // Alternate which engine goes first, so neither always runs on the other's warmed caches.
      boolean weldFirst = i % 2 == 1;
      Run first = run(spark, sql, weldFirst, options.baseline());
      Run second = run(spark, sql, !weldFirst, options.baseline());
      baseline = weldFirst ? second : first;
      weld = weldFirst ? first : second;
      baselineMs[i] = baseline.millis;
      weldMs[i] = weld.millis;
      progress(".");
    }
    Map<String, Integer> fallbacks = new TreeMap<>();
    int stages = 0;
    for (String line : CollectionConverters.asJava(WeldExplainGenerator.describe(weld.plan))) {
      // "Weld stage: ...", "Weld join stage: ...", "Weld sort: ...", "Weld top-N: ..."; the rest are fallbacks.
      if (line.startsWith("Weld ") && !line.contains(" on Spark: ")) {
        stages++;
      } else {
        fallbacks.merge(line.replaceFirst(" on Spark: ", ": "), 1, Integer::sum);
      }
    }
    QueryResult r = new QueryResult(q, median(baselineMs), median(weldMs), baseline.rows.size(),
        sameRows(baseline.rows, weld.rows), stages, fallbacks);
    System.out.printf(" %s %6d ms  weld %6d ms  %5.2fx  %s%n", options.baselineName(), r.baselineMs(), r.weldMs(),
        r.speedup(), r.identical() ? "identical" : "ROWS DIFFER");
    return r;
  }

  private static void progress(String mark) {
    System.out.print(mark);
    System.out.flush();
  }

  private static final class Run {
    final long millis;
    final List<Row> rows;
    final SparkPlan plan;

    Run(long millis, List<Row> rows, SparkPlan plan) {
      this.millis = millis;
      this.rows = rows;
      this.plan = plan;
    }
  }

  /** One run of the measured side ({@code weld}) or of the baseline (vanilla Spark, or Weld with {@code baseline}). */
  private static Run run(SparkSession spark, String sql, boolean weld, Map<String, String> baseline) {
    spark.conf().set("spark.weld.enabled", Boolean.toString(weld || !baseline.isEmpty()));
    baseline.forEach((k, v) -> {
      if (weld) {
        spark.conf().unset(k);
      } else {
        spark.conf().set(k, v);
      }
    });
    long t0 = System.nanoTime();
    Dataset<Row> df = spark.sql(sql);
    List<Row> rows = df.collectAsList();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    return new Run(millis, rows, df.queryExecution().executedPlan());
  }

  private static boolean sameRows(List<Row> a, List<Row> b) {
    if (a.size() != b.size()) {
      return false;
    }
    return sortedText(a).equals(sortedText(b));
  }

  private static List<String> sortedText(List<Row> rows) {
    List<String> text = new ArrayList<>();
    rows.forEach(r -> text.add(r.toString()));
    text.sort(null);
    return text;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String query(Path queryDir, int n) throws IOException {
    Path file = queryDir.resolve("q" + n + ".sql");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no TPC-H query " + n + " at " + file + " (--query-dir)");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static Options parse(String[] args) {
    double sf = 0.1;
    Path dir = null;
    Path queryDir = Path.of("spark-weld-extension", "src", "test", "resources", "tpch", "queries");
    List<Integer> queries = new ArrayList<>();
    int warmup = 1;
    int iterations = 3;
    Map<String, String> baseline = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--sf":
          sf = Double.parseDouble(required(args[i], value));
          i++;
          break;
        case "--dir":
          dir = Path.of(required(args[i], value));
          i++;
          break;
        case "--query-dir":
          queryDir = Path.of(required(args[i], value));
          i++;
          break;
        case "--queries":
          for (String q : required(args[i], value).split(",")) {
            int n = Integer.parseInt(q.trim());
            if (n < 1 || n > 22) {
              throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + n);
            }
            queries.add(n);
          }
          i++;
          break;
        case "--warmup":
          warmup = Integer.parseInt(required(args[i], value));
          i++;
          break;
        case "--iterations":
          iterations = Integer.parseInt(required(args[i], value));
          i++;
          break;
        case "--baseline":
          for (String kv : required(args[i], value).split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || !kv.startsWith("spark.")) {
              throw new IllegalArgumentException("--baseline takes spark.key=value pairs, not " + kv);
            }
            baseline.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
          }
          i++;
          break;
        case "--help":
          System.out.println("examples/bin/tpch.sh [--sf 0.1] [--dir PATH] [--queries 1,6] [--warmup 1]"
              + " [--iterations 3] [--query-dir PATH] [--baseline spark.key=value,...]");
          System.exit(0);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]
              + " (--sf N, --dir PATH, --query-dir PATH, --queries 1,6, --warmup N, --iterations N,"
              + " --baseline spark.key=value,...)");
      }
    }
    if (queries.isEmpty()) {
      for (int q = 1; q <= 22; q++) {
        queries.add(q);
      }
    }
    if (iterations < 1 || warmup < 0) {
      throw new IllegalArgumentException("--iterations must be >= 1 and --warmup >= 0");
    }
    if (dir == null) {
      dir = Path.of("data", "tpch-sf" + TpchParquet.sfText(sf));
    }
    return new Options(sf, dir.toAbsolutePath(), queryDir.toAbsolutePath(), queries, warmup, iterations, baseline);
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
