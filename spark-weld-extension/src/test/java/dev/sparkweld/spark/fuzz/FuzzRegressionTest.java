package dev.sparkweld.spark.fuzz;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.DifferentialQueries.checkSameError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.spark.SparkSessions;
import java.sql.Date;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Differences the SQL fuzzer found, shrunk, as plain differential tests (the fuzzer's epoch and query noted). */
class FuzzRegressionTest {
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("k", DataTypes.IntegerType)
      .add("i", DataTypes.IntegerType)
      .add("dt", DataTypes.DateType);

  @BeforeAll
  static void tables() {
    SparkSession spark = SparkSessions.get();
    List<Row> rows = List.of(
        RowFactory.create(1L, 1, 5, Date.valueOf("2000-01-01")),
        RowFactory.create(2L, 2, 7, Date.valueOf("2000-01-02")),
        // k + i overflows only on a row that `dt is not null` rejects: Spark evaluates the sum first anyway.
        RowFactory.create(3L, 3, Integer.MAX_VALUE, null));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark.createDataFrame(jsc.parallelize(rows, 2), SCHEMA).createOrReplaceTempView("fuzz_overflow_rdd");
    String path = SparkSessions.targetDir().resolve("fuzz-regression/overflow").toAbsolutePath().toString();
    spark.createDataFrame(rows, SCHEMA).write().mode("overwrite").parquet(path);
    spark.read().parquet(path).createOrReplaceTempView("fuzz_overflow_parquet");
  }

  /**
   * Epoch 7, query 240: an ANSI overflow in a filter's second conjunct on a row the first conjunct rejects. Spark's
   * generated filter evaluates IS NOT NULL conjuncts of attributes the other conjuncts do not use last, so it fails;
   * the stage evaluated the conjuncts left to right and returned rows (see FilterOrder). The partition then falls back
   * to Spark's plan, which must run as generated code too: interpreted, it short-circuits and returns rows.
   */
  @Test
  void filterConjunctsRaiseErrorsInSparksOrder() {
    for (String table : new String[] {"fuzz_overflow_rdd", "fuzz_overflow_parquet"}) {
      assertThat(checkSameError("select id from " + table + " where dt is not null and k <= k + i"))
          .isEqualTo("ARITHMETIC_OVERFLOW");
      assertThat(checkSameError("select id from " + table + " where k <= k + i and dt is not null"))
          .isEqualTo("ARITHMETIC_OVERFLOW");
      checkSame("select id from " + table + " where dt is not null and k <= k + 1");
    }
  }

  /**
   * Epoch 15, query 172 (ANSI off): {@code sum(distinct x)} over DECIMAL(38,18) values -MAX, 335.89, MAX. Spark adds in
   * row order and an overflow of the running sum is sticky (null, or an ANSI error) even when the total fits; the
   * stage summed exactly in 128 bits and returned the total. Now a sum whose positive or negative addends exceed the
   * precision hands the partition to Spark's plan.
   */
  @Test
  void decimalSumsOverflowingMidwayAreSparks() {
    SparkSession spark = SparkSessions.get();
    String max = "99999999999999999999999999999999999999";
    String path = SparkSessions.targetDir().resolve("fuzz-regression/midway").toAbsolutePath().toString();
    // One file, rows in this order: in group 1 the running sum passes the maximum before -MAX brings it back.
    spark.sql("select * from values (1, " + max + "BD), (1, 1BD), (1, -" + max + "BD), (2, -" + max + "BD),"
        + " (2, " + max + "BD), (2, 5BD), (3, 7BD), (3, 8BD) as t(k, x)").coalesce(1)
        .write().mode("overwrite").parquet(path);
    spark.read().parquet(path).createOrReplaceTempView("fuzz_midway");
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      checkSame("select k, sum(x) from fuzz_midway group by k");
      checkSame("select k, sum(distinct x), count(*) from fuzz_midway group by k");
      checkSame("select sum(x), avg(x) from fuzz_midway where k = 1");
      checkSame("select k, sum(x) from fuzz_midway where k = 3 group by k");
    } finally {
      spark.conf().set("spark.sql.ansi.enabled", "true");
    }
    assertThat(checkSameError("select k, sum(x) from fuzz_midway group by k")).isNotEmpty();
    checkSame("select k, sum(x), avg(x) from fuzz_midway where k <> 1 group by k");
  }

  /**
   * Epoch 12 (ANSI off): a BIGINT cast to DECIMAL(12,2) as a group key. The stage scaled the value before checking
   * its range, so values near the BIGINT limits wrapped into in-range decimals instead of becoming null.
   */
  @Test
  void integralToDecimalCastsCheckTheRangeBeforeScaling() {
    String values = "values (9223372036854775807L, 1), (-9223372036854775808L, 1), (92233720368547758L, 2),"
        + " (9999999999L, 2), (10000000000L, 2), (-9999999999L, 3), (12L, 3), (cast(null as bigint), 3) as t(l, k)";
    SparkSession spark = SparkSessions.get();
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      checkSame("select cast(l as decimal(12,2)) as d, k, count(*) from " + values
          + " group by cast(l as decimal(12,2)), k");
      checkSame("select cast(cast(l as decimal(20,0)) as decimal(12,2)) as d, count(*) from " + values
          + " group by 1");
    } finally {
      spark.conf().set("spark.sql.ansi.enabled", "true");
    }
    assertThat(checkSameError("select k, count(*) from " + values + " group by cast(l as decimal(12,2)), k"))
        .isNotEmpty();
  }
}
