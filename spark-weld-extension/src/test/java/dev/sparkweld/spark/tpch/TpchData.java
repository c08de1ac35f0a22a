package dev.sparkweld.spark.tpch;

import dev.sparkweld.spark.SparkSessions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * TPC-H tables for tests: generated once per scale factor under {@code target/tpch/sf<sf>} (kept across builds
 * until {@code mvn clean}) by {@link TpchParquet}, then registered as temp views of the shared session.
 */
public final class TpchData {
  private static final Map<String, Long> registered = new HashMap<>();

  private TpchData() {}

  /** Makes the views lineitem, orders, ... point at scale factor {@code sf}; returns the session. */
  public static synchronized SparkSession use(double sf) {
    SparkSession spark = SparkSessions.get();
    String key = TpchParquet.sfText(sf);
    Path dir = SparkSessions.targetDir().resolve("tpch").resolve("sf" + key).toAbsolutePath();
    if (!registered.containsKey(key)) {
      long t0 = System.nanoTime();
      boolean generated = TpchParquet.generate(spark, sf, dir);
      long millis = (System.nanoTime() - t0) / 1_000_000;
      registered.put(key, millis);
      System.out.printf("TpchData: sf %s %s in %d ms (%s)%n", key, generated ? "generated" : "reused", millis, dir);
    }
    TpchParquet.registerViews(spark, dir);
    return spark;
  }

  /** The query text of TPC-H query {@code n} (1..22), from the test classpath. */
  public static String query(int n) {
    String resource = "/tpch/queries/q" + n + ".sql";
    try (var in = TpchData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no TPC-H query resource " + resource);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
