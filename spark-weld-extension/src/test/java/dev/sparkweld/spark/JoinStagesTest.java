package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.SparkSessions.withConf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.spark.exec.WeldStageExec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.BroadcastExchangeExec;
import org.apache.spark.sql.execution.joins.BroadcastHashJoinExec;
import org.apache.spark.sql.execution.sparkweld.PackedBroadcastExchangeExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hash joins fused into Weld stages give vanilla Spark's rows: every join type the stages probe, keys of each
 * supported type, null keys on both sides, build-side duplicates, empty build sides, extra join conditions, and
 * broadcast, shuffled-hash and sort-merge joins. Each query must also really run a join on Weld. Tables: {@link
 * JoinTables}.
 */
class JoinStagesTest {
  @BeforeAll
  static void tables() {
    JoinTables.register(SparkSessions.get());
  }

  /** Same rows as vanilla Spark, and the plan has a Weld join stage whose operators include {@code join}. */
  private static void checkJoin(String sql, String join) {
    DifferentialQueries.Result r = checkSame(sql);
    List<SparkPlan> stages = PlanNodes.all(r.weldPlan()).stream()
        .filter(n -> n.nodeName().equals("WeldJoinStage")).collect(Collectors.toList());
    assertThat(stages).as("Weld join stages in\n%s", r.weldPlan().treeString()).isNotEmpty();
    assertThat(stages.stream().map(s -> s.simpleString(100)).collect(Collectors.joining("\n"))).contains(join);
  }

  @Test
  void innerBroadcastJoinsEmitOneRowPerMatchIncludingBuildDuplicates() {
    checkJoin("select f.id, f.v, d.name, d.w from jfact f join jdim d on f.k = d.k", "BroadcastHashJoin");
    checkJoin("select d.name, count(*), sum(f.v), sum(d.w) from jfact f join jdim d on f.k = d.k group by d.name",
        "BroadcastHashJoin");
    checkJoin("select count(*), sum(f.v * d.w) from jfact f join jdim d on f.k = d.k where d.name is not null",
        "BroadcastHashJoin");
  }

  @Test
  void everySupportedKeyTypeMatchesLikeSpark() {
    for (String key : new String[] {"kl", "ks", "kd", "km"}) {
      checkJoin("select f.id, d.w, d." + key + " from jfact f join jdim d on f." + key + " = d." + key,
          "BroadcastHashJoin");
    }
    checkJoin("select f.id, d.w from jfact f join jdim d on f.k = d.k and f.ks = d.ks and f.kd = d.kd",
        "BroadcastHashJoin");
    // Keys that are expressions, on both sides.
    checkJoin("select f.id, d.w from jfact f join jdim d on f.k + 1 = d.k * 2", "BroadcastHashJoin");
  }

  @Test
  void extraJoinConditionsAreCheckedPerMatch() {
    checkJoin("select f.id, d.w from jfact f join jdim d on f.k = d.k and f.v % 5 > d.w % 5", "BroadcastHashJoin");
    checkJoin("select f.id, d.name from jfact f left join jdim d on f.k = d.k and d.w > f.v % 100",
        "BroadcastHashJoin");
  }

  @Test
  void outerJoinsKeepUnmatchedRowsWithNulls() {
    checkJoin("select f.id, f.k, d.name, d.w from jfact f left join jdim d on f.k = d.k", "BroadcastHashJoin");
    checkJoin("select d.name, count(*), count(d.w), sum(d.w) from jfact f left join jdim d on f.k = d.k"
        + " group by d.name", "BroadcastHashJoin");
    checkJoin("select /*+ BROADCAST(d) */ f.id, d.name, d.w from jdim d right join jfact f on d.k = f.k",
        "BroadcastHashJoin");
    checkJoin("select /*+ BROADCAST(d) */ f.id, d.name from jdim d right join jfact f on d.ks = f.ks and d.w < 90",
        "BroadcastHashJoin");
  }

  @Test
  void semiAndAntiJoinsTestExistenceOnly() {
    checkJoin("select * from jfact f where f.k in (select k from jdim where w > 20)", "LEFT SEMI");
    checkJoin("select * from jfact f where exists (select 1 from jdim d where d.k = f.k and d.w > f.v % 100)",
        "LEFT SEMI");
    checkJoin("select * from jfact f where not exists (select 1 from jdim d where d.k = f.k)", "LEFT ANTI");
    // Without a condition on build columns the table holds no build column, one entry per key (duplicates of the
    // build side dropped), on int, long and string keys.
    checkJoin("select * from jfact f where f.k in (select k from jdim)", "0 build columns");
    checkJoin("select * from jfact f where f.kl in (select kl from jdim)", "0 build columns");
    checkJoin("select * from jfact f where not exists (select 1 from jdim d where d.ks = f.ks)", "0 build columns");
    checkJoin("select * from jfact f where not exists (select 1 from jdim d where d.ks = f.ks and d.w > f.v % 50)",
        "LEFT ANTI");
  }

  @Test
  void existenceJoinsWithoutConditionBuildKeySets() {
    // Broadcast and partitioned (sort-merge as hash) builds, one and two keys, null keys on both sides, NOT IN.
    checkJoin("select * from jfact f where f.k in (select k from jdim)", "(key set)");
    checkJoin("select * from jfact f where not exists (select 1 from jdim d where d.ks = f.ks and d.kl = f.kl)",
        "(key set)");
    checkJoin("select * from jfact where k not in (select k from jdim where k is not null)", "(key set)");
    withConf(Map.of("spark.sql.autoBroadcastJoinThreshold", "-1"), () -> {
      checkJoin("select f.ks, count(*) from jfact f where exists (select 1 from jdim d where d.km = f.km)"
          + " group by f.ks", "(key set)");
      checkJoin("select * from jfact f where not exists (select 1 from jdim d where d.k = f.k and d.ks = f.ks)",
          "(key set)");
    });
    // A condition counts the matches that pass it: the table keeps its groups.
    for (String sql : new String[] {
        "select * from jfact f where exists (select 1 from jdim d where d.k = f.k and d.w < f.v % 70)",
        "select * from jfact f where not exists (select 1 from jdim d where d.k = f.k and d.w > f.v % 100)"}) {
      DifferentialQueries.Result r = checkSame(sql);
      assertThat(PlanNodes.all(r.weldPlan()).stream().filter(n -> n.nodeName().equals("WeldJoinStage"))
          .map(n -> n.simpleString(100))).as(sql).isNotEmpty().noneMatch(d -> d.contains("(key set)"));
    }
  }

  @Test
  void existsAndInUsedAsValuesProbeExistenceJoins() {
    // EXISTS / IN under OR: Spark plans an existence join whose `exists` column the filter above reads. Null keys on
    // both sides (jfact.k and jdim.k have nulls), a condition on build columns, an IN over strings, broadcast and
    // sort-merge (as a hash join).
    String[] queries = {
        "select * from jfact f where exists (select 1 from jdim d where d.k = f.k) or f.v > 900",
        "select f.id, f.v from jfact f where exists (select 1 from jdim d where d.k = f.k and d.w > f.v % 100)"
            + " or f.v < 10",
        "select f.ks, count(*), sum(f.v) from jfact f where f.ks in (select ks from jdim where w > 20) or f.v % 7 = 0"
            + " group by f.ks",
        "select count(*), sum(f.v) from jfact f"
            + " where (exists (select 1 from jdim d where d.kl = f.kl)) = (f.id % 3 = 0)"};
    for (String sql : queries) {
      checkJoin(sql, "EXISTENCE");
    }
    withConf(Map.of("spark.sql.autoBroadcastJoinThreshold", "-1"), () -> {
      for (String sql : queries) {
        checkJoin(sql, "EXISTENCE");
      }
    });
  }

  @Test
  void notInFollowsNullAwareSemantics() {
    withConf(KEEP_EMPTY_JOINS, () -> {
      // The build side has a null: no row qualifies.
      checkJoin("select * from jfact where k not in (select k from jdim)", "LEFT ANTI");
      // No null on the build side: rows with a null key are dropped, others kept unless found.
      checkJoin("select * from jfact where k not in (select k from jdim where k is not null)", "LEFT ANTI");
      // An empty build side keeps every row, null keys too.
      checkJoin("select * from jfact where k not in (select k from jdim_empty)", "LEFT ANTI");
    });
  }

  @Test
  void emptyBuildSidesGiveNoMatches() {
    withConf(KEEP_EMPTY_JOINS, () -> {
      checkJoin("select /*+ BROADCAST(d) */ f.id, d.name from jfact f join jdim_empty d on f.k = d.k",
          "BroadcastHashJoin");
      checkJoin("select /*+ BROADCAST(d) */ f.id, d.name from jfact f left join jdim_empty d on f.k = d.k",
          "BroadcastHashJoin");
    });
  }

  /** Adaptive execution would otherwise replace joins with an empty (or all-null-key) build side by their result. */
  private static final Map<String, String> KEEP_EMPTY_JOINS = Map.of("spark.sql.adaptive.optimizer.excludedRules",
      "org.apache.spark.sql.execution.adaptive.AQEPropagateEmptyRelation");

  @Test
  void severalJoinsFuseIntoOneStage() {
    checkJoin("select d2.name, count(*), sum(f.v) from jfact f join jdim d1 on f.k = d1.k"
        + " join jdim d2 on d1.w = d2.w * 2 where f.v > 10 group by d2.name", "BroadcastHashJoin");
  }

  @Test
  void shuffledHashJoinsBuildOneTablePerPartition() {
    withConf(Map.of("spark.sql.autoBroadcastJoinThreshold", "-1", "spark.sql.join.preferSortMergeJoin", "false"),
        () -> {
          checkJoin("select /*+ SHUFFLE_HASH(d) */ f.id, d.name from jfact f join jdim d on f.k = d.k",
              "ShuffledHashJoin");
          checkJoin("select /*+ SHUFFLE_HASH(d) */ d.name, count(*) from jfact f left join jdim d on f.ks = d.ks"
              + " group by d.name", "ShuffledHashJoin");
        });
  }

  @Test
  void sortMergeJoinsRunAsHashJoinsWhenTheirOrderIsNotNeeded() {
    withConf(Map.of("spark.sql.autoBroadcastJoinThreshold", "-1"), () -> {
      checkJoin("select d.name, count(*), sum(f.v) from jfact f join jdim d on f.k = d.k group by d.name",
          "SortMergeJoin");
      checkJoin("select f.id, d.name from jfact f left join jdim d on f.kd = d.kd and d.w > 10", "SortMergeJoin");
      checkJoin("select * from jfact f where exists (select 1 from jdim d where d.km = f.km)", "SortMergeJoin");
    });
  }

  @Test
  void sortMergeJoinsWhoseOrderSparkStillMergesStaySorted() {
    withConf(Map.of("spark.sql.autoBroadcastJoinThreshold", "-1"), () -> {
      // The full outer join stays Spark's sort-merge join and merges the inner join's output as it comes, through a
      // broadcast join that keeps its streamed order: the inner join must stay sorted (Spark's).
      DifferentialQueries.Result r = checkSame("select /*+ BROADCAST(d2) */ x.id, x.k, d2.name, d3.w from"
          + " (select f.id, f.k, f.ks from jfact f join jdim d on f.k = d.k) x join jdim d2 on x.ks = d2.ks"
          + " full outer join jdim d3 on x.k = d3.k");
      assertThat(r.weldPlan().treeString()).contains("FullOuter");
      // Q18's shape: the joins whose order the merge needed become Weld hash joins with it, so nothing needs it.
      checkJoin("select /*+ BROADCAST(d2) */ x.id, x.k, d2.name, d3.w from"
          + " (select f.id, f.k, f.ks from jfact f join jdim d on f.k = d.k) x join jdim d2 on x.ks = d2.ks"
          + " join jdim d3 on x.k = d3.k", "BroadcastHashJoin");
    });
  }

  /** The broadcast exchanges of {@code plan} (under their query stages), and whether each packs its rows. */
  private static List<Boolean> broadcastsPacked(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(n -> n instanceof BroadcastExchangeExec)
        .map(n -> n instanceof PackedBroadcastExchangeExec).collect(Collectors.toList());
  }

  @Test
  void broadcastsOfJoinsWeldProbesCarryPackedRows() {
    String sql = "select d.name, count(*), sum(f.v), sum(d.w) from jfact f join jdim d on f.ks = d.ks"
        + " where f.v > 5 group by d.name";
    checkJoin(sql, "BroadcastHashJoin");
    assertThat(broadcastsPacked(checkSame(sql).weldPlan())).containsExactly(true);
    // Not on vanilla Spark, nor with the key off.
    withConf(Map.of(DifferentialQueries.ENABLED, "false"), () -> {
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = SparkSessions.get().sql(sql);
      df.collect();
      assertThat(broadcastsPacked(df.queryExecution().executedPlan())).containsExactly(false);
    });
    withConf(Map.of("spark.weld.join.packedBroadcast.enabled", "false"), () ->
        assertThat(broadcastsPacked(checkSame(sql).weldPlan())).containsExactly(false));
    // Without adaptive execution the join stage packs its broadcast itself.
    withConf(Map.of("spark.sql.adaptive.enabled", "false"), () ->
        assertThat(broadcastsPacked(checkSame(sql).weldPlan())).containsExactly(true));
  }

  /** Per packed broadcast: whether its rows are deduplicated first (a Weld aggregate right under the exchange). */
  private static List<Boolean> broadcastsDistinct(SparkPlan plan) {
    return PlanNodes.all(plan).stream().filter(n -> n instanceof PackedBroadcastExchangeExec)
        .map(n -> n.children().head() instanceof WeldStageExec w && w.operators().head().equals("HashAggregate"))
        .collect(Collectors.toList());
  }

  @Test
  void keyOnlyBroadcastsCarryDistinctRows() {
    // jdim's keys ending in 3 come three times and one key is null: semi, anti, NOT IN (null-aware, with and
    // without a null on the build side), EXISTS as a value, and a condition on streamed columns only.
    withConf(KEEP_EMPTY_JOINS, () -> {
      for (String sql : new String[] {
          "select * from jfact f where f.k in (select k from jdim)",
          "select * from jfact f where not exists (select 1 from jdim d where d.ks = f.ks)",
          "select * from jfact where k not in (select k from jdim)",
          "select * from jfact where k not in (select k from jdim where k is not null)",
          "select * from jfact f where exists (select 1 from jdim d where d.k = f.k) or f.v > 900",
          "select * from jfact f where not exists (select 1 from jdim d where d.kl = f.kl and f.v % 3 = 0)"}) {
        assertThat(broadcastsDistinct(checkSame(sql).weldPlan())).as(sql).containsExactly(true);
      }
    });
    // A condition on a build column counts the rows that pass it, and an inner join needs them all.
    for (String sql : new String[] {
        "select * from jfact f where exists (select 1 from jdim d where d.k = f.k and d.w < f.v % 70)",
        "select f.id, d.w from jfact f join jdim d on f.k = d.k"}) {
      assertThat(broadcastsDistinct(checkSame(sql).weldPlan())).as(sql).containsExactly(false);
    }
    String in = "select * from jfact f where f.k in (select k from jdim)";
    withConf(Map.of("spark.weld.join.distinctBroadcast.enabled", "false"),
        () -> assertThat(broadcastsDistinct(checkSame(in).weldPlan())).containsExactly(false));
    // Without adaptive execution the join stage deduplicates its broadcast itself.
    withConf(Map.of("spark.sql.adaptive.enabled", "false"),
        () -> assertThat(broadcastsDistinct(checkSame(in).weldPlan())).containsExactly(true));
  }

  @Test
  void sparksOwnJoinReadsPackedRowsWhereNoStageTookIt() {
    // The broadcast is packed before the stage is planned; md5 (no Weld translation) in the join's keys or
    // condition leaves the join to Spark, whose relation is then built from the packed rows (with and without code
    // generation).
    for (String codegen : new String[] {"true", "false"}) {
      withConf(Map.of("spark.sql.codegen.wholeStage", codegen), () -> {
        for (String sql : new String[] {
            "select f.id, d.w from jfact f join jdim d on md5(f.ks) = md5(d.ks)",
            "select f.id, d.w from jfact f join jdim d on f.kl = d.kl and md5(d.name) < f.ks",
            "select f.id, d.name from jfact f left join jdim d on f.kl = d.kl and md5(d.name) > f.ks",
            "select f.id from jfact f where not exists (select 1 from jdim d where d.k = f.k and md5(d.ks) < f.ks)"}) {
          SparkPlan plan = checkSame(sql).weldPlan();
          assertThat(PlanNodes.all(plan)).as(plan.treeString())
              .anyMatch(n -> n instanceof BroadcastHashJoinExec)
              .anyMatch(n -> n instanceof PackedBroadcastExchangeExec);
        }
      });
    }
  }

  @Test
  void aJoinStageOverPackedRowsFallsBackToSparksPlan() {
    // 64 bytes of native memory: the table cannot be built, each partition runs Spark's plan over the packed rows.
    String sql = "select d.name, count(*), sum(f.v) from jfact f join jdim d on f.kl = d.kl group by d.name";
    DifferentialQueries.Result expected = checkSame(sql);
    withConf(Map.of("spark.weld.memory.limit", "64"), () -> {
      DifferentialQueries.Result r = checkSame(sql);
      assertThat(PlanNodes.fallbacks(r.weldPlan())).isPositive();
      assertThat(broadcastsPacked(r.weldPlan())).containsExactly(true);
      assertThat(r.weldRows()).containsExactlyInAnyOrderElementsOf(expected.vanilla());
    });
  }

  @Test
  void eachKeysMatchesComeInSparksOrder() {
    // Sums of doubles depend on the order of their addends: (1e16 + 1) + 1 = 1e16, but 1 + (1 + 1e16) = 1e16 + 2.
    // Spark's relation lists a key's rows newest first and the table is built from them in that order.
    String path = SparkSessions.targetDir().resolve("joins/border").toAbsolutePath().toString();
    SparkSessions.get().sql("select * from values (1, 1e16D, 'a'), (1, 1.0D, 'b'), (1, 1.0D, 'c'),"
        + " (2, 1.0D, 'd'), (2, 1.0D, 'e'), (2, 1e16D, 'f'), (3, -1e16D, 'g'), (3, 1e16D, 'h'), (3, 1.5D, 'i')"
        + " as t(k, x, tag)").coalesce(1).write().mode(org.apache.spark.sql.SaveMode.Overwrite).parquet(path);
    SparkSessions.get().read().parquet(path).createOrReplaceTempView("border");
    checkJoin("select f.k, sum(b.x), count(*) from jfact f join border b on f.k = b.k group by f.k",
        "BroadcastHashJoin");
    checkJoin("select f.id, sum(b.x) from jfact f join border b on f.k = b.k group by f.id", "BroadcastHashJoin");
    checkJoin("select f.k, sum(b.x) from jfact f left join border b on f.k = b.k and b.tag < 'i' group by f.k",
        "BroadcastHashJoin");
  }
}
