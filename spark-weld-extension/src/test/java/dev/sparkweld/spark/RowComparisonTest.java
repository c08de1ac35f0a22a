package dev.sparkweld.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The oracle's comparison itself, without Spark: what counts as the same result. */
class RowComparisonTest {
  private static final QueryShape UNORDERED = new QueryShape(false, null, new boolean[2]);
  private static final QueryShape TOLERANT_SECOND_COLUMN = new QueryShape(false, null, new boolean[] {false, true});

  private static Row row(Object... values) {
    return RowFactory.create(values);
  }

  private static boolean same(QueryShape shape, List<Row> a, List<Row> b) {
    return new RowComparison(shape).diff(a, b).isEmpty();
  }

  @Test
  void decimalsThatDifferOnlyInScaleAreDifferent() {
    assertThat(same(UNORDERED, List.of(row(new BigDecimal("1.0"), 1)), List.of(row(new BigDecimal("1.00"), 1))))
        .isFalse();
  }

  @Test
  void negativeZeroDiffersFromZeroAndNanEqualsNan() {
    assertThat(same(UNORDERED, List.of(row(-0.0, 1)), List.of(row(0.0, 1)))).isFalse();
    assertThat(same(UNORDERED, List.of(row(Double.NaN, 1)), List.of(row(Double.NaN, 1)))).isTrue();
  }

  @Test
  void onlyAggregatedDoublesGetTheRelativeTolerance() {
    double x = 1234.5678;
    double nearby = x * (1 + 1e-13);
    double far = x * (1 + 1e-10);
    assertThat(same(TOLERANT_SECOND_COLUMN, List.of(row("k", x)), List.of(row("k", nearby)))).isTrue();
    assertThat(same(TOLERANT_SECOND_COLUMN, List.of(row("k", x)), List.of(row("k", far)))).isFalse();
    assertThat(same(UNORDERED, List.of(row("k", x)), List.of(row("k", nearby)))).isFalse();
    assertThat(same(TOLERANT_SECOND_COLUMN, List.of(row("k", Double.NaN)), List.of(row("k", x)))).isFalse();
  }

  @Test
  void negativeAndPositiveZeroTieUnderOrderByButStillCompareExactly() {
    QueryShape byFirst = new QueryShape(true, List.of(0), new boolean[2]);
    // Spark's ordering has -0.0 == 0.0: either may come first (a fuzzer find), but the multiset must match.
    assertThat(same(byFirst, List.of(row(-0.0, 1), row(0.0, 2)), List.of(row(0.0, 2), row(-0.0, 1)))).isTrue();
    assertThat(same(byFirst, List.of(row(-0.0, 1), row(0.0, 2)), List.of(row(0.0, 1), row(-0.0, 2)))).isFalse();
    assertThat(same(byFirst, List.of(row(-1.0, 1), row(0.0, 2)), List.of(row(0.0, 2), row(-1.0, 1)))).isFalse();
  }

  @Test
  void valuesOfDifferentTypesDiffer() {
    assertThat(same(UNORDERED, List.of(row(1L, 1)), List.of(row(1, 1)))).isFalse();
  }

  @Test
  void unorderedResultsCompareAsMultisets() {
    assertThat(same(UNORDERED, List.of(row(1, "a"), row(2, "b")), List.of(row(2, "b"), row(1, "a")))).isTrue();
    assertThat(same(UNORDERED, List.of(row(1, "a"), row(1, "a"), row(2, "b")),
        List.of(row(1, "a"), row(2, "b"), row(2, "b")))).isFalse();
  }

  @Test
  void orderedResultsMayPermuteOnlyWithinTies() {
    QueryShape byFirst = new QueryShape(true, List.of(0), new boolean[2]);
    assertThat(same(byFirst, List.of(row(1, "a"), row(1, "b"), row(2, "c")),
        List.of(row(1, "b"), row(1, "a"), row(2, "c")))).isTrue();
    assertThat(same(byFirst, List.of(row(1, "a"), row(2, "c")), List.of(row(2, "c"), row(1, "a")))).isFalse();
    QueryShape strict = new QueryShape(true, null, new boolean[2]);
    assertThat(same(strict, List.of(row(1, "a"), row(1, "b")), List.of(row(1, "b"), row(1, "a")))).isFalse();
  }

  @Test
  void theDiffNamesTheRowsOnlyOneSideHas() {
    String diff = new RowComparison(UNORDERED).diff(List.of(row(1, "a"), row(2, "b")), List.of(row(1, "a")))
        .orElseThrow();
    assertThat(diff).contains("row counts differ: vanilla 2, weld 1").contains("only vanilla: [2, b]");
  }
}
