package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.spark.exec.WeldStageExec;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stages whose input is rows (after an exchange), read straight from the `UnsafeRow`s' slots: every value kind,
 * decimals of up to 18 digits and wider ones (negative, maximal, tiny), strings (empty, non-ASCII), nulls; and
 * filter/project stages whose output rows stream out of one reused row into operators that keep them (sort,
 * collect, a join's build side). Tables: {@link EdgeTables}.
 */
class RowInputStagesTest {
  @BeforeAll
  static void tables() {
    EdgeTables.register(SparkSessions.get());
  }

  /** Same rows as vanilla Spark, and a Weld stage of the plan read rows. */
  private static void checkRowInput(String sql) {
    DifferentialQueries.Result r = checkSame(sql);
    List<String> rowStages = PlanNodes.all(r.weldPlan()).stream()
        .filter(PlanNodes::isWeld).map(n -> n.simpleString(100)).filter(s -> s.contains("row input"))
        .collect(Collectors.toList());
    assertThat(rowStages).as("Weld stages over rows in\n%s", r.weldPlan().treeString()).isNotEmpty();
  }

  @Test
  void everyValueKindFromShuffledRows() {
    checkRowInput("select id, g, i, l, d, m, s, dt, b, m * 2, concat(s, '!'), i + l from"
        + " (select * from edges limit 100) where id <> 4");
    checkRowInput("select g, count(*), sum(m), max(dt), sum(d), count(b), count(s) from"
        + " (select * from edges limit 100) group by g");
  }

  @Test
  void wideDecimalsFromShuffledRows() {
    checkRowInput("select id, g, x, y, cast(x as decimal(38, 10)), y + 0 from (select * from decimals limit 100)"
        + " where g <> 5 or id = 7");
    checkRowInput("select g, sum(y), min(x), max(x), count(*) from"
        + " (select * from decimals limit 100) where g in (2, 3, 4) group by g");
    // Partial sums of decimal(38, x) are what final aggregates read after the exchange (wide, signed).
    checkRowInput("select g, sum(cast(x as decimal(32, 10))), sum(y / 3) from decimals where g in (3, 4) group by g");
  }

  @Test
  void streamedRowsKeptByTheOperatorsAboveAreTheirOwn() {
    // Sort, a join's build side and the collected result all hold many rows of one stage at once.
    // (A filter above a LIMIT cannot be pushed below it: the stage reads the limit's rows.)
    checkRowInput("select id, s, m from (select * from edges limit 100) where id > 2 order by s, id");
    checkRowInput("select a.id, b.id, a.s from (select * from edges limit 100) a"
        + " join (select * from edges limit 100) b on a.s = b.s where a.id > 1 and b.id < 15");
    checkRowInput("select id, concat('k', id % 97) as k from (select id from range(0, 200000) limit 150000)"
        + " where id % 3 <> 0");
  }

  /**
   * A filter/project stage's output appenders are sized by its input length, so that they never reallocate while a
   * batch is appended (the rows are still Spark's: checked against vanilla Spark first).
   */
  @Test
  void rowStageAppendersAreSizedByTheirInput() {
    DifferentialQueries.Result r = checkSame("select id, s, m * 2 from (select * from edges limit 100) where id <> 4");
    List<String> programs = PlanNodes.all(r.weldPlan()).stream()
        .filter(n -> n instanceof WeldStageExec).map(n -> ((WeldStageExec) n).plan().program())
        .filter(p -> !p.contains("merger")).collect(Collectors.toList());
    assertThat(programs).as("row stages in\n%s", r.weldPlan().treeString()).isNotEmpty();
    for (String program : programs) {
      int sized = 0;
      for (int at = program.indexOf("appender["); at >= 0; at = program.indexOf("appender[", at + 1)) {
        int end = at + "appender".length();
        int depth = 0;
        do {
          depth += program.charAt(end) == '[' ? 1 : program.charAt(end) == ']' ? -1 : 0;
          end++;
        } while (depth > 0);
        String builder = program.substring(at, end);
        if (builder.equals("appender[u8]")) continue; // the empty string constant
        assertThat(program.substring(end)).as("%s in\n%s", builder, program).startsWith("(len(c");
        sized++;
      }
      assertThat(sized).as(program).isPositive().isEven(); // per column: values and null flags
    }
  }
}
