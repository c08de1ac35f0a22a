package dev.sparkweld.spark.tpch;

import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the eight TPC-H tables as Parquet ({@code <dir>/<table>}) with the types of {@link TpchRows}, and
 * registers them as temp views named like the tables.
 *
 * <p>Rows are generated inside Spark tasks: each table is cut into generator parts (the generator's own
 * {@code part/partCount} split, so the output is deterministic and independent of the cluster), one RDD partition
 * per part, streamed to the Parquet writer; the driver never holds a table. A marker file written after the last
 * table makes a complete directory reusable; an incomplete one is regenerated.
 */
public final class TpchParquet {
  /** Rows per generator part: bounds the size of one Parquet file and one task. */
  private static final long ROWS_PER_PART = 500_000;
  /** Rows per unit of scale factor of the scalable tables (TPC-H spec 4.2.5); nation and region are fixed. */
  private static final Map<String, Long> ROWS_PER_SF = Map.of(
      "lineitem", 6_000_000L, "orders", 1_500_000L, "partsupp", 800_000L, "part", 200_000L,
      "customer", 150_000L, "supplier", 10_000L);
  /** Change when the layout or types change, so old directories are regenerated. */
  private static final String FORMAT_VERSION = "1";

  private TpchParquet() {}

  /** Generates the tables at {@code scaleFactor} into {@code dir} unless a complete copy is already there. */
  public static boolean generate(SparkSession spark, double scaleFactor, Path dir) {
    return generate(spark, scaleFactor, dir, line -> { });
  }

  /** As {@link #generate(SparkSession, double, Path)}, reporting each table as it is written (demos show it). */
  public static boolean generate(SparkSession spark, double scaleFactor, Path dir,
      java.util.function.Consumer<String> progress) {
    Path marker = marker(scaleFactor, dir);
    if (Files.isRegularFile(marker)) {
      return false;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    for (TpchTable<?> table : TpchTable.getTables()) {
      String name = table.getTableName();
      int parts = partCount(name, scaleFactor);
      List<Integer> partNumbers = IntStream.rangeClosed(1, parts).boxed().collect(Collectors.toList());
      JavaRDD<Row> rows = jsc.parallelize(partNumbers, parts)
          .mapPartitions(partIds -> generatePart(name, scaleFactor, parts, partIds));
      long t0 = System.nanoTime();
      spark.createDataFrame(rows, TpchRows.schema(table))
          .write().mode(SaveMode.Overwrite).parquet(dir.resolve(name).toString());
      progress.accept(String.format("%-8s %d part%s in %.1f s", name, parts, parts == 1 ? "" : "s",
          (System.nanoTime() - t0) / 1e9));
    }
    try {
      Files.writeString(marker, "tpch sf=" + sfText(scaleFactor) + " format=" + FORMAT_VERSION + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  /** Registers (or replaces) one temp view per table, named like the table, over the Parquet files in {@code dir}. */
  public static void registerViews(SparkSession spark, Path dir) {
    for (TpchTable<?> table : TpchTable.getTables()) {
      spark.read().parquet(dir.resolve(table.getTableName()).toString()).createOrReplaceTempView(table.getTableName());
    }
  }

  public static List<String> tableNames() {
    List<String> names = new ArrayList<>();
    for (TpchTable<?> table : TpchTable.getTables()) {
      names.add(table.getTableName());
    }
    return names;
  }

  /** "0.01", "1", "10": the scale factor as written in directory and marker names. */
  public static String sfText(double scaleFactor) {
    return BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
  }

  private static Path marker(double scaleFactor, Path dir) {
    return dir.resolve("_TPCH_COMPLETE_sf" + sfText(scaleFactor) + "_v" + FORMAT_VERSION);
  }

  static int partCount(String table, double scaleFactor) {
    Long perSf = ROWS_PER_SF.get(table);
    if (perSf == null) {
      return 1;
    }
    // At least two parts, so that even tiny scale factors give multi-file scans (and partial aggregates to merge).
    return (int) Math.max(2, Math.ceil(perSf * scaleFactor / ROWS_PER_PART));
  }

  /** Runs in a task: the rows of the generator parts {@code partIds} (1-based), lazily. */
  private static Iterator<Row> generatePart(String tableName, double scaleFactor, int parts, Iterator<Integer> partIds) {
    @SuppressWarnings("unchecked")
    TpchTable<TpchEntity> table = (TpchTable<TpchEntity>) TpchTable.getTable(tableName);
    Function<TpchEntity, Row> toRow = TpchRows.rowMaker(table);
    return new Iterator<>() {
      private Iterator<TpchEntity> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && partIds.hasNext()) {
          current = table.createGenerator(scaleFactor, partIds.next(), parts).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return toRow.apply(current.next());
      }
    };
  }
}
