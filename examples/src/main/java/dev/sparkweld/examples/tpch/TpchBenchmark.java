package dev.sparkweld.examples.tpch;

import dev.sparkweld.spark.WeldExtensions;
import dev.sparkweld.spark.tpch.TpchParquet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * TPC-H on vanilla Spark and on Weld in one local session: per query, the median wall time of each engine
 * (runs interleaved, alternating which goes first, so drift in the machine affects both alike), their ratio, the geometric mean of the ratios,
 * and whether both engines returned the same rows (compared as sorted text; the tests compare exactly).
 *
 * <pre>examples/bin/tpch.sh [--sf 1] [--dir ./data/tpch-sf1] [--queries 1,6] [--warmup 1] [--iterations 3]</pre>
 *
 * <p>The query texts are the test suite's ({@code spark-weld-extension/src/test/resources/tpch/queries}, one copy
 * in the repository); {@code --query-dir} points elsewhere.
 */
public final class TpchBenchmark {
  private record Options(double sf, Path dir, Path queryDir, List<Integer> queries, int warmup, int iterations) {}

  private record Timing(int query, long vanillaMs, long weldMs, boolean sameRows, int rows) {
    double ratio() {
      return (double) weldMs / Math.max(1, vanillaMs);
    }
  }

  private TpchBenchmark() {}

  public static void main(String[] args) throws IOException {
    Options options = parse(args);
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("tpch-benchmark")
        .config("spark.sql.extensions", WeldExtensions.class.getName())
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    try {
      long t0 = System.nanoTime();
      boolean generated = TpchParquet.generate(spark, options.sf(), options.dir());
      System.out.printf("TPC-H sf %s %s %s in %.1f s%n", TpchParquet.sfText(options.sf()),
          generated ? "generated into" : "reused from", options.dir(), (System.nanoTime() - t0) / 1e9);
      TpchParquet.registerViews(spark, options.dir());

      List<Timing> timings = new ArrayList<>();
      for (int q : options.queries()) {
        timings.add(measure(spark, q, query(options.queryDir(), q), options));
      }
      print(timings);
    } finally {
      spark.stop();
    }
  }

  private static Timing measure(SparkSession spark, int q, String sql, Options options) {
    List<Row> vanillaRows = null;
    List<Row> weldRows = null;
    for (int i = 0; i < options.warmup(); i++) {
      vanillaRows = run(spark, sql, false).rows;
      weldRows = run(spark, sql, true).rows;
    }
    long[] vanilla = new long[options.iterations()];
    long[] weld = new long[options.iterations()];
    for (int i = 0; i < options.iterations(); i++) {
      // Alternate which engine goes first, so neither always runs on the other's warmed caches.
      boolean weldFirst = i % 2 == 1;
      Run first = run(spark, sql, weldFirst);
      Run second = run(spark, sql, !weldFirst);
      Run v = weldFirst ? second : first;
      Run w = weldFirst ? first : second;
      vanilla[i] = v.millis;
      weld[i] = w.millis;
      vanillaRows = v.rows;
      weldRows = w.rows;
    }
    Timing timing = new Timing(q, median(vanilla), median(weld), sameRows(vanillaRows, weldRows),
        vanillaRows == null ? 0 : vanillaRows.size());
    System.out.printf("q%-2d vanilla %7d ms  weld %7d ms  ratio %5.2f  %s%n", q, timing.vanillaMs(), timing.weldMs(),
        timing.ratio(), timing.sameRows() ? "same rows" : "ROWS DIFFER");
    return timing;
  }

  private static final class Run {
    final long millis;
    final List<Row> rows;

    Run(long millis, List<Row> rows) {
      this.millis = millis;
      this.rows = rows;
    }
  }

  private static Run run(SparkSession spark, String sql, boolean weld) {
    spark.conf().set("spark.weld.enabled", Boolean.toString(weld));
    long t0 = System.nanoTime();
    List<Row> rows = spark.sql(sql).collectAsList();
    return new Run((System.nanoTime() - t0) / 1_000_000, rows);
  }

  private static boolean sameRows(List<Row> a, List<Row> b) {
    if (a == null || b == null || a.size() != b.size()) {
      return a == b;
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

  private static void print(List<Timing> timings) {
    System.out.println();
    System.out.println("| query | vanilla ms | weld ms | weld/vanilla | rows | same rows |");
    System.out.println("|---|---:|---:|---:|---:|---|");
    double logSum = 0;
    boolean allSame = true;
    for (Timing t : timings) {
      System.out.printf("| q%d | %d | %d | %.3f | %d | %s |%n", t.query(), t.vanillaMs(), t.weldMs(), t.ratio(),
          t.rows(), t.sameRows() ? "yes" : "NO");
      logSum += Math.log(t.ratio());
      allSame &= t.sameRows();
    }
    System.out.printf("%ngeometric mean of weld/vanilla over %d queries: %.3f; results %s%n", timings.size(),
        Math.exp(logSum / Math.max(1, timings.size())), allSame ? "all matched" : "DIFFERED (see above)");
  }

  private static String query(Path queryDir, int n) throws IOException {
    Path file = queryDir.resolve("q" + n + ".sql");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no TPC-H query " + n + " at " + file + " (--query-dir)");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static Options parse(String[] args) {
    double sf = 1;
    Path dir = null;
    Path queryDir = Path.of("spark-weld-extension", "src", "test", "resources", "tpch", "queries");
    List<Integer> queries = new ArrayList<>();
    int warmup = 1;
    int iterations = 3;
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
            queries.add(Integer.parseInt(q.trim()));
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
        default:
          throw new IllegalArgumentException("unknown option " + args[i]
              + " (--sf N, --dir PATH, --query-dir PATH, --queries 1,6, --warmup N, --iterations N)");
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
    return new Options(sf, dir.toAbsolutePath(), queryDir.toAbsolutePath(), queries, warmup, iterations);
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
