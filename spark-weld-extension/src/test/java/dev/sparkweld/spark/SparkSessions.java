package dev.sparkweld.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark session all test classes share (starting one costs ~10 s on two cores), with the Weld
 * extension installed; created on first use, stopped by a JVM shutdown hook.
 *
 * <p>Tests switch between Weld and vanilla Spark per query with the runtime key {@code spark.weld.enabled}; see
 * {@link DifferentialQueries}. They must restore any other key they change.
 */
public final class SparkSessions {
  private static SparkSession session;
  private static long startMillis;

  private SparkSessions() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      long t0 = System.nanoTime();
      session = SparkSession.builder()
          .master("local[2]")
          .appName("spark-weld-tests")
          .config("spark.sql.extensions", WeldExtensions.class.getName())
          .config("spark.ui.enabled", "false")
          // Tests also run filter/project-only stages (off by default, for speed) so that their code is checked too.
          .config("spark.weld.rowStages.enabled", "true")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.sql.adaptive.enabled", "true")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.warehouse.dir", targetDir().resolve("spark-warehouse").toAbsolutePath().toString())
          .getOrCreate();
      startMillis = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("SparkSessions: local[2] session with WeldExtensions started in %d ms%n", startMillis);
      SparkSession started = session;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "spark-test-session-stop"));
    }
    return session;
  }

  /** How long creating the shared session took (0 before it is created). */
  public static synchronized long startMillis() {
    return startMillis;
  }

  /** The module's build directory (surefire runs in the module directory). */
  public static Path targetDir() {
    return Path.of(System.getProperty("spark.weld.test.target", "target"));
  }

  /** Runs {@code body} with the shared session's SQL keys set to {@code conf}, then restores them. */
  public static void withConf(Map<String, String> conf, Runnable body) {
    SparkSession spark = get();
    Map<String, String> previous = new LinkedHashMap<>();
    conf.forEach((k, v) -> {
      previous.put(k, spark.conf().get(k, null));
      spark.conf().set(k, v);
    });
    try {
      body.run();
    } finally {
      previous.forEach((k, v) -> {
        if (v == null) {
          spark.conf().unset(k);
        } else {
          spark.conf().set(k, v);
        }
      });
    }
  }
}
