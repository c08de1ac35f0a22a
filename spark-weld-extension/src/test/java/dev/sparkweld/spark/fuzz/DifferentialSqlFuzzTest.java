package dev.sparkweld.spark.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.spark.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random SQL on vanilla Spark and with the extension must agree, query by query (see {@link FuzzOracle}).
 *
 * <p>A run is a range of epochs; epoch {@code e} generates new tables ({@link FuzzTables}, seed {@code e}) and
 * {@code spark.weld.fuzz.queries} queries over them ({@link QueryGen}, seed {@code e}); every third epoch runs with
 * ANSI mode off. Both sides run in sessions of their own ({@link FuzzOracle}). CI runs epochs 1-4 of 250 queries; a long run sets the range:
 * {@code -Dspark.weld.fuzz.epochs=1-40} (10,000 queries). Every difference is shrunk to a small query that still
 * differs and reported with its epoch, and the run also reports how many queries had a Weld stage in their plan
 * (a fuzzer whose queries all fall back tests nothing). The report is also written to
 * {@code target/fuzz-report.md}.
 */
class DifferentialSqlFuzzTest {
  static final String EPOCHS = "spark.weld.fuzz.epochs";
  static final String QUERIES = "spark.weld.fuzz.queries";
  private static final int MAX_SHRINK_CHECKS = 150;

  /** File-scan settings that make every small Parquet file its own partition (empty and skewed partitions). */
  private static final Map<String, String> SETTINGS = Map.of(
      "spark.sql.files.maxPartitionBytes", "2048",
      "spark.sql.files.openCostInBytes", "1024");

  @Test
  void randomQueriesGiveVanillaSparksRowsOrErrors() throws IOException {
    String[] range = System.getProperty(EPOCHS, "1-4").split("-");
    long first = Long.parseLong(range[0].trim());
    long last = range.length > 1 ? Long.parseLong(range[1].trim()) : first;
    int perEpoch = Integer.getInteger(QUERIES, 250);
    Stats stats = new Stats();
    long t0 = System.nanoTime();
    double queryingSeconds;
    // Sessions of their own: the shared session's settings and views stay as they are.
    try (FuzzOracle oracle = new FuzzOracle(SparkSessions.get())) {
      SETTINGS.forEach(oracle::set);
      for (long epoch = first; epoch <= last; epoch++) {
        boolean ansi = epoch % 3 != 0;
        oracle.set("spark.sql.ansi.enabled", Boolean.toString(ansi));
        FuzzTables.register(List.of(oracle.vanillaSession, oracle.weldSession), epoch,
            SparkSessions.targetDir().resolve("fuzz").toAbsolutePath().toString());
        QueryGen gen = new QueryGen(epoch);
        for (int q = 0; q < perEpoch; q++) {
          FuzzQuery query = gen.next();
          FuzzOracle.Verdict verdict = oracle.check(query.sql());
          stats.count(verdict);
          if (!verdict.agree()) {
            FuzzQuery small = FuzzQuery.shrink(query, smaller -> !oracle.check(smaller.sql()).agree(),
                MAX_SHRINK_CHECKS);
            String again = oracle.check(small.sql()).detail();
            stats.differences.add("epoch " + epoch + " query " + q + " (ansi " + ansi + "):\n  "
                + small.sql() + "\n  " + (again.isEmpty() ? "(agreed when checked again)" : again)
                .replace("\n", "\n  ") + "\n  original: " + query.sql() + "\n  first seen: "
                + verdict.detail().replace("\n", "\n  "));
          }
        }
        stats.errorRaces = oracle.errorRaces;
        stats.floatOrderRaces = oracle.floatOrderRaces;
        stats.outcomeRaces = oracle.outcomeRaces;
        System.out.printf("fuzz: epoch %d done, %s%n", epoch, stats.summary());
        // Written after every epoch too, so that a long run stopped early still leaves its report.
        Files.writeString(SparkSessions.targetDir().resolve("fuzz-report.md"),
            stats.report(first, epoch, perEpoch, (System.nanoTime() - t0) / 1e9, oracle.nanos / 1e9));
      }
      queryingSeconds = oracle.nanos / 1e9;
    }
    String report = stats.report(first, last, perEpoch, (System.nanoTime() - t0) / 1e9, queryingSeconds);
    System.out.println(report);
    Files.writeString(SparkSessions.targetDir().resolve("fuzz-report.md"), report);
    assertThat(stats.differences).as(report).isEmpty();
    // Guard against a generator drifting to queries that never reach Weld.
    assertThat(stats.weld).as("queries with a Weld stage").isGreaterThan(stats.queries / 4);
  }

  private static final class Stats {
    int queries;
    int weld;
    int bothFailed;
    final Map<String, Integer> errors = new TreeMap<>();
    final List<String> differences = new ArrayList<>();
    /** Of the queries failing alike, those where Spark's own error condition varied from run to run. */
    int errorRaces;
    /** Of the queries agreeing, those whose aggregated doubles vanilla Spark itself sums differently in another order. */
    int floatOrderRaces;
    /** Of the queries agreeing, those that failed on one side only and vanilla Spark did as Weld did when run again. */
    int outcomeRaces;

    void count(FuzzOracle.Verdict v) {
      queries++;
      if (v.weldStage()) {
        weld++;
      }
      if (v.agree() && v.vanillaError() != null) {
        bothFailed++;
        errors.merge(v.vanillaError(), 1, Integer::sum);
      }
    }

    String summary() {
      return String.format("%d queries, %d with a Weld stage, %d failing on both sides alike, %d differences",
          queries, weld, bothFailed, differences.size());
    }

    String report(long first, long last, int perEpoch, double seconds, double queryingSeconds) {
      StringBuilder out = new StringBuilder("# Differential SQL fuzzing\n\n");
      out.append(String.format("Epochs %d-%d, %d queries each: %s; %.0f%% of queries ran a Weld stage.%n%n",
          first, last, perEpoch, summary(), 100.0 * weld / Math.max(1, queries)));
      out.append(String.format("%.0f s in all, %.0f s of them running queries (both sides at once, shrinking "
          + "included), the rest generating tables.%n%n", seconds, queryingSeconds));
      out.append("Errors both sides raised alike: ").append(errors).append(String.format(" (in %d of these queries "
          + "partitions raise different errors, and vanilla Spark raised Weld's when run again: whichever task fails "
          + "first decides Spark's error)", errorRaces)).append("\n\n");
      out.append(String.format("Aggregated doubles differing as vanilla Spark's own do in another partitioning (sums "
          + "whose addends cancel, like 1e308 + x - 1e308): %d queries.%n%n", floatOrderRaces));
      out.append(String.format("Failing on one side only, vanilla Spark failing or not as Weld did when run again "
          + "(adaptive execution cancels a join side's stage once the other side is empty, unless a task failed "
          + "first): %d queries.%n%n", outcomeRaces));
      out.append("## Differences (").append(differences.size()).append(")\n\n");
      differences.forEach(d -> out.append("- ").append(d).append("\n"));
      return out.toString();
    }
  }
}
