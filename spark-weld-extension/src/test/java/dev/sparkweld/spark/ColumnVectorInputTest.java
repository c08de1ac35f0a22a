package dev.sparkweld.spark;

import static dev.sparkweld.spark.DifferentialQueries.checkSame;
import static dev.sparkweld.spark.SparkSessions.withConf;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Column batches read straight from the storage of Spark's vectors, on heap and off heap: plain and
 * dictionary-encoded Parquet columns of every numeric storage (int, date, DECIMAL(9,2) widened to a long, long,
 * DECIMAL(15,2), double, string), with nulls, over many row groups (a dictionary each) and small reader batches (a
 * chunk gathers many batches of one dictionary).
 */
class ColumnVectorInputTest {
  private static final String[] QUERIES = {
    "select g, count(*), count(i), sum(i), sum(l), sum(m9), sum(m15), sum(d), min(dt), max(s) from vectors group by g",
    "select id, i, l, m9, m15, d, dt, s from vectors where id % 97 = 3 or i is null",
    "select count(*), sum(cast(m9 as decimal(20, 2))), avg(d), max(l) from vectors where dt > date'2001-01-01'",
    "select i, l, d from vectors where i > 3 and m15 < 30 and s like 'v%'",
  };

  @BeforeAll
  static void tables() {
    SparkSession spark = SparkSessions.get();
    String path = SparkSessions.targetDir().resolve("vectors").toAbsolutePath().toString();
    // g: few values (dictionary-encoded); id-derived columns: as many values as rows (plain once the dictionary
    // outgrows its page); every 7th row of each nullable column null, at a different phase per column.
    spark.sql("select id, id % 5 as g,"
        + " if(id % 7 = 1, null, cast(id % 11 as int)) as i,"
        + " if(id % 7 = 2, null, id * 1000003) as l,"
        + " if(id % 7 = 3, null, cast(id % 13 as decimal(9, 2)) / 4) as m9,"
        + " if(id % 7 = 4, null, cast(id as decimal(15, 2)) / 8) as m15,"
        + " if(id % 7 = 5, null, if(id % 3 = 0, cast(id % 17 as double), id / 3.0)) as d,"
        + " if(id % 7 = 6, null, date_add(date'2000-01-01', cast(id % 900 as int))) as dt,"
        + " if(id % 7 = 0, null, concat('v', id % 23)) as s"
        + " from range(0, 60000)")
        .repartition(3).write().mode("overwrite").option("parquet.block.size", "65536").parquet(path);
    spark.read().parquet(path).createOrReplaceTempView("vectors");
  }

  @Test
  void onHeapVectorsInSmallBatches() {
    withConf(Map.of("spark.sql.parquet.columnarReaderBatchSize", "333"), () -> {
      for (String q : QUERIES) {
        checkSame(q);
      }
    });
  }

  @Test
  void offHeapVectors() {
    withConf(Map.of("spark.sql.columnVector.offheap.enabled", "true",
        "spark.sql.parquet.columnarReaderBatchSize", "1000"), () -> {
          for (String q : QUERIES) {
            checkSame(q);
          }
        });
  }
}
