package dev.sparkweld.spark;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.sparkweld.spark.DifferentialQueries.assertPlanUsesWeld;
import static dev.sparkweld.spark.DifferentialQueries.checkSame;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** String expressions inside Weld stages (filters force a stage), on multi-byte UTF-8, empty and null strings. */
class StringStagesTest {
  @BeforeAll
  static void table() throws Exception {
    SparkSession spark = SparkSessions.get();
    String[] words = {"apple", "", "naïve café", "日本語テキスト", "a", "ab", "€uro", "zebra", "Apple", "appl", "a_b%c", "  padded  ",
        "Straße", "ΣΑΣ ΟΔΟΣ", "İstanbul", "ǅemal"};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(RowFactory.create((long) i, i % 11 == 0 ? null : words[i % words.length], i % 7));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType, false).add("s", DataTypes.StringType)
        .add("g", DataTypes.IntegerType);
    String dir = SparkSessions.targetDir().resolve("strings-table").toString();
    spark.createDataFrame(rows, schema).repartition(3).write().mode("overwrite").parquet(dir);
    spark.read().parquet(dir).createOrReplaceTempView("words");
  }

  @Test
  void substringCountsCharactersNotBytes() {
    assertPlanUsesWeld(checkSame("select id, substring(s, 2, 3), substring(s, 0, 2), substring(s, 1, 100),"
        + " substring(s, 4, 0), substring(s, 20, 2) from words where id >= 0").weld());
  }

  @Test
  void likeAndComparisonsUseSparksByteOrder() {
    assertPlanUsesWeld(checkSame("select id, s like 'ap%', s like '%e', s like '%本%', s < 'b', s >= 'naïve',"
        + " s = 'apple' from words where g <> 3").weld());
    assertPlanUsesWeld(checkSame("select g, count(*), count(s), min(length(s)) from words"
        + " where s like '%a%' or s is null group by g").weld());
  }

  @Test
  void groupByStringKeysWithNulls() {
    assertPlanUsesWeld(checkSame("select s, count(*), sum(id), max(g) from words where id % 2 = 0 group by s").weld());
  }

  @Test
  void likeWithSeveralPercentSegments() {
    assertPlanUsesWeld(checkSame("select id, s like '%a%e%', s like 'a%e', s like 'a%p%e', s like '%é%é%',"
        + " s not like '%p%l%', s like 'apple', s like '%', s like 'ap%%le' from words where g <> 6").weld());
  }

  @Test
  void singleColumnStages() {
    assertPlanUsesWeld(checkSame("select s from words where s like '%a%b%' or s like 'z%a'").weld());
  }

  @Test
  void likeWithUnderscoresAndEscapes() {
    assertPlanUsesWeld(checkSame("select id, s like 'a_p%', s like '_', s like '__', s like '%_e', s like '%本_',"
        + " s like 'na_ve', s like '%\\_%', s like '%!%%' escape '!', s like '_%_%_' from words where id >= 0").weld());
  }

  @Test
  void concatAndTrim() {
    assertPlanUsesWeld(checkSame("select id, concat(s, '-', s), concat('<', trim(s), '>'), ltrim(s), rtrim(s),"
        + " length(trim(concat('  ', s, ' '))) from words where id >= 0").weld());
  }

  @Test
  void upperAndLowerOfColumnsAreSparksOwnForEveryString() {
    // Of an input column, Spark's case mapping computes a column while rows are gathered: exact for every string
    // (ß becomes SS, a final sigma stays final, İ lowers to i and a combining dot), in filter/project stages too.
    DifferentialQueries.Result rows = checkSame("select id, upper(s), lower(s), length(upper(s)), upper(s) = lower(s)"
        + " from words where upper(s) like '%A%' or lower(s) like 'i%' or id % 5 = 0");
    assertPlanUsesWeld(rows.weld());
    assertThat(PlanNodes.fallbacks(rows.weldPlan())).isZero();
    assertThat(rows.weldRows().toString()).contains("STRASSE").contains("σας οδος").contains("NAÏVE CAFÉ");
    DifferentialQueries.Result grouped = checkSame("select upper(s), lower(s), count(*), sum(length(lower(s)))"
        + " from words group by upper(s), lower(s)");
    assertPlanUsesWeld(grouped.weld());
    assertThat(PlanNodes.fallbacks(grouped.weldPlan())).isZero();
  }

  @Test
  void stringFunctionsOfColumnsAreComputedBySparkWhileTheStageRunsOnWeld() {
    // Functions the kernels do not have, of input columns: Spark computes them as columns while gathering.
    DifferentialQueries.Result rows = checkSame("select id, initcap(s), replace(s, 'a', 'AA'), translate(s, 'ae', 'x'),"
        + " substring_index(s, ' ', 1), instr(s, 'p'), locate('a', s, 2), concat_ws('|', s, g, s), reverse(s),"
        + " ascii(s), soundex(s), levenshtein(s, 'apple'), octet_length(s), bit_length(s) from words"
        + " where reverse(s) like 'e%' or instr(s, 'é') > 0 or id % 7 = 0");
    assertPlanUsesWeld(rows.weld());
    // The whole filter and projection is one Weld stage: no Spark Project or Filter is left.
    assertThat(rows.weldPlan().treeString()).doesNotContain("Project [").doesNotContain("Filter (");
    assertThat(PlanNodes.fallbacks(rows.weldPlan())).isZero();
    DifferentialQueries.Result grouped = checkSame("select initcap(s), count(*), sum(octet_length(s)),"
        + " max(levenshtein(s, 'zebra')) from words group by initcap(s)");
    // The partial aggregate over the scan (its Parquet files decoded natively) groups by the derived column.
    assertThat(grouped.weldPlan().treeString()).contains("group by 1 keys, 3 buffer values, native Parquet input");
    assertThat(PlanNodes.fallbacks(grouped.weldPlan())).isZero();
  }

  @Test
  void upperAndLowerOfComputedStringsMapAsciiAndLeaveOtherStringsToSpark() {
    // ASCII words only: the kernels map them (no partition falls back).
    DifferentialQueries.Result ascii = checkSame("select g, upper(concat(s, 'x')), count(lower(trim(s))), count(*)"
        + " from words where s in ('apple', 'a', 'ab', 'zebra', 'Apple', 'appl', 'a_b%c', '  padded  ') or s is null"
        + " group by g, upper(concat(s, 'x'))");
    assertPlanUsesWeld(ascii.weld());
    assertThat(PlanNodes.fallbacks(ascii.weldPlan())).isZero();
    assertThat(ascii.weldRows().toString()).contains("ZEBRAX").contains("  PADDED  X").contains("A_B%CX");
    // With multi-byte words (naïve café, 日本語, €uro) partitions go to Spark's plan, and the rows stay Spark's.
    DifferentialQueries.Result all = checkSame("select g, count(*), sum(length(lower(concat(s, 'X'))))"
        + " from words group by g");
    assertPlanUsesWeld(all.weld());
    assertThat(PlanNodes.fallbacks(all.weldPlan())).isPositive();
  }
}
