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
    Future<Run> pending = vanillaThread.submit(() -> run(vanillaSession, sql, false));
    Run weld = run(weldSession, sql, true);
    Run vanilla;
    try {
      vanilla = pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the vanilla side ran", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the vanilla side crashed", e.getCause());
    }
    nanos += System.nanoTime() - t0;
    return compare(vanilla, weld);
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
