package dev.sparkweld.spark.fuzz;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The random tables of one fuzzing epoch, registered as views:
 * <ul>
 *   <li>{@code t1}: Parquet, up to 300 rows in several files of very different sizes (some partitions empty);</li>
 *   <li>{@code t2}: Parquet, a smaller table sharing {@code t1}'s join key {@code k};</li>
 *   <li>{@code t3}: {@code t1}'s schema as an in-memory RDD (row input instead of column batches), skewed slices.</li>
 * </ul>
 * Values lean on the edges: nulls at a per-table rate, NaN, -0.0 and infinities, INT and BIGINT limits and
 * DECIMAL(38,18) at its largest magnitude (in one table in three), empty and non-ASCII strings with LIKE wildcards in them, dates at the ends of the range.
 * A table may be empty.
 */
final class FuzzTables {
  static final StructType WIDE = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("k", DataTypes.IntegerType)
      .add("i", DataTypes.IntegerType)
      .add("l", DataTypes.LongType)
      .add("d", DataTypes.DoubleType)
      .add("m", DataTypes.createDecimalType(10, 2))
      .add("x", DataTypes.createDecimalType(38, 18))
      .add("s", DataTypes.StringType)
      .add("dt", DataTypes.DateType)
      .add("b", DataTypes.BooleanType);

  static final StructType NARROW = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("k", DataTypes.IntegerType)
      .add("i", DataTypes.IntegerType)
      .add("d", DataTypes.DoubleType)
      .add("m", DataTypes.createDecimalType(10, 2))
      .add("s", DataTypes.StringType)
      .add("dt", DataTypes.DateType);

  private static final BigDecimal MAX_38_18 = new BigDecimal("99999999999999999999.999999999999999999");
  private static final String[] STRING_PARTS = {"a", "b", "A", "ab", "%", "_", "é", "ü", " ", "1", "x_y", "z"};
  private static final double[] SPECIAL_DOUBLES = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, 1e308, -1e308, Double.MIN_VALUE, 1.0, -1.0};

  private FuzzTables() {}

  /** Generates the tables of epoch {@code seed}, writing Parquet under {@code dir}, and registers them in each session. */
  static void register(List<SparkSession> sessions, long seed, String dir) {
    Random r = new Random(seed);
    SparkSession writer = sessions.get(0);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(writer.sparkContext());
    writeParquet(writer, jsc, slices(r, rows(r, WIDE, size(r, 300)), 6), WIDE, dir + "/t1");
    writeParquet(writer, jsc, slices(r, rows(r, NARROW, size(r, 60)), 3), NARROW, dir + "/t2");
    JavaRDD<Row> t3 = rdd(jsc, slices(r, rows(r, WIDE, size(r, 300)), 5));
    for (SparkSession session : sessions) {
      session.read().parquet(dir + "/t1").createOrReplaceTempView("t1");
      session.read().parquet(dir + "/t2").createOrReplaceTempView("t2");
      session.createDataFrame(t3, WIDE).createOrReplaceTempView("t3");
    }
  }

  /** Mostly mid-sized; one table in eight is empty, one in eight a single row. */
  private static int size(Random r, int max) {
    int pick = r.nextInt(8);
    return pick == 0 ? 0 : pick == 1 ? 1 : 1 + r.nextInt(max);
  }

  private static void writeParquet(SparkSession spark, JavaSparkContext jsc, List<List<Row>> slices,
      StructType schema, String path) {
    spark.createDataFrame(rdd(jsc, slices), schema).write().mode(SaveMode.Overwrite).parquet(path);
  }

  /** One RDD partition per slice, exactly: parallelize would even them out. */
  private static JavaRDD<Row> rdd(JavaSparkContext jsc, List<List<Row>> slices) {
    return jsc.parallelize(slices, slices.size()).flatMap(List::iterator);
  }

  /** Cuts rows into {@code n} slices at random points: skewed sizes, some empty. */
  private static List<List<Row>> slices(Random r, List<Row> rows, int n) {
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < n - 1; i++) {
      cuts.add(rows.isEmpty() ? 0 : r.nextInt(rows.size() + 1));
    }
    cuts.sort(null);
    List<List<Row>> out = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      out.add(new ArrayList<>(rows.subList(from, cut)));
      from = cut;
    }
    out.add(new ArrayList<>(rows.subList(from, rows.size())));
    return out;
  }

  private static List<Row> rows(Random r, StructType schema, int n) {
    double nullRate = r.nextInt(4) * 0.1;
    // Type limits in one table in three: arithmetic over them fails under ANSI, which is worth checking but would
    // otherwise end most queries with the same error.
    boolean extremes = r.nextInt(3) == 0;
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < n; id++) {
      Object[] values = new Object[schema.size()];
      for (int c = 0; c < values.length; c++) {
        String name = schema.fields()[c].name();
        values[c] = name.equals("id") ? (long) id : r.nextDouble() < nullRate ? null : value(r, name, extremes);
      }
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  private static Object value(Random r, String column, boolean extremes) {
    switch (column) {
      case "k":
        return r.nextInt(8);
      case "i":
        return extremes && r.nextInt(20) == 0 ? (r.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE)
            : r.nextInt(201) - 100;
      case "l":
        return extremes && r.nextInt(40) == 0 ? (r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE)
            : r.nextInt(10) == 0 ? r.nextLong() >> 24 : (long) r.nextInt(2_000_001) - 1_000_000;
      case "d":
        return r.nextInt(5) == 0 ? SPECIAL_DOUBLES[r.nextInt(SPECIAL_DOUBLES.length)]
            : Math.round((r.nextDouble() - 0.5) * 2e5) / 100.0;
      case "m":
        return BigDecimal.valueOf(r.nextInt(10) == 0 ? (r.nextBoolean() ? 9_999_999_999L : -9_999_999_999L)
            : r.nextInt(2_000_001) - 1_000_000, 2);
      case "x":
        return extremes && r.nextInt(15) == 0 ? (r.nextBoolean() ? MAX_38_18 : MAX_38_18.negate())
            : new BigDecimal(new java.math.BigInteger(70, r), 18).subtract(BigDecimal.valueOf(500));
      case "s":
        StringBuilder s = new StringBuilder();
        for (int n = r.nextInt(5); n > 0; n--) {
          s.append(STRING_PARTS[r.nextInt(STRING_PARTS.length)]);
        }
        return s.toString();
      case "dt":
        return r.nextInt(20) == 0 ? Date.valueOf(r.nextBoolean() ? "0001-01-01" : "9999-12-31")
            : Date.valueOf(java.time.LocalDate.ofEpochDay(r.nextInt(40_000) - 20_000));
      case "b":
        return r.nextBoolean();
      default:
        throw new IllegalArgumentException(column);
    }
  }
}
