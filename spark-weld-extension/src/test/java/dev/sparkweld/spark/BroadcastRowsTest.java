package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.SparkSessions.withConf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.catalyst.expressions.DynamicPruningExpression;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.sparkweld.WeldBroadcastExchangeExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broadcasts of joins a Weld stage probes carry rows ({@code spark.weld.join.broadcastRows.enabled}): every join
 * type still gives Spark's rows, Spark's own join reads the same broadcast when a partition falls back, and plans
 * with dynamic partition pruning (whose subquery reads Spark's relation) keep Spark's broadcast.
 */
class BroadcastRowsTest {
  @BeforeAll
  static void tables() {
    JoinTables.register(SparkSessions.get());
  }

  private static long rowBroadcasts(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(n -> n instanceof WeldBroadcastExchangeExec).count();
  }

  private static long fallbacks(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(n -> PlanNodes.isWeld(n) && n.metrics().contains("fallbacks"))
        .mapToLong(n -> (Long) n.metrics().apply("fallbacks").value()).sum();
  }

  private static final String[] QUERIES = {
      "select f.id, f.v, d.name, d.w from jfact f join jdim d on f.k = d.k",
      "select d.name, count(*), sum(f.v) from jfact f left join jdim d on f.ks = d.ks and d.w > f.v % 100"
          + " group by d.name",
      "select * from jfact f where f.kd in (select kd from jdim where w > 20)",
      "select * from jfact f where not exists (select 1 from jdim d where d.km = f.km)",
      "select /*+ BROADCAST(d) */ f.id, d.name from jdim d right join jfact f on d.k = f.k"};

  @Test
  void weldJoinsBuildFromTheBroadcastRows() {
    for (String sql : QUERIES) {
      SparkPlan plan = checkSame(sql).weldPlan();
      assertThat(rowBroadcasts(plan)).as(plan.treeString()).isPositive();
      assertThat(PlanNodes.all(plan).stream().anyMatch(n -> n.nodeName().equals("WeldJoinStage"))).isTrue();
    }
    withConf(Map.of("spark.weld.join.broadcastRows.enabled", "false"),
        () -> assertThat(rowBroadcasts(checkSame(QUERIES[0]).weldPlan())).isZero());
  }

  @Test
  void sparksJoinBuildsItsRelationFromTheRowsWhenAPartitionFallsBack() {
    for (String sql : QUERIES) {
      DifferentialQueries.Result expected = checkSame(sql);
      withConf(Map.of("spark.weld.memory.limit", "64"), () -> {
        // Both code-generated and interpreted Spark joins.
        for (String codegen : new String[] {"true", "false"}) {
          withConf(Map.of("spark.sql.codegen.wholeStage", codegen), () -> {
            Dataset<Row> df = SparkSessions.get().sql(sql);
            assertThat(new RowComparison(QueryShape.of(df.queryExecution().analyzed()))
                .diff(expected.vanilla(), df.collectAsList())).isEmpty();
            SparkPlan plan = df.queryExecution().executedPlan();
            assertThat(rowBroadcasts(plan)).isPositive();
            assertThat(fallbacks(plan)).isPositive();
          });
        }
      });
    }
  }

  @Test
  void eachKeysRowsMatchInSparksOrder() {
    // Sums of doubles depend on the order of their addends: (1e16 + 1) + 1 = 1e16, but 1 + (1 + 1e16) = 1e16 + 2.
    // Spark's relation lists a key's rows newest first; the Weld table must list them the same way.
    String path = SparkSessions.targetDir().resolve("joins/border").toAbsolutePath().toString();
    SparkSessions.get().sql("select * from values (1, 1e16D, 'a'), (1, 1.0D, 'b'), (1, 1.0D, 'c'),"
        + " (2, 1.0D, 'd'), (2, 1.0D, 'e'), (2, 1e16D, 'f'), (3, -1e16D, 'g'), (3, 1e16D, 'h'), (3, 1.5D, 'i')"
        + " as t(k, x, tag)").coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    SparkSessions.get().read().parquet(path).createOrReplaceTempView("border");
    for (String sql : new String[] {
        "select f.k, sum(b.x), count(*) from jfact f join border b on f.k = b.k group by f.k",
        "select f.id, sum(b.x) from jfact f join border b on f.k = b.k group by f.id",
        "select f.k, sum(b.x) from jfact f left join border b on f.k = b.k and b.tag < 'i' group by f.k"}) {
      assertThat(rowBroadcasts(checkSame(sql).weldPlan())).isPositive();
    }
  }

  @Test
  void plansWithDynamicPartitionPruningKeepSparksBroadcast() {
    String path = SparkSessions.targetDir().resolve("joins/jfact_by_k").toAbsolutePath().toString();
    SparkSessions.get().sql("select id, v, cast(k % 8 as int) as p from jfact where k is not null")
        .write().mode(SaveMode.Overwrite).partitionBy("p").parquet(path);
    SparkSessions.get().read().parquet(path).createOrReplaceTempView("jfact_by_k");
    String sql = "select f.id, f.v, d.name from jfact_by_k f join jdim d on f.p = d.k where d.w < 9";
    SparkPlan plan = checkSame(sql).weldPlan();
    assertThat(PlanNodes.all(plan).stream().anyMatch(n -> n.expressions().exists(
        e -> e.exists(x -> x instanceof DynamicPruningExpression)))).as(plan.treeString()).isTrue();
    assertThat(rowBroadcasts(plan)).isZero();
  }
}
