package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.SparkSessions.withConf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.spark.exec.WeldStageExec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.sparkweld.ColumnBlockSerializer;
import org.apache.spark.sql.execution.sparkweld.WeldShuffleExchangeExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark's shuffle exchanges with our serializers (column blocks, or buffered rows where blocks cannot hold a type or
 * they are switched off) give vanilla Spark's rows through both of Spark's shuffle writers (bypass-merge up to 200
 * partitions, the serialized sort beyond, which relocates records), with and without adaptive execution, to Weld
 * stages and to Spark's operators; exchanges are still reused, and AQE sees rows, not blocks.
 */
class ShuffleExchangeTest {
  private static final String JOIN_AGG = "select /*+ MERGE(d) */ d.name, count(*), sum(f.v), max(f.ks) from jfact f"
      + " join jdim d on f.k = d.k group by d.name";

  // Every type a column block holds, nulls in each (group g=2 of edges is all null), NaN and -0.0, wide decimals.
  private static final String ALL_TYPES = "id, g, i, l, d, m, s, dt, b, cast(i as tinyint) as ti,"
      + " cast(i as smallint) as si, cast(d as float) as f, timestamp_seconds(id) as ts,"
      + " cast(m as decimal(30, 2)) as wide, cast(g as decimal(5, 1)) as narrow";

  @BeforeAll
  static void tables() {
    JoinTables.register(SparkSessions.get());
    EdgeTables.register(SparkSessions.get());
  }

  private static long weldExchanges(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(n -> n instanceof WeldShuffleExchangeExec).count();
  }

  private static long blockExchanges(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(n -> n instanceof WeldShuffleExchangeExec w
        && w.shuffleDependency().serializer() instanceof ColumnBlockSerializer).count();
  }

  /** Rows Weld stages of the executed plan read as column blocks. */
  private static long blockRows(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(PlanNodes::isWeld)
        .mapToLong(n -> n.metrics().get("blockRows").map(SQLMetric::value).getOrElse(() -> 0L)).sum();
  }

  @Test
  void columnBlocksCarryEveryTypeToSparkAndToWeldStages() {
    // Spark's side reads the blocks back as rows: the exchange is the last operator.
    for (String t : List.of("edges", "edges_mem")) {
      SparkPlan rows = checkSame("select /*+ REPARTITION(3, g) */ " + ALL_TYPES + " from " + t).weldPlan();
      assertThat(blockExchanges(rows)).as(rows.treeString()).isPositive();
    }
    // Weld's final aggregate and join stages copy the blocks' columns.
    String agg = "select g, b, s, count(*), sum(l), max(dt), min(ts), sum(m), sum(wide), max(d), min(f), sum(ti),"
        + " sum(si), max(narrow) from (select " + ALL_TYPES + " from edges) group by g, b, s";
    SparkPlan aggPlan = checkSame(agg).weldPlan();
    assertThat(blockExchanges(aggPlan)).isPositive();
    assertThat(blockRows(aggPlan)).as(aggPlan.treeString()).isPositive();
    String join = "select /*+ SHUFFLE_HASH(y) */ x.id, y.id, x.s, y.wide, y.ts from (select " + ALL_TYPES
        + " from edges) x join (select " + ALL_TYPES + " from edges) y on x.s = y.s and x.m <=> y.m";
    SparkPlan joinPlan = checkSame(join).weldPlan();
    assertThat(blockRows(joinPlan)).as(joinPlan.treeString()).isPositive();
    checkSame("select /*+ MERGE(d) */ f.k, d.name, f.v from jfact f left join jdim d on f.k = d.k");
    // Switched off, the same exchanges move rows.
    withConf(Map.of("spark.weld.shuffle.columnar", "false"), () -> {
      SparkPlan off = checkSame(agg).weldPlan();
      assertThat(weldExchanges(off)).isPositive();
      assertThat(blockExchanges(off)).isZero();
      assertThat(blockRows(off)).isZero();
    });
  }

  @Test
  void weldStagesAndSparkOperatorsPartitionAlikeOnEveryKeyType() {
    // The left side's exchange reads a Weld stage's kernel results in place (its partition ids computed over them),
    // the right side's reads rows of an in-memory relation: a key hashed differently would lose its matches.
    for (String key : List.of("g", "l", "d", "m", "s", "dt", "b", "ti", "si", "f", "ts", "wide", "narrow")) {
      String sql = "select /*+ MERGE(y) */ x.id, y.id, x." + key + " from (select " + ALL_TYPES
          + " from edges where id > 0) x join (select " + ALL_TYPES + " from edges_mem) y on x." + key + " = y." + key;
      // Without AQE too (no coalescing of the partitions read) for a few of them: the suite's time is budgeted.
      for (String adaptive : List.of("s", "d", "wide").contains(key) ? List.of("true", "false") : List.of("true")) {
        withConf(Map.of("spark.sql.adaptive.enabled", adaptive), () -> {
          DifferentialQueries.Result r = checkSame(sql);
          assertThat(r.vanilla()).as(sql).isNotEmpty();
          assertThat(blockExchanges(r.weldPlan())).as(r.weldPlan().treeString()).isGreaterThanOrEqualTo(2);
        });
      }
    }
  }

  /** Exchanges right over a Parquet scan, read through a Weld stage of their own (decoded by our reader). */
  private static long scanStages(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(n -> n instanceof WeldShuffleExchangeExec e
        && e.child() instanceof WeldStageExec w && w.child() instanceof FileSourceScanExec).count();
  }

  @Test
  void exchangesOverAScanReadItThroughAWeldStage() {
    // The scan side's partition ids are computed over the stage's results, the other side's over rows: a key
    // hashed differently loses its matches.
    for (String key : List.of("g", "l", "m", "s", "dt", "b")) {
      String sql = "select /*+ MERGE(y) */ x.id, y.id, x." + key + " from edges x join edges_mem y on x." + key
          + " = y." + key;
      DifferentialQueries.Result r = checkSame(sql);
      assertThat(r.vanilla()).as(sql).isNotEmpty();
      assertThat(scanStages(r.weldPlan())).as(r.weldPlan().treeString()).isOne();
    }
    String all = "select /*+ REPARTITION(3, s) */ * from edges";
    assertThat(scanStages(checkSame(all).weldPlan())).isOne();
    withConf(Map.of("spark.weld.shuffle.scanStages", "false"),
        () -> assertThat(scanStages(checkSame(all).weldPlan())).isZero());
  }

  @Test
  void adaptiveExecutionCountsRowsNotBlocks() {
    long rows = SparkSessions.get().table("jfact").count();
    for (String sql : List.of("select /*+ REPARTITION(3) */ * from jfact", "select * from jfact distribute by kd")) {
      DifferentialQueries.Result r = checkSame(sql);
      List<WeldShuffleExchangeExec> exchanges = PlanNodes.all(r.weldPlan()).stream()
          .filter(n -> n instanceof WeldShuffleExchangeExec).map(n -> (WeldShuffleExchangeExec) n).toList();
      assertThat(exchanges).hasSize(1);
      assertThat(blockExchanges(r.weldPlan())).isOne();
      assertThat(exchanges.get(0).runtimeStatistics().rowCount().get().longValue()).isEqualTo(rows);
    }
    // A LIMIT above a stage with more rows than blocks must not be dropped as if the stage had fewer rows.
    checkSame("select count(*) from (select * from (select /*+ REPARTITION(2) */ * from jfact) limit 5)");
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
