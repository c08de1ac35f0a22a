package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkAllOnWeld;
import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.DifferentialQueries.checkSameError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.spark.exec.WeldStageExec;
import dev.sparkweld.spark.translate.AggOutput;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Aggregates after the exchange (final and partial-merge modes, grouping-only DISTINCT) as Weld stages: the kernel
 * merges the other tasks' buffers, Spark's own expressions evaluate the merged buffers once per group. Each query
 * must give vanilla Spark's rows or error, and the plan must hold a merging Weld stage.
 */
class FinalAggregatesTest {
  @BeforeAll
  static void tables() {
    EdgeTables.register(SparkSessions.get());
  }

  /** The Weld stages of the executed plan that merge buffers after an exchange. */
  private static List<WeldStageExec> mergingStages(SparkPlan plan) {
    return PlanNodes.all(plan).stream()
        .filter(n -> n instanceof WeldStageExec)
        .map(n -> (WeldStageExec) n)
        .filter(w -> w.plan().output() instanceof AggOutput && ((AggOutput) w.plan().output()).mergeAll())
        .collect(Collectors.toList());
  }

  private static void checkMerged(String sql) {
    SparkPlan plan = checkSame(sql).weldPlan();
    assertThat(mergingStages(plan)).as("merging Weld stage in\n%s", plan.treeString()).isNotEmpty();
  }

  @Test
  void groupedFinalAggregatesWithNullsAndAllNullGroups() {
    checkMerged("select g, count(*), count(i), sum(i), sum(l), avg(i), avg(l), sum(m), avg(m), min(m), max(m),"
        + " min(dt), max(dt), min(i), max(l) from edges group by g");
  }

  @Test
  void globalFinalAggregatesIncludingEmptyInput() {
    checkMerged("select count(*), sum(l), avg(m), min(dt), max(m) from edges");
    checkMerged("select count(*), count(i), sum(i), avg(m), max(m) from edges_empty");
    checkMerged("select count(*), sum(l), avg(m) from edges where id > 1000");
  }

  @Test
  void finalResultExpressionsOverAggregates() {
    checkMerged("select g, sum(m) * 2 + count(*) as x, avg(m) / 3 as y, max(l) - min(l) as z from edges group by g");
    checkMerged("select g + 1 as h, count(*) from edges group by g + 1");
  }

  @Test
  void nondeterministicResultExpressionsStayOnSpark() {
    // Spark's golden files (group-by.sql, postgreSQL/limit.sql): rand() over a final aggregate's groups.
    checkSame("select if(not(g is null), rand(0), 1) as r, count(*) as c from edges group by g is null");
    checkSame("select sum(i) as s1, sum(i) + random() * 0 as s2 from edges group by g order by g nulls first limit 3");
  }

  @Test
  void distinctAndGroupingOnlyAggregates() {
    checkMerged("select distinct g from edges");
    checkMerged("select distinct g, b from edges");
    checkSame("select g, count(distinct s) from edges group by g");
  }

  /** Every step of Spark's plan for a DISTINCT aggregate, including the one mixing partial and merge modes. */
  @Test
  void distinctAggregatesBesideOthersRunEveryStepOnWeld() {
    String[] queries = {
        "select g, count(distinct s) from edges group by g",
        "select count(distinct i) from edges",
        "select g, count(distinct i), sum(l), min(m), count(*) from edges group by g",
        "select b, sum(distinct i), avg(m), max(dt) from edges group by b",
        "select count(distinct g), sum(i), avg(l) from edges",
        "select g, avg(distinct m), count(distinct m), sum(m) from edges group by g"};
    for (String sql : queries) {
      SparkPlan plan = checkSame(sql).weldPlan();
      List<String> aggregatesOnSpark = PlanNodes.all(plan).stream()
          .filter(n -> n.nodeName().contains("HashAggregate")).map(n -> n.simpleString(200))
          .collect(Collectors.toList());
      assertThat(aggregatesOnSpark).as("aggregates left to Spark for %s", sql).isEmpty();
    }
  }

  @Test
  void decimalSumsAtMaximumPrecisionOverflowLikeSpark() {
    // ANSI (the default): two maximal DECIMAL(38,0) in one group overflow: Spark's error, from Spark's evaluation.
    checkSameError("select g, sum(y) from decimals group by g");
    checkSame("select g, sum(x), sum(y) from decimals where g <> 5 group by g");
    checkSameError("select g, avg(x) from decimals group by g");
    SparkSession spark = SparkSessions.get();
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      checkMerged("select g, sum(x), sum(y), avg(y) from decimals group by g");
      checkMerged("select sum(y), avg(y) from decimals");
    } finally {
      spark.conf().set("spark.sql.ansi.enabled", "true");
    }
  }

  @Test
  void manyGroupsGrowTheInputBeyondOneBatch() {
    SparkSession spark = SparkSessions.get();
    spark.conf().set("spark.weld.batchRows", "1024");
    try {
      checkMerged("select id % 5000 as k, count(*), sum(id), avg(id), min(id), max(id) from range(0, 40000, 1, 4)"
          + " group by id % 5000");
      checkMerged("select count(*), sum(id) from range(0, 40000, 1, 4)");
    } finally {
      spark.conf().unset("spark.weld.batchRows");
    }
  }

  @Test
  void nonAnsiLongSumsWrapLikeSpark() {
    SparkSession spark = SparkSessions.get();
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      checkMerged("select sum(l), count(*) from extremes");
      checkMerged("select id % 2 as k, sum(l) from extremes group by id % 2");
    } finally {
      spark.conf().set("spark.sql.ansi.enabled", "true");
    }
  }

  /** A GROUP BY without aggregate functions whose result computes over the keys (or drops some) merges on Weld. */
  @Test
  void groupingsWithoutFunctionsComputeTheirResultOverTheKeys() {
    for (String sql : List.of(
        "select g + 1, g * 2 from edges group by g",
        "select concat(s, '!'), length(s) from edges group by s",
        "select g from edges group by g, s",
        "select case when g > 1 then 'big' else 'small' end, dt from edges where id > 2 group by g, dt")) {
      DifferentialQueries.Result r = checkAllOnWeld(sql);
      assertThat(mergingStages(r.weldPlan())).as("merging Weld stage in\n%s", r.weldPlan().treeString()).isNotEmpty();
    }
  }

  /** FILTER (WHERE ...) clauses skip rows in the partial aggregate; a skipped row's arguments are not evaluated. */
  @Test
  void filterClausesSkipRowsInThePartialAggregate() {
    for (String sql : List.of(
        "select g, count(*) filter (where i > 2), sum(l) filter (where s like 'a%'), avg(d) filter (where b),"
            + " min(m) filter (where dt > date'1995-01-01'), max(i) filter (where i is null),"
            + " count(d) filter (where isnan(d)), sum(100 / i) filter (where i <> 0) from edges group by g",
        "select count(*) filter (where b), sum(m) filter (where b is null), avg(l) filter (where l > 1000)"
            + " from edges")) {
      checkAllOnWeld(sql);
    }
  }
}
