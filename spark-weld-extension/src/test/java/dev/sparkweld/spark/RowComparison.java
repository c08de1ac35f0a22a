package dev.sparkweld.spark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Compares two query results, expected (vanilla Spark) against actual (Weld), and describes the difference.
 *
 * <p>Values compare exactly: decimals with {@link BigDecimal#equals} (scale included), doubles and floats bit for
 * bit (NaN equals NaN, -0.0 differs from 0.0), nested rows and arrays element by element. The one exception is a
 * floating-point column computed from an aggregate ({@link QueryShape#aggregatedFloatColumns()}): summing doubles in
 * a different order (other partial-aggregate boundaries, other merge order, SIMD lanes) legitimately changes the last
 * bits, so those values may differ by a relative {@value #AGGREGATE_RELATIVE_TOLERANCE}; NaN, infinities and nulls
 * must still match exactly.
 *
 * <p>Unordered results compare as multisets. Ordered results (a top-level ORDER BY) compare in order, except that
 * rows with equal ORDER BY keys may come in any order among themselves (both engines are free to break ties).
 */
public final class RowComparison {
  public static final double AGGREGATE_RELATIVE_TOLERANCE = 1e-12;
  private static final int MAX_REPORTED = 20;

  private final QueryShape shape;

  public RowComparison(QueryShape shape) {
    this.shape = shape;
  }

  /** Empty when the results are the same, else a readable description of the difference. */
  public Optional<String> diff(List<Row> expected, List<Row> actual) {
    if (expected.size() == actual.size()) {
      String mismatch = shape.ordered() ? compareOrdered(expected, actual) : compareGroup(expected, actual, 0);
      if (mismatch == null) {
        return Optional.empty();
      }
      return Optional.of(mismatch + "\n" + multisetDiff(expected, actual));
    }
    return Optional.of("row counts differ: vanilla " + expected.size() + ", weld " + actual.size() + "\n"
        + multisetDiff(expected, actual));
  }

  private String compareOrdered(List<Row> expected, List<Row> actual) {
    List<Integer> keys = shape.orderKeyColumns();
    int start = 0;
    while (start < expected.size()) {
      int end = start + 1;
      if (keys != null) {
        while (end < expected.size() && sameKeys(expected.get(start), expected.get(end), keys)) {
          end++;
        }
        for (int i = start; i < end; i++) {
          if (!sameKeys(expected.get(start), actual.get(i), keys)) {
            return "order differs at row " + i + ": vanilla " + expected.get(i) + ", weld " + actual.get(i);
          }
        }
      }
      String mismatch = compareGroup(expected.subList(start, end), actual.subList(start, end), start);
      if (mismatch != null) {
        return mismatch;
      }
      start = end;
    }
    return null;
  }

  /** Compares equal-sized groups as multisets: sorted by their exactly compared columns first. */
  private String compareGroup(List<Row> expected, List<Row> actual, int offset) {
    List<Row> e = sorted(expected);
    List<Row> a = sorted(actual);
    for (int i = 0; i < e.size(); i++) {
      if (!rowEquals(e.get(i), a.get(i))) {
        return (shape.ordered() ? "rows differ in the ORDER BY tie group starting at row " + offset
            : "rows differ (compared as multisets, sorted)") + ": vanilla " + e.get(i) + ", weld " + a.get(i);
      }
    }
    return null;
  }

  private List<Row> sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(this::sortKey));
    return copy;
  }

  /** Exact columns first, so a last-bit difference in a tolerant column cannot pair the wrong rows. */
  private String sortKey(Row row) {
    StringBuilder exact = new StringBuilder();
    StringBuilder tolerant = new StringBuilder();
    for (int i = 0; i < row.length(); i++) {
      (isTolerant(i) ? tolerant : exact).append(render(row.get(i))).append('\u0001');
    }
    return exact.append('\u0002').append(tolerant).toString();
  }

  /** Equal ORDER BY keys as Spark's ordering sees them: -0.0 equals 0.0 (and NaN equals NaN) there. */
  private boolean sameKeys(Row a, Row b, List<Integer> keys) {
    for (int k : keys) {
      Object x = a.get(k);
      Object y = b.get(k);
      if (x instanceof Double dx && y instanceof Double dy && (dx.doubleValue() == dy.doubleValue()
          || (dx.isNaN() && dy.isNaN()))) {
        continue;
      }
      if (x instanceof Float fx && y instanceof Float fy && (fx.floatValue() == fy.floatValue()
          || (fx.isNaN() && fy.isNaN()))) {
        continue;
      }
      if (!valueEquals(x, y, false)) {
        return false;
      }
    }
    return true;
  }

  private boolean rowEquals(Row a, Row b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (!valueEquals(a.get(i), b.get(i), isTolerant(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean isTolerant(int column) {
    boolean[] tolerant = shape.aggregatedFloatColumns();
    return column < tolerant.length && tolerant[column];
  }

  static boolean valueEquals(Object a, Object b, boolean tolerant) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double && b instanceof Double) {
      double x = (Double) a;
      double y = (Double) b;
      return Double.doubleToLongBits(x) == Double.doubleToLongBits(y) || (tolerant && close(x, y));
    }
    if (a instanceof Float && b instanceof Float) {
      float x = (Float) a;
      float y = (Float) b;
      return Float.floatToIntBits(x) == Float.floatToIntBits(y) || (tolerant && close(x, y));
    }
    if (a instanceof Row && b instanceof Row) {
      Row x = (Row) a;
      Row y = (Row) b;
      if (x.length() != y.length()) {
        return false;
      }
      for (int i = 0; i < x.length(); i++) {
        if (!valueEquals(x.get(i), y.get(i), tolerant)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof scala.collection.Seq && b instanceof scala.collection.Seq) {
      List<?> x = CollectionConverters.asJava((scala.collection.Seq<?>) a);
      List<?> y = CollectionConverters.asJava((scala.collection.Seq<?>) b);
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!valueEquals(x.get(i), y.get(i), tolerant)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof byte[] && b instanceof byte[]) {
      return Arrays.equals((byte[]) a, (byte[]) b);
    }
    // BigDecimal.equals compares the scale too: 1.0 and 1.00 differ, as they do in Spark's result types.
    return a.getClass() == b.getClass() && Objects.equals(a, b);
  }

  private static boolean close(double x, double y) {
    if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
      return false;
    }
    return Math.abs(x - y) <= AGGREGATE_RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
  }

  /** Rows (by their text) that one side has more often than the other. */
  private String multisetDiff(List<Row> expected, List<Row> actual) {
    Map<String, Integer> counts = new HashMap<>();
    expected.forEach(r -> counts.merge(render(r), 1, Integer::sum));
    actual.forEach(r -> counts.merge(render(r), -1, Integer::sum));
    StringBuilder out = new StringBuilder();
    int reported = 0;
    for (Map.Entry<String, Integer> entry : new java.util.TreeMap<>(counts).entrySet()) {
      int n = entry.getValue();
      if (n != 0 && reported++ < MAX_REPORTED) {
        out.append(n > 0 ? "  only vanilla" : "  only weld   ").append(Math.abs(n) > 1 ? " x" + Math.abs(n) : "")
            .append(": ").append(entry.getKey()).append('\n');
      }
    }
    if (reported == 0) {
      return "(same rows as text; the difference is in value types, bits or order)";
    }
    if (reported > MAX_REPORTED) {
      out.append("  ... ").append(reported - MAX_REPORTED).append(" more\n");
    }
    return out.toString();
  }

  /** A row's text with value types where Row.toString would hide them (1 vs 1L vs 1.0, decimal scales). */
  static String render(Object value) {
    if (value instanceof Row) {
      Row row = (Row) value;
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < row.length(); i++) {
        out.append(i == 0 ? "" : ", ").append(render(row.get(i)));
      }
      return out.append(']').toString();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString() + "BD";
    }
    if (value instanceof Long) {
      return value + "L";
    }
    if (value instanceof Float) {
      return value + "f";
    }
    if (value instanceof scala.collection.Seq) {
      List<String> items = new ArrayList<>();
      CollectionConverters.asJava((scala.collection.Seq<?>) value).forEach(v -> items.add(render(v)));
      return items.toString();
    }
    return String.valueOf(value);
  }
}
