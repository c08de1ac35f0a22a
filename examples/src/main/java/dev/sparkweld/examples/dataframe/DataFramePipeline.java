package dev.sparkweld.examples.dataframe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import dev.sparkweld.spark.WeldExplainGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A DataFrame pipeline in Java with the extension: nothing in the query mentions Weld; the session's
 * {@code spark.sql.extensions} is all it takes. Writes a small Parquet table, filters, computes and aggregates it,
 * and prints the result, the plan's Weld stages and what was left to Spark (and why).
 *
 * <pre>examples/bin/run.sh dev.sparkweld.examples.dataframe.DataFramePipeline</pre>
 */
public final class DataFramePipeline {
  private DataFramePipeline() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("weld-dataframe-example")
        .config("spark.sql.extensions", "dev.sparkweld.spark.WeldExtensions")
        .config("spark.ui.enabled", "false")
        .getOrCreate();
    try {
      List<Row> rows = run(spark);
      rows.forEach(r -> System.out.println("  " + r));
    } finally {
      spark.stop();
    }
  }

  /** The pipeline; returns its rows after printing where it ran. */
  static List<Row> run(SparkSession spark) throws Exception {
    Path dir = Files.createTempDirectory("weld-example").resolve("orders");
    spark.range(0, 200_000)
        .selectExpr("id", "id % 10 as region", "cast(id % 997 as double) * 1.5 as price", "id % 4 as qty")
        .write().parquet(dir.toString());

    Dataset<Row> revenue = spark.read().parquet(dir.toString())
        .filter(col("qty").gt(0).and(col("price").lt(1000)))
        .withColumn("revenue", col("price").multiply(col("qty")))
        .groupBy("region")
        .agg(sum("revenue").as("revenue"), count("*").as("orders"))
        .orderBy("region");

    List<Row> rows = revenue.collectAsList();
    System.out.println("Where it ran (the extension's explain section):");
    for (String line : CollectionConverters.asJava(WeldExplainGenerator.describe(revenue.queryExecution()
        .executedPlan()))) {
      System.out.println("  " + line);
    }
    return rows;
  }
}
