package dev.sparkweld.weld.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-JVM compile cache and code dumps. */
class CompileCacheTest {
  @Test
  void sameProgramIsCompiledOnceAndSpellingDoesNotMatter() {
    WeldConf conf = WeldConf.defaults().with(WeldConf.OPT_LEVEL, 1);
    long[] before = WeldModule.cacheStats();
    try (WeldModule a = WeldModule.compile("|x: i64| x * 3L + 1L", conf);
        WeldModule b = WeldModule.compile("|x: i64| x * 3L + 1L", conf);
        WeldModule c = WeldModule.compile("|x:i64|   (x*3L)+1L  # same program, other spelling\n", conf)) {
      long[] after = WeldModule.cacheStats();
      assertThat(after[1] - before[1]).as("misses").isEqualTo(1);
      assertThat(after[0] - before[0]).as("hits").isEqualTo(2);
      assertThat(a.entryAddress()).isEqualTo(b.entryAddress()).isEqualTo(c.entryAddress());
      assertThat(c.runJava(5L)).isEqualTo(16L);
    }
  }

  @Test
  void failedCompilesAreRemembered() {
    // Links against a native function that does not exist: fails in the JIT, after the front end.
    String program = "|x: i64| cudf[no_such_function_anywhere, i64](x)";
    WeldConf conf = WeldConf.defaults().with(WeldConf.OPT_LEVEL, 0);
    Throwable first = catchThrowable(() -> WeldModule.compile(program, conf));
    long misses = WeldModule.cacheStats()[1];
    Throwable second = catchThrowable(() -> WeldModule.compile(program, conf));
    assertThat(first).isNotNull();
    assertThat(second).isSameAs(first);
    assertThat(WeldModule.cacheStats()[1]).isEqualTo(misses);
  }

  @Test
  void dumpsEveryStage(@TempDir Path dir) throws Exception {
    WeldConf conf = WeldConf.defaults().with(WeldConf.DUMP_DIR, dir.toString()).with(WeldConf.OPT_LEVEL, 2);
    try (WeldModule m = WeldModule.compile("|v: vec[i32]| result(for(v, merger[i32,+], |b,i,x| merge(b, x)))",
        conf)) {
      assertThat(m.resultType().toString()).isEqualTo("i32");
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString().replaceAll("^weld-[0-9a-f]+", "")))
          .containsExactlyInAnyOrder(".weld", ".weldopt", ".ll", ".opt.ll", ".s");
    }
  }
}
