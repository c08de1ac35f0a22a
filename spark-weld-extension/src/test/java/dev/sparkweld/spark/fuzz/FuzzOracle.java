package dev.sparkweld.spark.fuzz;

import dev.sparkweld.spark.DifferentialQueries;
import dev.sparkweld.spark.PlanNodes;
import dev.sparkweld.spark.QueryShape;
import dev.sparkweld.spark.RowComparison;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one query on vanilla Spark and with the extension and says whether they agree: the same rows (compared by
 * {@link RowComparison}), or both failing with the same error condition ({@link DifferentialQueries#condition}).
 *
 * <p>The two sides are two sessions of the shared Spark context, one with {@code spark.weld.enabled=false}, and run
 * concurrently: planning and code generation are single-threaded per query, so this halves the wall time on two
 * cores. The caller registers the same tables and settings in both.
 */
final class FuzzOracle implements AutoCloseable {
  /** The comparison of one query's two runs. */
  record Verdict(boolean agree, String detail, boolean weldStage, String vanillaError) {
    static Verdict agree(boolean weldStage, String vanillaError) {
      return new Verdict(true, "", weldStage, vanillaError);
    }
  }

  final SparkSession vanillaSession;
  final SparkSession weldSession;
  private final ExecutorService vanillaThread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fuzz-vanilla");
    t.setDaemon(true);
    return t;
  });
  /** Wall time of the slower side per query, summed (planning, execution, collection), for the report. */
  long nanos;

  FuzzOracle(SparkSession shared) {
    this.vanillaSession = shared.newSession();
    this.weldSession = shared.newSession();
    vanillaSession.conf().set(DifferentialQueries.ENABLED, "false");
    weldSession.conf().set(DifferentialQueries.ENABLED, "true");
  }

  /** Sets a SQL key in both sessions. */
  void set(String key, String value) {
    vanillaSession.conf().set(key, value);
    weldSession.conf().set(key, value);
  }

  Verdict check(String sql) {
    long t0 = System.nanoTime();
    Run[] both = runBoth(sql);
    Run vanilla = both[0];
    Run weld = both[1];
    nanos += System.nanoTime() - t0;
    Verdict verdict = compare(vanilla, weld);
    if (!verdict.agree() && vanilla.error != null && weld.error != null) {
      return errorRace(sql, verdict, DifferentialQueries.condition(weld.error), weld.weldStage);
    }
    if (!verdict.agree() && vanilla.error == null && weld.error == null) {
      return floatOrder(sql, verdict, vanilla, weld);
    }
    if (!verdict.agree()) {
      return outcomeRace(sql, verdict, weld);
    }
    return verdict;
  }

  /** Queries that failed on one side only, vanilla Spark failing or not as Weld did when run again. */
  int outcomeRaces;

  /**
   * Whether a query fails at all can depend on timing too: adaptive execution runs the map stages of a join's sides
   * at once, and once one side is found empty the join is empty and the other side's stage is cancelled, unless one
   * of its tasks failed first (an ANSI overflow in a filter: vanilla Spark returned 0 rows 6 times and raised
   * ARITHMETIC_OVERFLOW 6 times in 12 runs of one query). Weld's outcome (the same error condition, or the same rows)
   * is accepted if vanilla Spark gives it in one of 6 more runs under the same load.
   */
  private Verdict outcomeRace(String sql, Verdict verdict, Run weld) {
    String weldCondition = weld.error == null ? null : DifferentialQueries.condition(weld.error);
    QueryShape shape = weld.error == null ? QueryShape.of(weld.df.queryExecution().analyzed()) : null;
    for (int i = 0; i < 6; i++) {
      Run again = runBoth(sql)[0];
      boolean same = weldCondition != null
          ? again.error != null && weldCondition.equals(DifferentialQueries.condition(again.error))
          : again.error == null && new RowComparison(shape).diff(again.rows, weld.rows).isEmpty();
      if (same) {
        outcomeRaces++;
        return Verdict.agree(weld.weldStage, weldCondition);
      }
    }
    return verdict;
  }

  /** Queries whose aggregated doubles differ as much as vanilla Spark's own do when its rows come in another order. */
  int floatOrderRaces;

  /**
   * A sum of doubles depends on the order of its addends beyond any relative tolerance when they cancel ({@code
   * 1e308 + x - 1e308} is 0 or x), and Spark's order is its hash tables' and partitions'. A difference confined to
   * aggregated floating-point columns is accepted if vanilla Spark itself gives other values there when the
   * shuffles cut the rows into other partitions; every other column must still match.
   */
  private Verdict floatOrder(String sql, Verdict verdict, Run vanilla, Run weld) {
    QueryShape shape = QueryShape.of(weld.df.queryExecution().analyzed());
    boolean[] floats = shape.aggregatedFloatColumns();
    boolean any = false;
    for (boolean f : floats) {
      any |= f;
    }
    if (!any || new RowComparison(shape).diff(masked(vanilla.rows, floats), masked(weld.rows, floats)).isPresent()) {
      return verdict;
    }
    String partitions = vanillaSession.conf().get("spark.sql.shuffle.partitions");
    String coalesce = vanillaSession.conf().get("spark.sql.adaptive.coalescePartitions.enabled");
    try {
      vanillaSession.conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
      for (String n : new String[] {"1", "3", "7"}) {
        vanillaSession.conf().set("spark.sql.shuffle.partitions", n);
        Run again = run(vanillaSession, sql, false);
        if (again.error == null && new RowComparison(shape).diff(vanilla.rows, again.rows).isPresent()) {
          floatOrderRaces++;
          return Verdict.agree(weld.weldStage, null);
        }
      }
    } finally {
      vanillaSession.conf().set("spark.sql.shuffle.partitions", partitions);
      vanillaSession.conf().set("spark.sql.adaptive.coalescePartitions.enabled", coalesce);
    }
    return verdict;
  }

  /** The rows with the flagged columns nulled. */
  private static List<Row> masked(List<Row> rows, boolean[] columns) {
    List<Row> out = new java.util.ArrayList<>(rows.size());
    for (Row row : rows) {
      Object[] values = new Object[row.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = i < columns.length && columns[i] ? null : row.get(i);
      }
      out.add(org.apache.spark.sql.RowFactory.create(values));
    }
    return out;
  }

  /** Both sides of `sql` at once: {vanilla, weld}. */
  private Run[] runBoth(String sql) {
    Future<Run> pending = vanillaThread.submit(() -> run(vanillaSession, sql, false));
    Run weld = run(weldSession, sql, true);
    try {
      return new Run[] {pending.get(), weld};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the vanilla side ran", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the vanilla side crashed", e.getCause());
    }
  }

  /** Queries whose two sides failed with different conditions that vanilla Spark also raises on a rerun. */
  int errorRaces;

  /**
   * When partitions fail with different errors, Spark reports whichever task fails first, so its condition depends
   * on timing (a filter raising ARITHMETIC_OVERFLOW on one partition's rows and NUMERIC_VALUE_OUT_OF_RANGE on
   * another's: seen 2 times in 50 with the two sides running at once). Weld's condition is accepted if vanilla
   * Spark raises it too: when run again, or on one of the final stage's partitions run on its own.
   */
  private Verdict errorRace(String sql, Verdict verdict, String weldCondition, boolean weldStage) {
    // Vanilla Spark again, under the same load as before (the Weld side beside it), then partition by partition.
    java.util.Set<String> vanillaConditions = new java.util.TreeSet<>();
    for (int i = 0; i < 3; i++) {
      Run again = runBoth(sql)[0];
      if (again.error != null) {
        vanillaConditions.add(DifferentialQueries.condition(again.error));
      }
    }
    vanillaConditions.addAll(partitionConditions(sql));
    if (vanillaConditions.contains(weldCondition)) {
      errorRaces++;
      return Verdict.agree(weldStage, weldCondition);
    }
    return verdict;
  }

  /** The error conditions vanilla Spark raises computing the query's final partitions one job each. */
  private List<String> partitionConditions(String sql) {
    List<String> out = new java.util.ArrayList<>();
    org.apache.spark.api.java.JavaRDD<org.apache.spark.sql.catalyst.InternalRow> rdd;
    try {
      rdd = vanillaSession.sql(sql).queryExecution().toRdd().toJavaRDD();
    } catch (Exception e) { // an earlier stage failed: that is the race itself, one more sample of it
      out.add(DifferentialQueries.condition(e));
      return out;
    }
    for (int p = 0; p < rdd.getNumPartitions(); p++) {
      try {
        rdd.mapPartitions(it -> {
          long n = 0;
          while (it.hasNext()) {
            it.next();
            n++;
          }
          return List.of(n).iterator();
        }).collectPartitions(new int[] {p});
      } catch (Exception e) {
        out.add(DifferentialQueries.condition(e));
      }
    }
    return out;
  }

  private static Verdict compare(Run vanilla, Run weld) {
    if (vanilla.error != null || weld.error != null) {
      if (vanilla.error == null) {
        return new Verdict(false, "vanilla returned " + vanilla.rows.size() + " rows, Weld failed: "
            + describe(weld.error), weld.weldStage, null);
      }
      String expected = DifferentialQueries.condition(vanilla.error);
      if (weld.error == null) {
        return new Verdict(false, "vanilla failed with " + describe(vanilla.error) + ", Weld returned "
            + weld.rows.size() + " rows", weld.weldStage, expected);
      }
      String actual = DifferentialQueries.condition(weld.error);
      return expected.equals(actual) ? Verdict.agree(weld.weldStage, expected)
          : new Verdict(false, "errors differ: vanilla " + describe(vanilla.error) + ", Weld "
              + describe(weld.error), weld.weldStage, expected);
    }
    QueryShape shape = QueryShape.of(weld.df.queryExecution().analyzed());
    Optional<String> diff = new RowComparison(shape).diff(vanilla.rows, weld.rows);
    return diff.map(d -> new Verdict(false, d, weld.weldStage, null))
        .orElseGet(() -> Verdict.agree(weld.weldStage, null));
  }

  private static final class Run {
    Dataset<Row> df;
    List<Row> rows;
    Exception error;
    boolean weldStage;
  }

  private static Run run(SparkSession session, String sql, boolean weld) {
    Run run = new Run();
    try {
      run.df = session.sql(sql);
      run.rows = run.df.collectAsList();
    } catch (Exception e) { // AnalysisException is a checked exception that Scala code throws undeclared
      run.error = e;
    }
    if (weld && run.df != null) {
      try {
        run.weldStage = PlanNodes.all(run.df.queryExecution().executedPlan()).stream().anyMatch(PlanNodes::isWeld);
      } catch (RuntimeException e) {
        run.weldStage = false; // planning itself failed; the error above says why
      }
    }
    return run;
  }

  private static String describe(Throwable t) {
    return DifferentialQueries.condition(t) + " (" + firstLine(t) + ")";
  }

  private static String firstLine(Throwable t) {
    Throwable inner = t;
    while (inner.getCause() != null && inner.getCause() != inner) {
      inner = inner.getCause();
    }
    String m = String.valueOf(inner.getMessage());
    int nl = m.indexOf('\n');
    return inner.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
  }

  @Override
  public void close() {
    vanillaThread.shutdownNow();
  }
}
