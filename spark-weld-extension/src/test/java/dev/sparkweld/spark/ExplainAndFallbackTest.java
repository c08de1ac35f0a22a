package dev.sparkweld.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sparkweld.spark.tpch.TpchData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What users see of the extension: EXPLAIN, fallback reasons, strict mode, and the executor-side fallback. */
class ExplainAndFallbackTest {
  private static SparkSession spark;

  @BeforeAll
  static void tables() {
    spark = TpchData.use(0.01);
  }

  private static <T> T withConf(String key, String value, Supplier<T> action) {
    String old = spark.conf().get(key, null);
    spark.conf().set(key, value);
    try {
      return action.get();
    } finally {
      if (old == null) {
        spark.conf().unset(key);
      } else {
        spark.conf().set(key, old);
      }
    }
  }

  private static SparkPlan executed(String sql) {
    Dataset<Row> df = spark.sql(sql);
    df.collectAsList();
    return df.queryExecution().executedPlan();
  }

  @Test
  void explainShowsWeldStagesTheirProgramAndFallbackReasons() {
    String q1 = TpchData.query(1);
    List<String> lines = scala.jdk.javaapi.CollectionConverters.asJava(
        WeldExplainGenerator.describe(executed(q1)));
    assertThat(lines).anyMatch(l -> l.startsWith("Weld stage: HashAggregate <- Project <- Filter"));
    // The final aggregate after the exchange is a Weld stage of its own.
    assertThat(lines).anyMatch(l -> l.startsWith("Weld stage: HashAggregate ("));
    assertThat(lines).anyMatch(l -> l.startsWith("Weld sort: sort by"));
    // Every step Spark plans for a DISTINCT aggregate beside another is a Weld stage; an aggregate function without a
    // translation stays on Spark and says so.
    List<String> distinct = scala.jdk.javaapi.CollectionConverters.asJava(WeldExplainGenerator.describe(executed(
        "select l_returnflag, count(distinct l_linestatus), sum(l_quantity) from lineitem group by l_returnflag")));
    assertThat(distinct).noneMatch(l -> l.startsWith("HashAggregate on Spark"))
        .filteredOn(l -> l.startsWith("Weld stage: HashAggregate")).hasSize(4);
    List<String> stddev = scala.jdk.javaapi.CollectionConverters.asJava(WeldExplainGenerator.describe(executed(
        "select l_returnflag, stddev(l_quantity) from lineitem group by l_returnflag")));
    assertThat(stddev).anyMatch(l -> l.startsWith("HashAggregate on Spark: aggregate function stddev"));
    // Aggregates Spark plans outside its hash aggregate say why they are Spark's too.
    assertThat(scala.jdk.javaapi.CollectionConverters.asJava(WeldExplainGenerator.describe(executed(
        "select l_returnflag, max(l_comment) from lineitem group by l_returnflag"))))
        .anyMatch(l -> l.startsWith("SortAggregate on Spark: sort-based aggregate"));
    assertThat(scala.jdk.javaapi.CollectionConverters.asJava(WeldExplainGenerator.describe(executed(
        "select l_returnflag, collect_set(l_linestatus) from lineitem group by l_returnflag"))))
        .anyMatch(l -> l.startsWith("ObjectHashAggregate on Spark: aggregate of object buffers"));
    String formatted = spark.sql("EXPLAIN FORMATTED " + q1).collectAsList().get(0).getString(0);
    assertThat(formatted).contains("WeldStage").contains("Weld program:").contains("dictmerger[");
  }

  @Test
  void strictModeAcceptsPlansWhoseFallbacksAllHaveReasons() {
    for (int q : new int[] {1, 3, 13, 16, 22}) {
      String sql = TpchData.query(q);
      Throwable t = withConf("spark.weld.strict", "true", () -> catchThrowable(() -> executed(sql)));
      assertThat(t).as("q%d", q).isNull();
    }
  }

  @Test
  void aStageThatCannotCompileOnTheExecutorRunsSparksPlan() throws Exception {
    // Code dumps into a path that is a file: the compile fails on the executor, after planning succeeded.
    Path notADirectory = Files.createTempFile("weld-dump", ".txt");
    String sql = TpchData.query(6);
    DifferentialQueries.Result expected = DifferentialQueries.checkSame(sql);
    SparkPlan plan = withConf("spark.weld.dump.dir", notADirectory.toString(), () -> {
      Dataset<Row> df = spark.sql(sql);
      assertThat(df.collectAsList()).isEqualTo(expected.vanilla());
      return df.queryExecution().executedPlan();
    });
    assertThat(PlanNodes.fallbacks(plan)).isPositive();
  }

  @Test
  void aKernelOverItsMemoryLimitHandsThePartitionToSpark() {
    String sql = TpchData.query(1);
    DifferentialQueries.Result expected = DifferentialQueries.checkSame(sql);
    SparkPlan plan = withConf("spark.weld.memory.limit", "64", () -> {
      Dataset<Row> df = spark.sql(sql);
      assertThat(df.collectAsList()).isEqualTo(expected.vanilla());
      return df.queryExecution().executedPlan();
    });
    assertThat(PlanNodes.fallbacks(plan)).isPositive();
  }
}
