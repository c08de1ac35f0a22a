package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.spark.exec.WeldSortExec;
import dev.sparkweld.spark.exec.WeldTakeOrderedExec;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ORDER BY (Spark's global sort after its range exchange) and ORDER BY ... LIMIT / OFFSET (top-N) on Weld kernels:
 * Spark's ordering of nulls (first/last independently of the direction), NaN (above everything, equal to itself),
 * -0.0 (equal to 0.0), strings (unsigned bytes) and decimals. Limits are placed where keys are unique, since both
 * engines may break ties differently.
 */
class SortStagesTest {
  @BeforeAll
  static void tables() {
    EdgeTables.register(SparkSessions.get());
  }

  private static void checkSorted(String sql, Class<?> node) {
    SparkPlan plan = checkSame(sql).weldPlan();
    assertThat(PlanNodes.all(plan)).as("%s in\n%s", node.getSimpleName(), plan.treeString())
        .anyMatch(node::isInstance);
  }

  @Test
  void orderByEveryTypeBothDirectionsAndNullOrderings() {
    for (String col : new String[] {"i", "l", "d", "m", "s", "dt", "b"}) {
      checkSorted("select * from edges order by " + col + ", id", WeldSortExec.class);
      checkSorted("select * from edges order by " + col + " desc, id", WeldSortExec.class);
      checkSorted("select * from edges order by " + col + " asc nulls last, id desc", WeldSortExec.class);
      checkSorted("select * from edges order by " + col + " desc nulls first, id", WeldSortExec.class);
    }
  }

  @Test
  void orderByExpressionsAndManyKeys() {
    checkSorted("select id, g, i from edges order by g desc nulls first, i % 3, length(s), id", WeldSortExec.class);
    checkSorted("select id % 7 as k, id from range(0, 5000, 1, 3) order by k desc, id", WeldSortExec.class);
  }

  @Test
  void topNWithLimitAndOffset() {
    checkSorted("select id, s from edges order by id desc limit 5", WeldTakeOrderedExec.class);
    checkSorted("select id, d from edges order by d desc nulls last, id limit 7", WeldTakeOrderedExec.class);
    checkSorted("select id, m * 2 as x from edges order by m, id limit 10 offset 3", WeldTakeOrderedExec.class);
    checkSorted("select id from range(0, 100000, 1, 4) order by id % 1000 desc, id limit 20",
        WeldTakeOrderedExec.class);
    checkSorted("select g, count(*) as c from edges group by g order by g nulls last limit 3",
        WeldTakeOrderedExec.class);
  }

  @Test
  void topNBeyondOneChunkKeepsOnlyTheFirstRowsOfEachChunk() {
    SparkSession spark = SparkSessions.get();
    spark.conf().set("spark.weld.batchRows", "1024");
    try {
      checkSorted("select id from range(0, 50000, 1, 2) order by (id * 7919) % 50000 limit 30",
          WeldTakeOrderedExec.class);
      checkSorted("select id from range(0, 30000, 1, 2) order by (id * 7919) % 30000 desc", WeldSortExec.class);
    } finally {
      spark.conf().unset("spark.weld.batchRows");
    }
  }

  @Test
  void emptyInputsSortToNothing() {
    // Adaptive execution replaces a sort over an empty exchange by an empty relation: nothing to sort.
    checkSame("select * from edges_empty order by i");
    checkSorted("select * from edges_empty where i > 0 order by s limit 3", WeldTakeOrderedExec.class);
    checkSorted("select * from edges where id > 1000 order by s limit 3", WeldTakeOrderedExec.class);
  }
}
