package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkAllOnWeld;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expressions Spark's planner and users put around floats and orderings, on Weld and against vanilla Spark: the
 * normalization of float grouping keys (NaN to one NaN, -0.0 to 0.0), ISNAN, GREATEST/LEAST (Spark's order: NaN
 * above every number, -0.0 equal to 0.0 so the first stays; strings as bytes; nulls skipped), min/max of booleans.
 * Each query must run with no computing operator left to Spark. Tables: {@link EdgeTables} (NaN, -0.0, infinities,
 * nulls in every column, a group of nulls only).
 */
class FloatKeysAndExtremaTest {
  @BeforeAll
  static void tables() {
    EdgeTables.register(SparkSessions.get());
  }

  @Test
  void floatGroupingKeysAreNormalized() {
    DifferentialQueries.Result r = checkAllOnWeld("select d, count(*), sum(id), max(i) from edges group by d");
    // NaN twice and -0.0 with 0.0 make one group each; the null group stays.
    assertThat(r.weldRows()).hasSize(12);
    checkAllOnWeld("select cast(d as float) f, count(*) from edges group by cast(d as float)");
    checkAllOnWeld("select id, cast(d * 1e300 as float), cast(d / 3 as float) from edges where id <> 0");
    checkAllOnWeld("select g, d, count(*) from edges where id > 1 group by g, d");
    checkAllOnWeld("select count(distinct d), sum(distinct d) from edges");
  }

  @Test
  void isNanIsFalseForNull() {
    checkAllOnWeld("select id, isnan(d), isnan(cast(d as float)), isnan(d + 1) from edges where id <> 0");
    checkAllOnWeld("select g, count_if(isnan(d)), count(*) from edges where not isnan(d) or d is null group by g");
  }

  @Test
  void greatestAndLeastInSparksOrder() {
    checkAllOnWeld("select id, greatest(d, 0.5, -d), least(d, 0.5, -d), greatest(d, null), least(null, d, 1.0),"
        + " greatest(-d, d), least(d, -d), greatest(cast(d as float), cast(1 as float)) from edges where id <> 0");
    checkAllOnWeld("select id, greatest(i, l), least(i, l, g), greatest(m, 1.5), least(m, -m),"
        + " greatest(dt, date'1995-06-01'), least(dt, date'1995-06-01', null), greatest(s, 'b'),"
        + " least(s, 'b', 'über') from edges where id <> 0");
    checkAllOnWeld("select g, max(greatest(i, g)), sum(least(l, 45)) from edges group by g");
  }

  @Test
  void minAndMaxOfBooleans() {
    DifferentialQueries.Result r = checkAllOnWeld("select g, min(b), max(b), count(b) from edges group by g");
    assertThat(r.weldRows().toString()).contains("true").contains("false").contains("null");
    checkAllOnWeld("select min(b), max(b) from edges where id > 0");
    checkAllOnWeld("select min(b), max(b) from edges where g = 2");
  }
}
