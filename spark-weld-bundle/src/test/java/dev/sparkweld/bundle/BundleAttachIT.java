package dev.sparkweld.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle jar attaches to a plain Spark: a separate JVM whose classpath is only Spark's jars runs
 * {@code org.apache.spark.deploy.SparkSubmit} (what {@code bin/spark-submit} runs) with an application jar,
 * {@code --jars <bundle>} and {@code --conf spark.sql.extensions=...}, nothing else; the query must run on a Weld
 * stage and return the right sum. Spark's jars are this JVM's classpath minus our modules, the LLVM bindings and
 * the test libraries, which is Spark's distribution as Maven resolves it.
 */
class BundleAttachIT {
  @TempDir
  Path dir;

  private static Path bundle() {
    Path jar = Path.of(System.getProperty("bundle.jar"));
    assertThat(jar).exists();
    return jar;
  }

  /** Spark's jars: the test classpath without what the bundle carries or the tests need. */
  private static String sparkClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("dev/sparkweld") && !e.contains("spark-weld") && !e.contains("native-runtime")
            && !e.contains("weld-compiler") && !e.contains("org/bytedeco") && !e.contains("io/trino/tpch")
            && !e.contains("test-classes") && !e.contains("/classes") && !e.contains("junit")
            && !e.contains("assertj") && !e.contains("opentest4j") && !e.contains("apiguardian")
            && !e.contains("surefire") && !e.contains("failsafe"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private Path appJar() throws IOException {
    Path jar = dir.resolve("smoke-app.jar");
    String name = SmokeApp.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
         var in = SmokeApp.class.getClassLoader().getResourceAsStream(name)) {
      out.putNextEntry(new JarEntry(name));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  private record Proc(int exit, String output) {}

  private Proc java(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.addAll(Arrays.asList(System.getProperty("spark.jvm.opens").trim().split("\\s+")));
    cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"));
    cmd.addAll(args);
    Path log = dir.resolve("child-" + System.nanoTime() + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try (OutputStream stdin = p.getOutputStream()) {
      // No input: the child must not wait for any.
    }
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM timed out:\n" + Files.readString(log));
    }
    return new Proc(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  @Test
  void sparkSubmitWithOnlyTheBundleJarRunsQueriesOnWeldStages() throws Exception {
    Proc r = java(List.of("-cp", sparkClasspath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]",
        "--conf", "spark.sql.extensions=dev.sparkweld.spark.WeldExtensions",
        "--conf", "spark.ui.enabled=false",
        "--jars", bundle().toString(),
        "--class", SmokeApp.class.getName(),
        appJar().toString()));
    assertThat(r.exit()).as(r.output()).isZero();
    long expected = LongStream.range(0, 200_000).filter(i -> i % 7 < 3).map(i -> i * 2).sum();
    assertThat(r.output()).contains("smoke: sum " + expected);
    assertThat(r.output()).contains("smoke: extension loaded from " + bundle().toUri().toString().replace("file:///", "file:/"));
    assertThat(r.output()).containsPattern("smoke: plan\\n(?s).*WeldStage");
    assertThat(r.output()).contains("smoke: explain").contains("Weld program:");
  }

  @Test
  void theBundleJarIsAlsoTheWeldToolWithItsExitCodes() throws Exception {
    Path ok = dir.resolve("ok.weld");
    Files.writeString(ok, "|v: vec[i64]| result(for(v, merger[i64,+], |b, i, x| merge(b, x)))");
    Proc run = java(List.of("-jar", bundle().toString(), "run", ok.toString(), "[1, 2, 39]"));
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("42");

    Path bad = dir.resolve("bad.weld");
    Files.writeString(bad, "|v: vec[i64]|\n  len(v +)");
    Proc check = java(List.of("-jar", bundle().toString(), "check", bad.toString()));
    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.output()).contains(bad + ":2:");

    Proc missing = java(List.of("-jar", bundle().toString(), "check", dir.resolve("none.weld").toString()));
    assertThat(missing.exit()).isEqualTo(3);

    // Parquet input goes through the bundle's relocated copy of Parquet's Thrift structures.
    Path names = dir.resolve("names.weld");
    Files.writeString(names, "|name: vec[vec[u8]], id: vec[i32]| {lookup(name, 2L), len(id)}");
    Proc parquet = java(List.of("-jar", bundle().toString(), "run", names.toString(), "--parquet",
        System.getProperty("sample.parquet")));
    assertThat(parquet.exit()).as(parquet.output()).isZero();
    assertThat(parquet.output()).contains("{\"item-2\", 10}");
  }
}
