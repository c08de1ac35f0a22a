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
