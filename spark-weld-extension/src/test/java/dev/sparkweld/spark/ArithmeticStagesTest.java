package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.assertPlanUsesWeld;
import static dev.sparkweld.spark.DifferentialQueries.checkAllOnWeld;
import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.DifferentialQueries.checkSameError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Arithmetic inside Weld stages at the integer limits, in ANSI mode (Spark 4's default) and in LEGACY mode. */
class ArithmeticStagesTest {
  private static SparkSession spark;

  @BeforeAll
  static void tables() {
    spark = SparkSessions.get();
    EdgeTables.register(spark);
  }

  @Test
  void ansiOverflowRaisesSparksErrorThroughTheFallback() {
    assertThat(checkSameError("select abs(i) from extremes where id > 0")).isEqualTo("ARITHMETIC_OVERFLOW");
    assertThat(checkSameError("select l + 1 from extremes where id > 0")).isEqualTo("ARITHMETIC_OVERFLOW");
    assertThat(checkSameError("select sum(l) from extremes where l > 0")).isEqualTo("ARITHMETIC_OVERFLOW");
    assertPlanUsesWeld(checkSame("select abs(d), abs(i % 7), -(l % 5), d / 2 from extremes"
        + " where id > 2").weld());
  }

  /** Decimal casts that drop scale round half away from zero, as Spark's changePrecision does, then check precision. */
  @Test
  void decimalCastsDroppingScaleRoundLikeSpark() {
    String values = "(select id, cast(id * 0.005 - 2.5 as decimal(12, 3)) as m,"
        + " cast(id * 0.0000005 - 0.00025 as decimal(38, 7)) as w from range(0, 1001, 1, 3))";
    assertPlanUsesWeld(checkSame("select id, cast(m as decimal(11, 2)), cast(m as decimal(10, 0)),"
        + " cast(m as decimal(4, 1)), cast(w as decimal(38, 4)), cast(w as decimal(20, 6)), cast(w as decimal(9, 0))"
        + " from " + values + " where id % 2 = 0 or id % 5 = 0").weld());
    assertPlanUsesWeld(checkSame("select sum(cast(m as decimal(10, 1))), max(cast(w as decimal(30, 5))) from " + values
        + " where id > 3").weld());
    // Rounding up beyond the target precision: Spark's error in ANSI mode, null otherwise.
    assertThat(checkSameError("select cast(m + 97.5 as decimal(2, 0)) from " + values + " where id > 0"))
        .isEqualTo("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      assertPlanUsesWeld(checkSame("select id, cast(m + 97.5 as decimal(2, 0)), cast(w * 1000 as decimal(3, 1)) from "
          + values + " where id > 0").weld());
    } finally {
      spark.conf().unset("spark.sql.ansi.enabled");
    }
  }

  @Test
  void legacyModeWraps() {
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      assertPlanUsesWeld(checkSame("select abs(i), -i, l + 1, i * 2, i / 0, i % 0, d / 0 from extremes"
          + " where id > 0").weld());
      assertPlanUsesWeld(checkSame("select sum(l), sum(i), count(*) from extremes where id > 0").weld());
    } finally {
      spark.conf().unset("spark.sql.ansi.enabled");
    }
  }

  /**
   * Decimal additions whose exact result could pass 38 digits: Spark's result type keeps fewer fraction digits and
   * rounds half up. In aggregate stages the exact value is computed in 128 bits and rounded; a partition whose
   * values do not fit goes to Spark's plan (in ANSI mode Spark then raises its error, otherwise gives null).
   */
  @Test
  void decimalAdditionsRoundedToSparksResultScale() {
    // a: decimal(38, 18) with ties at the 6th fraction digit (the result type is decimal(38, 6)), b: decimal(38, 0).
    String values = "(select id % 7 as g, cast(id * 0.0000005 - 0.00025 as decimal(38, 18)) as a,"
        + " cast(id - 500 as decimal(38, 0)) as b from range(0, 1001, 1, 3))";
    DifferentialQueries.Result r = checkAllOnWeld("select g, sum(a + b), min(a - b), max(b - a), count(*) from "
        + values + " group by g");
    assertThat(PlanNodes.fallbacks(r.weldPlan())).isZero();
    assertThat(r.weldRows().toString()).containsPattern("-\\d+\\.\\d{6},"); // six fraction digits: decimal(38, 6)
    // Values past 128 bits at the larger scale (decimal(38, 0) maxima): those partitions are Spark's.
    String big = "select g, sum(x + y), max(x - y) from decimals where id > 0 group by g";
    assertThat(checkSameError(big)).isEqualTo("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      assertThat(PlanNodes.fallbacks(checkSame(big).weldPlan())).isPositive();
      assertThat(PlanNodes.fallbacks(checkSame("select g, sum(a + b) from " + values + " group by g").weldPlan()))
          .isZero();
    } finally {
      spark.conf().unset("spark.sql.ansi.enabled");
    }
    // Outside an aggregate the addition stays Spark's, with the reason.
    DifferentialQueries.Result rows = checkSame("select a + b from " + values + " where g = 3");
    assertThat(FallbackReport.computing(rows.weldPlan()).toString()).contains("with rounding");
  }

  /** Decimals of up to 18 digits cast to integers truncate toward zero; LEGACY wraps to the target as Spark does. */
  @Test
  void decimalsCastToIntegersTruncate() {
    String values = "(select id, cast(id * 1.25 - 500 as decimal(9, 2)) as n, cast(m * 97 as decimal(18, 3)) as w,"
        + " m from edges)";
    checkAllOnWeld("select id, cast(n as bigint), cast(n as int), cast(w as bigint), cast(m as bigint) from " + values
        + " where id <> 0");
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      checkAllOnWeld("select id, cast(w as int), cast(w as smallint), cast(n as tinyint) from " + values
          + " where id <> 0");
    } finally {
      spark.conf().unset("spark.sql.ansi.enabled");
    }
  }

  /** Sums and averages of small decimals, which Spark's optimizer computes over their unscaled longs. */
  @Test
  void smallDecimalAggregatesOverUnscaledLongs() {
    DifferentialQueries.Result r = checkAllOnWeld("select g, sum(cast(i as decimal(7, 2))),"
        + " avg(cast(l as decimal(8, 1))), count(*) from edges group by g");
    assertThat(r.weldPlan().toString()).containsIgnoringCase("unscaledvalue");
  }

  /** Integers (the long and int limits included) and booleans cast to their text, as Java's toString writes it. */
  @Test
  void integersAndBooleansCastToText() {
    for (String sql : List.of(
        "select id, cast(i as string), cast(l as string), concat('#', l, '/', i), cast(b as string) from edges"
            + " where id <> 0",
        "select id, cast(i as string), cast(l as string), cast(cast(id as tinyint) as string),"
            + " cast(cast(-id as smallint) as string), length(cast(l as string)) from extremes where id > 0",
        "select cast(l as string), count(*) from edges where id > 1 group by cast(l as string)")) {
      checkAllOnWeld(sql);
    }
  }
}
