package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.assertPlanUsesWeld;
import static dev.sparkweld.spark.DifferentialQueries.checkSame;

import org.junit.jupiter.api.Test;

/**
 * Date fields and day arithmetic over every day of several centuries (leap years, century rules, dates before the
 * epoch and before year 1), in filter/project and aggregate stages.
 */
class DateStagesTest {
  private static final String DAYS =
      "(select id, date_add(date '1582-10-01', cast(id as int) * 3 - 250000) as d from range(0, 200000, 1, 4))";

  @Test
  void fieldsOfEveryKindOfDay() {
    assertPlanUsesWeld(checkSame("select id, year(d), month(d), day(d), quarter(d), dayofyear(d),"
        + " extract(year from d), extract(month from d), extract(day from d) from " + DAYS
        + " where id % 3 <> 1").weld());
  }

  @Test
  void dayArithmeticAndDifferences() {
    assertPlanUsesWeld(checkSame("select id, date_add(d, 40), date_sub(d, cast(id % 400 as int)), d - 7,"
        + " datediff(d, date '2000-02-29'), datediff(date '1970-01-01', d) from " + DAYS
        + " where id % 5 = 0").weld());
  }

  @Test
  void groupByDateFields() {
    assertPlanUsesWeld(checkSame("select year(d) as y, quarter(d) as q, count(*), min(d), max(dayofyear(d)) from "
        + DAYS + " group by year(d), quarter(d)").weld());
  }
}
