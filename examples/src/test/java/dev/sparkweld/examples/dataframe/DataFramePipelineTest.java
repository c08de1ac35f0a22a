package dev.sparkweld.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class DataFramePipelineTest {
  @Test
  void thePipelineRunsOnAWeldStageAndReturnsVanillaSparksRows() throws Exception {
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .config("spark.sql.extensions", "dev.sparkweld.spark.WeldExtensions")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    try {
      var out = new java.io.ByteArrayOutputStream();
      var old = System.out;
      System.setOut(new java.io.PrintStream(out, true));
      List<Row> weld;
      try {
        weld = DataFramePipeline.run(spark);
      } finally {
        System.setOut(old);
      }
      assertThat(out.toString()).contains("Weld stage: HashAggregate <- Project <- Filter");
      spark.conf().set("spark.weld.enabled", "false");
      List<Row> vanilla = DataFramePipeline.run(spark);
      assertThat(weld).hasSize(10);
      assertThat(weld.toString()).isEqualTo(vanilla.toString());
    } finally {
      spark.stop();
    }
  }
}
