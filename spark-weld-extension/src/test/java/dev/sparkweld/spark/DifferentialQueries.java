package dev.sparkweld.spark;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;

/**
 * The differential oracle: a query must give the same result with the extension off ({@code spark.weld.enabled=false},
 * vanilla Spark planning, the expected side) and on (the actual side), in the shared session of {@link SparkSessions}.
 * How results compare (exact values, ties, the tolerance for floating-point aggregates) is described in
 * {@link RowComparison}.
 */
public final class DifferentialQueries {
  public static final String ENABLED = "spark.weld.enabled";

  private DifferentialQueries() {}

  /** Both sides of a passing comparison; {@code weld} is the collected Dataset, for plan assertions. */
  public record Result(List<Row> vanilla, Dataset<Row> weld, List<Row> weldRows) {
    public SparkPlan weldPlan() {
      return weld.queryExecution().executedPlan();
    }
  }

  /** Runs {@code sql} on vanilla Spark and with Weld enabled; fails with a readable diff unless the rows are the same. */
  public static Result checkSame(String sql) {
    SparkSession spark = SparkSessions.get();
    List<Row> vanilla;
    try {
      vanilla = collect(spark, spark.sql(sql), false);
    } catch (RuntimeException e) {
      throw new AssertionError("vanilla Spark failed (the query itself is wrong, or use checkSameError):\n" + sql, e);
    }
    Dataset<Row> weldDf = spark.sql(sql);
    List<Row> weld;
    try {
      weld = collect(spark, weldDf, true);
    } catch (RuntimeException e) {
      throw new AssertionError("vanilla Spark returned " + vanilla.size() + " rows but Weld failed:\n" + sql, e);
    }
    QueryShape shape = QueryShape.of(weldDf.queryExecution().analyzed());
    Optional<String> diff = new RowComparison(shape).diff(vanilla, weld);
    if (diff.isPresent()) {
      fail("results differ (vanilla Spark vs Weld) for\n%s\n%s\nWeld plan:\n%s", sql.strip(), diff.get(),
          weldDf.queryExecution().executedPlan().treeString());
    }
    return new Result(vanilla, weldDf, weld);
  }

  /**
   * Runs {@code sql} on both sides, expecting both to fail with the same error condition (e.g. ANSI
   * {@code ARITHMETIC_OVERFLOW}); returns that condition.
   */
  public static String checkSameError(String sql) {
    SparkSession spark = SparkSessions.get();
    RuntimeException vanilla = failure(() -> collect(spark, spark.sql(sql), false));
    if (vanilla == null) {
      fail("vanilla Spark did not fail on\n%s", sql);
    }
    RuntimeException weld = failure(() -> collect(spark, spark.sql(sql), true));
    if (weld == null) {
      fail("vanilla Spark failed with %s but Weld returned rows for\n%s", condition(vanilla), sql);
    }
    String expected = condition(vanilla);
    String actual = condition(weld);
    if (!expected.equals(actual)) {
      AssertionError error = new AssertionError("error conditions differ: vanilla " + expected + ", weld " + actual
          + " for\n" + sql);
      error.addSuppressed(vanilla);
      error.addSuppressed(weld);
      throw error;
    }
    return expected;
  }

  /**
   * {@link #checkSame}, and the Weld side's plan has a Weld stage and leaves no computing operator to Spark (data
   * movement and scans aside, see {@link FallbackReport#computing}).
   */
  public static Result checkAllOnWeld(String sql) {
    Result r = checkSame(sql);
    assertPlanUsesWeld(r.weld());
    Map<String, Integer> left = FallbackReport.computing(r.weldPlan());
    if (!left.isEmpty()) {
      fail("operators left to Spark %s for\n%s\nin\n%s", left, sql.strip(), r.weldPlan().treeString());
    }
    return r;
  }

  /** Fails unless the executed plan of {@code df} (collected already) contains a Weld stage. */
  public static void assertPlanUsesWeld(Dataset<Row> df) {
    SparkPlan plan = df.queryExecution().executedPlan();
    if (PlanNodes.all(plan).stream().noneMatch(PlanNodes::isWeld)) {
      fail("no Weld stage in the executed plan:\n%s", plan.treeString());
    }
  }

  /**
   * The error condition of a failure: the first {@link SparkThrowable} condition along the cause chain (task
   * failures reach the driver wrapped), else the class of the innermost cause.
   */
  public static String condition(Throwable failure) {
    Throwable innermost = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable && ((SparkThrowable) t).getCondition() != null) {
        return ((SparkThrowable) t).getCondition();
      }
      innermost = t;
    }
    return innermost.getClass().getName();
  }

  /**
   * Collects {@code df} with the extension on or off. Physical planning happens at the action, and adaptive execution
   * re-plans stages during it, so the key must hold for the whole collect.
   */
  private static List<Row> collect(SparkSession spark, Dataset<Row> df, boolean weld) {
    return withWeld(spark, weld, df::collectAsList);
  }

  private static <T> T withWeld(SparkSession spark, boolean weld, java.util.function.Supplier<T> action) {
    String previous = spark.conf().get(ENABLED, "true");
    spark.conf().set(ENABLED, Boolean.toString(weld));
    try {
      return action.get();
    } finally {
      spark.conf().set(ENABLED, previous);
    }
  }

  private static RuntimeException failure(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
