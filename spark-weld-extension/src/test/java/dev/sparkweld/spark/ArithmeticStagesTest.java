package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.assertPlanUsesWeld;
import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.DifferentialQueries.checkSameError;
import static org.assertj.core.api.Assertions.assertThat;

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
}
