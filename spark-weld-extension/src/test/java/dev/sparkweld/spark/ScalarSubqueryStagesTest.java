package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.DifferentialQueries.checkSameError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scalar subqueries read by Weld stages (TPC-H Q11, Q15, Q22): the stage's program takes the subquery's value as a
 * constant once Spark has run the subquery. Values of every supported type, null values (no subquery row, or a
 * null result), subqueries in filters, projections, aggregate inputs and join stages. Each query must run a Weld
 * stage that reads a subquery. Tables: {@link JoinTables}.
 */
class ScalarSubqueryStagesTest {
  @BeforeAll
  static void tables() {
    JoinTables.register(SparkSessions.get());
  }

  /** Same rows as vanilla Spark, and a Weld node of the plan reads a scalar subquery. */
  private static void check(String sql) {
    DifferentialQueries.Result r = checkSame(sql);
    List<SparkPlan> reading = PlanNodes.all(r.weldPlan()).stream()
        .filter(n -> PlanNodes.isWeld(n) && !n.subqueries().isEmpty()).collect(Collectors.toList());
    assertThat(reading).as("Weld nodes reading a subquery in\n%s", r.weldPlan().treeString()).isNotEmpty();
  }

  @Test
  void filtersCompareWithSubqueryValuesOfEveryType() {
    check("select k, count(*), sum(v) from jfact where v > (select avg(v) from jfact) group by k");
    check("select count(*), sum(v) from jfact where kl < (select max(kl) / 2 from jfact)");
    check("select k, count(*) from jfact where ks >= (select min(ks) from jfact where k > 40) group by k");
    check("select count(*), sum(v) from jfact where kd <= (select max(kd) from jdim)");
    check("select count(*), sum(v) from jfact where km > (select avg(km) from jdim)");
    check("select count(*) from jfact where cast(v as double) * 0.5 < (select stddev(w) from jdim)");
  }

  @Test
  void nullSubqueriesMakeTheirComparisonsNull() {
    // No row: the subquery is null; so is its max over an empty input.
    check("select count(*), sum(v) from jfact where v > (select max(w) from jdim where w < 0)");
    check("select count(*), sum(v) from jfact where not (v > (select max(w) from jdim_empty))");
    check("select k, sum(coalesce(v + (select max(w) from jdim_empty), -1)) from jfact group by k");
    check("select count(*) from jfact where ks = (select name from jdim where name is null limit 1)");
  }

  @Test
  void subqueriesInAggregateInputsAndSeveralPerStage() {
    check("select k, sum(v * (select max(w) from jdim)), max(v - (select min(v) from jfact)) from jfact"
        + " where v between (select min(w) from jdim) and (select max(w) * 10 from jdim) group by k");
    // The same subquery twice (Spark reuses it).
    check("select sum(v) from jfact where v > (select avg(w) from jdim) and v < (select avg(w) from jdim) * 40");
  }

  @Test
  void joinStagesReadSubqueriesToo() {
    // Q15's shape: the join keeps only the rows equal to a maximum computed by a subquery.
    check("select d.name, sum(f.v) from jfact f join jdim d on f.k = d.k"
        + " where d.w = (select max(w) from jdim) group by d.name");
    // Q22's shape: a filter by an average, below a join.
    check("select f.k, count(*) from jfact f join jdim d on f.k = d.k"
        + " where f.v > (select avg(v) from jfact where v > 100) group by f.k");
  }

  @Test
  void ansiErrorsInvolvingSubqueryValuesAreSparks() {
    assertThat(checkSameError("select sum(v * (select max(kl) from jfact) * 1000000) from jfact"))
        .isEqualTo("ARITHMETIC_OVERFLOW");
  }
}
