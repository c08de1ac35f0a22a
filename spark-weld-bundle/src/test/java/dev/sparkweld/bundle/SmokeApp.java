package dev.sparkweld.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The application {@link BundleAttachIT} submits, as a user would: it knows nothing of Weld and configures nothing;
 * spark-submit's {@code --jars}/{@code --conf} attach the extension. It prints what the test checks: where the
 * extension class came from, the result, and the executed plan.
 */
public final class SmokeApp {
  private SmokeApp() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().appName("spark-weld bundle smoke test").getOrCreate();
    try {
      Path dir = Files.createTempDirectory("weld-bundle-smoke").resolve("t");
      spark.range(0, 200_000).selectExpr("id", "id % 7 as k").write().parquet(dir.toString());
      Dataset<Row> df = spark.read().parquet(dir.toString()).filter("k < 3").selectExpr("sum(id * 2) as s");
      long sum = df.collectAsList().get(0).getLong(0);
      System.out.println("smoke: extension loaded from "
          + Class.forName("dev.sparkweld.spark.WeldExtensions", false, Thread.currentThread().getContextClassLoader())
              .getProtectionDomain().getCodeSource().getLocation());
      System.out.println("smoke: sum " + sum);
      System.out.println("smoke: plan\n" + df.queryExecution().executedPlan().treeString());
      spark.sql("EXPLAIN FORMATTED SELECT sum(id * 2) FROM parquet.`" + dir + "` WHERE k < 3").collectAsList()
          .forEach(r -> System.out.println("smoke: explain " + r.getString(0)));
    } finally {
      spark.stop();
    }
  }
}
