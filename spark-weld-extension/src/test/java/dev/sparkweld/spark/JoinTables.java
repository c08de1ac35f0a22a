package dev.sparkweld.spark;

import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Tables for {@code JoinStagesTest}, written as Parquet under {@code target/joins} and registered as views:
 * <ul>
 *   <li>{@code jfact}: 3,000 rows in 3 files; keys {@code k} 0..79 (every 17th null), the same key as BIGINT
 *       {@code kl}, STRING {@code ks}, DATE {@code kd} and DECIMAL(12,2) {@code km};</li>
 *   <li>{@code jdim}: keys 0..59 (so keys 60..79 of the fact table miss), keys ending in 3 three times (build-side
 *       duplicates), one row with every key null, names null for multiples of 7;</li>
 *   <li>{@code jdim_empty}: the schema of {@code jdim}, no rows.</li>
 * </ul>
 */
final class JoinTables {
  private static boolean registered;

  private JoinTables() {}

  static synchronized void register(SparkSession spark) {
    if (registered) {
      return;
    }
    String base = SparkSessions.targetDir().resolve("joins").toAbsolutePath().toString();
    String keys = "cast(x as int) as k, cast(x as bigint) * 1000000007 as kl, concat('key', x) as ks,"
        + " date_add(date'2020-01-01', cast(x as int)) as kd, cast(x / 4 as decimal(12,2)) as km";
    write(spark, "select id, " + keys + ", id as v from"
        + " (select id, if(id % 17 = 0, null, id % 80) as x from range(0, 3000))", base, "jfact", 3);
    String dim = "select " + keys + ", if(x % 7 = 0, null, concat('name', x)) as name, x * 3 as w from"
        + " (select id as x from range(0, 60)"
        + " union all select id as x from range(0, 60) where id % 10 = 3"
        + " union all select id as x from range(0, 60) where id % 10 = 3"
        + " union all select cast(null as bigint) as x)";
    write(spark, dim, base, "jdim", 2);
    write(spark, "select * from (" + dim + ") where false", base, "jdim_empty", 1);
    registered = true;
  }

  private static void write(SparkSession spark, String sql, String base, String name, int files) {
    String path = base + "/" + name;
    spark.sql(sql).repartition(files).write().mode(SaveMode.Overwrite).parquet(path);
    spark.read().parquet(path).createOrReplaceTempView(name);
  }
}
