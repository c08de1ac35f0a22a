package dev.sparkweld.weld.jit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import org.junit.jupiter.api.Test;

/** The cache status a module reports is what the Spark stage logs per compiled kernel. */
class CacheStatusTest {
  @Test
  void theFirstCompileIsAMissAndTheSameProgramAgainIsAHit() {
    WeldConf conf = WeldConf.defaults();
    String program = "|x: i64| x * 31L + " + System.nanoTime() + "L";
    try (WeldModule first = WeldModule.compile(program, conf);
         WeldModule second = WeldModule.compile(program, conf);
         WeldModule respelled = WeldModule.compile(" " + program, conf)) {
      assertThat(first.cacheHit()).isFalse();
      assertThat(second.cacheHit()).isTrue();
      assertThat(respelled.cacheHit()).as("same canonical program, other text").isTrue();
    }
  }

  @Test
  void withTheCacheDisabledEveryCompileIsAMiss() {
    WeldConf conf = WeldConf.defaults().with(WeldConf.COMPILE_CACHE_SIZE, 0);
    String program = "|x: i64| x + 1L";
    try (WeldModule a = WeldModule.compile(program, conf); WeldModule b = WeldModule.compile(program, conf)) {
      assertThat(a.cacheHit()).isFalse();
      assertThat(b.cacheHit()).isFalse();
    }
  }
}
