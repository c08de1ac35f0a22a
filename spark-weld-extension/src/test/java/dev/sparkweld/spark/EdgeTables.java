package dev.sparkweld.spark;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Small tables for {@code NullsAndEdgesTest}, written as Parquet under {@code target/edges} and registered as views:
 * <ul>
 *   <li>{@code edges}: 17 rows in 4 files; group {@code g=1} ordinary values, {@code g=2} every value null,
 *       {@code g=NULL} a null key, {@code g=3} NaN, -0.0, 0.0 and infinities in {@code d};</li>
 *   <li>{@code edges_mem}: the same rows as an in-memory relation (not a file scan);</li>
 *   <li>{@code edges_empty}: the same schema, no rows;</li>
 *   <li>{@code decimals}: DECIMAL(38,18) and DECIMAL(38,0) at the largest magnitudes, kept apart per group so that
 *       only the overflow test adds two of them;</li>
 *   <li>{@code extremes}: INT and BIGINT at their limits, for ANSI overflow errors.</li>
 * </ul>
 */
final class EdgeTables {
  static final StructType EDGES = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("g", DataTypes.IntegerType)
      .add("i", DataTypes.IntegerType)
      .add("l", DataTypes.LongType)
      .add("d", DataTypes.DoubleType)
      .add("m", DataTypes.createDecimalType(15, 2))
      .add("s", DataTypes.StringType)
      .add("dt", DataTypes.DateType)
      .add("b", DataTypes.BooleanType);

  static final BigDecimal MAX_38_18 = new BigDecimal("99999999999999999999.999999999999999999");
  static final BigDecimal MAX_38_0 = new BigDecimal("99999999999999999999999999999999999999");

  private EdgeTables() {}

  static synchronized void register(SparkSession spark) {
    String base = SparkSessions.targetDir().resolve("edges").toAbsolutePath().toString();
    Dataset<Row> edges = spark.createDataFrame(edgeRows(), EDGES);
    edges.createOrReplaceTempView("edges_mem");
    writeAndRegister(spark, edges.repartition(4), base, "edges");
    writeAndRegister(spark, spark.createDataFrame(List.of(), EDGES), base, "edges_empty");

    StructType decimals = new StructType()
        .add("id", DataTypes.LongType, false)
        .add("g", DataTypes.IntegerType)
        .add("x", DataTypes.createDecimalType(38, 18))
        .add("y", DataTypes.createDecimalType(38, 0));
    List<Row> decimalRows = List.of(
        RowFactory.create(1L, 1, MAX_38_18, MAX_38_0),
        RowFactory.create(2L, 2, MAX_38_18.negate(), MAX_38_0.negate()),
        RowFactory.create(3L, 3, new BigDecimal("0.000000000000000001"), BigDecimal.ONE),
        RowFactory.create(4L, 3, new BigDecimal("-0.000000000000000001"), BigDecimal.ZERO),
        RowFactory.create(5L, 3, new BigDecimal("12345678901234567890.123456789012345678"), new BigDecimal("-7")),
        RowFactory.create(6L, 4, null, null),
        RowFactory.create(7L, 5, MAX_38_18, MAX_38_0),
        RowFactory.create(8L, 5, MAX_38_18, MAX_38_0));
    writeAndRegister(spark, spark.createDataFrame(decimalRows, decimals).repartition(2), base, "decimals");

    StructType extremes = new StructType()
        .add("id", DataTypes.LongType, false)
        .add("i", DataTypes.IntegerType)
        .add("l", DataTypes.LongType)
        .add("d", DataTypes.DoubleType);
    List<Row> extremeRows = List.of(
        RowFactory.create(1L, Integer.MAX_VALUE, Long.MAX_VALUE, 1e300),
        RowFactory.create(2L, Integer.MIN_VALUE, Long.MIN_VALUE, -1e300),
        RowFactory.create(3L, 1, 1L, 0.0),
        RowFactory.create(4L, 0, 0L, Double.NaN));
    writeAndRegister(spark, spark.createDataFrame(extremeRows, extremes), base, "extremes");
  }

  private static void writeAndRegister(SparkSession spark, Dataset<Row> df, String base, String name) {
    String path = base + "/" + name;
    df.write().mode(SaveMode.Overwrite).parquet(path);
    spark.read().parquet(path).createOrReplaceTempView(name);
  }

  private static List<Row> edgeRows() {
    List<Row> rows = new ArrayList<>();
    // g = 1: ordinary values, a few nulls
    rows.add(row(1, 1, 1, 10L, 1.5, "1.25", "apple", "1995-01-01", true));
    rows.add(row(2, 1, 2, 20L, 2.25, "-3.50", "banana", "1996-02-29", false));
    rows.add(row(3, 1, 3, null, -3.0, "0.00", "cherry", "1998-12-01", null));
    rows.add(row(4, 1, null, 40L, 0.1, "9999999999999.99", "apricot", null, true));
    rows.add(row(5, 1, 5, 50L, 0.2, "-9999999999999.99", "", "1992-01-01", false));
    // g = 2: every value null
    rows.add(row(6, 2, null, null, null, null, null, null, null));
    rows.add(row(7, 2, null, null, null, null, null, null, null));
    rows.add(row(8, 2, null, null, null, null, null, null, null));
    // g = NULL: a null grouping key
    rows.add(row(9, null, 7, 70L, 7.0, "7.07", "grape", "1994-06-30", true));
    rows.add(row(10, null, null, 80L, null, "0.01", "Grapefruit", "1994-07-01", null));
    rows.add(row(11, null, -7, -70L, -7.0, null, "über", "1993-03-15", false));
    // g = 3: floating-point specials
    rows.add(row(12, 3, 12, 120L, Double.NaN, "1.00", "nan", "1997-01-01", true));
    rows.add(row(13, 3, 13, 130L, -0.0, "1.00", "negzero", "1997-01-02", true));
    rows.add(row(14, 3, 14, 140L, 0.0, "1.00", "zero", "1997-01-03", false));
    rows.add(row(15, 3, 15, 150L, Double.POSITIVE_INFINITY, "1.00", "inf", "1997-01-04", null));
    rows.add(row(16, 3, 16, 160L, Double.NEGATIVE_INFINITY, "1.00", "-inf", "1997-01-05", true));
    rows.add(row(17, 3, 17, 170L, Double.NaN, "1.00", "nan2", "1997-01-06", false));
    return rows;
  }

  private static Row row(long id, Integer g, Integer i, Long l, Double d, String m, String s, String dt, Boolean b) {
    return RowFactory.create(id, g, i, l, d, m == null ? null : new BigDecimal(m), s,
        dt == null ? null : Date.valueOf(dt), b);
  }
}
