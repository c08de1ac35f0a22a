package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.SparkSessions.withConf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import org.apache.spark.sql.execution.sparkweld.WeldShuffleExchangeExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark's shuffle exchanges with our buffered row serializer give vanilla Spark's rows through both of Spark's
 * shuffle writers (bypass-merge up to 200 partitions, the serialized sort beyond, which relocates records), with and
 * without adaptive execution, and exchanges are still reused.
 */
class ShuffleExchangeTest {
  private static final String JOIN_AGG = "select /*+ MERGE(d) */ d.name, count(*), sum(f.v), max(f.ks) from jfact f"
      + " join jdim d on f.k = d.k group by d.name";

  @BeforeAll
  static void tables() {
    JoinTables.register(SparkSessions.get());
  }

  private static long weldExchanges(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(n -> n instanceof WeldShuffleExchangeExec).count();
  }

  @Test
  void shufflesOfJoinsAndAggregatesUseTheBufferedRows() {
    DifferentialQueries.Result r = checkSame(JOIN_AGG);
    // Both sides of the sort-merge join and the aggregate's exchange.
    assertThat(weldExchanges(r.weldPlan())).as(r.weldPlan().treeString()).isGreaterThanOrEqualTo(3);
    withConf(Map.of("spark.weld.shuffle.enabled", "false"),
        () -> assertThat(weldExchanges(checkSame(JOIN_AGG).weldPlan())).isZero());
  }

  @Test
  void theSerializedSortShuffleRelocatesRecords() {
    // Beyond spark.shuffle.sort.bypassMergeThreshold (200) Spark sorts serialized records by partition.
    withConf(Map.of("spark.sql.shuffle.partitions", "257", "spark.sql.adaptive.coalescePartitions.enabled", "false"),
        () -> {
          assertThat(weldExchanges(checkSame(JOIN_AGG).weldPlan())).isPositive();
          checkSame("select ks, kd, count(*), sum(v) from jfact group by ks, kd");
        });
  }

  @Test
  void withoutAdaptiveExecution() {
    withConf(Map.of("spark.sql.adaptive.enabled", "false"), () -> {
      assertThat(weldExchanges(checkSame(JOIN_AGG).weldPlan())).isGreaterThanOrEqualTo(3);
      checkSame("select * from jfact distribute by kd");
    });
  }

  @Test
  void exchangesAreStillReused() {
    String sql = "with g as (select k, sum(v) as s from jfact group by k)"
        + " select a.k, a.s, b.s from g a join g b on a.k = b.k + 1";
    withConf(Map.of("spark.sql.autoBroadcastJoinThreshold", "-1"), () -> {
      SparkPlan plan = checkSame(sql).weldPlan();
      List<SparkPlan> nodes = PlanNodes.all(plan);
      assertThat(nodes.stream().filter(n -> n instanceof ReusedExchangeExec)).as(plan.treeString()).isNotEmpty();
      assertThat(weldExchanges(plan)).isPositive();
    });
  }
}
