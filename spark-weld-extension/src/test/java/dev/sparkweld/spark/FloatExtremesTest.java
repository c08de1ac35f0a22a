package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.assertPlanUsesWeld;
import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * min/max of doubles and floats in Spark's order: NaN above every number (max is NaN once a value is; min only when
 * all are), infinities, nulls; a -0.0 hands its partition to Spark's plan, whose answer depends on row order there.
 */
class FloatExtremesTest {
  @BeforeAll
  static void table() {
    SparkSession spark = SparkSessions.get();
    List<Row> rows = new ArrayList<>();
    double[][] groups = {
        {1.5, -2.25, 1e308, -1e-30, 7.0},
        {Double.NaN, Double.NaN},
        {Double.NaN, 3.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0},
        {},
        {0.0, 0.5, Double.POSITIVE_INFINITY, Double.NaN},
        {Double.NEGATIVE_INFINITY}};
    long id = 0;
    for (int g = 0; g < groups.length; g++) {
      for (double d : groups[g]) {
        rows.add(RowFactory.create(id++, g, d, (float) d));
        rows.add(RowFactory.create(id++, g, null, null));
      }
      rows.add(RowFactory.create(id++, g, null, null));
    }
    StructType schema = new StructType().add("id", DataTypes.LongType, false).add("g", DataTypes.IntegerType)
        .add("d", DataTypes.DoubleType).add("f", DataTypes.FloatType);
    String dir = SparkSessions.targetDir().resolve("float-extremes").toString();
    spark.createDataFrame(rows, schema).repartition(3).write().mode("overwrite").parquet(dir);
    spark.read().parquet(dir).createOrReplaceTempView("floats");
    List<Row> zeros = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double d = i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : -1.0 * i;
      zeros.add(RowFactory.create((long) i, i % 4, d, (float) d));
    }
    spark.createDataFrame(zeros, schema).repartition(2).createOrReplaceTempView("zeros");
  }

  @Test
  void minAndMaxOfFloatsRunOnWeldInSparksOrder() {
    DifferentialQueries.Result grouped = checkSame("select g, min(d), max(d), min(f), max(f), count(d) from floats"
        + " group by g");
    assertPlanUsesWeld(grouped.weld());
    assertThat(PlanNodes.fallbacks(grouped.weldPlan())).isZero();
    assertThat(grouped.weldRows().toString()).contains("NaN").contains("Infinity");
    DifferentialQueries.Result global = checkSame("select min(d), max(d), min(f), max(f) from floats where id > 0");
    assertPlanUsesWeld(global.weld());
    assertThat(PlanNodes.fallbacks(global.weldPlan())).isZero();
    assertPlanUsesWeld(checkSame("select min(d), max(f) from floats where g = 1").weld());
  }

  @Test
  void negativeZeroLeavesItsPartitionToSpark() {
    DifferentialQueries.Result r = checkSame("select g, min(d), max(d), min(f), max(f) from zeros group by g");
    assertPlanUsesWeld(r.weld());
    assertThat(PlanNodes.fallbacks(r.weldPlan())).isPositive();
    checkSame("select max(d), min(f) from zeros where id % 2 = 0");
  }
}
