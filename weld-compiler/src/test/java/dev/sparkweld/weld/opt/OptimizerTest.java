package dev.sparkweld.weld.opt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pass framework: pipeline configuration, fixpoint, statistics, dumps and the compile cache key. */
class OptimizerTest {
  private static final String PIPELINE = "|v: vec[i64]| let w = result(for(v, appender[i64], "
      + "|b,i,x| if(x > 2L, merge(b, x * 3L), b))); result(for(w, merger[i64,+], |s,j,y| merge(s, y)))";

  @Test
  void anUnknownPassNameIsRejectedWhenTheConfIsBuilt() {
    assertThatThrownBy(() -> WeldConf.of(Map.of("weld.optimization.passes", "inline-let,loop-fusoin")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown optimizer pass 'loop-fusoin'");
  }

  @Test
  void thePipelineRunsInOrderAndRecordsEachPass() {
    WeldConf conf = WeldConf.defaults().withText(WeldConf.PASSES, "inline-let,loop-fusion,inline-let");
    Optimizer.Outcome out = Optimizer.optimize(WeldFrontEnd.compile(PIPELINE), conf);
    assertThat(out.stats().runs()).extracting(OptimizerStats.PassRun::pass)
        .containsExactly("inline-let", "loop-fusion", "inline-let");
    assertThat(out.stats().runs()).allSatisfy(r -> assertThat(r.changes()).isPositive());
    TypedProgram want = WeldFrontEnd.compile("|v: vec[i64]| result(for(v, merger[i64,+], "
        + "|b,i,x| if(x > 2L, merge(b, x * 3L), b)))");
    assertThat(AlphaEquivalence.equivalent(out.program().body(), want.body())).isTrue();
  }

  @Test
  void noPassesLeavesTheProgramAsItIs() {
    TypedProgram p = WeldFrontEnd.compile(PIPELINE);
    Optimizer.Outcome out = Optimizer.optimize(p, WeldConf.defaults().withText(WeldConf.PASSES, "none"));
    assertThat(out.program()).isSameAs(p);
    assertThat(out.stats().runs()).isEmpty();
  }

  @Test
  void alphaEquivalenceIgnoresBinderNamesButNotFreeNames() {
    assertThat(AlphaEquivalence.equivalent(WeldFrontEnd.compile("|a: i64| let x = a; x").body(),
        WeldFrontEnd.compile("|a: i64| let y = a; y").body())).isTrue();
    assertThat(AlphaEquivalence.equivalent(WeldFrontEnd.compile("|a: i64| let x = a; x").body(),
        WeldFrontEnd.compile("|b: i64| let x = b; x").body())).isTrue();
    assertThat(AlphaEquivalence.equivalent(WeldFrontEnd.compile("|a: i64, b: i64| a").body(),
        WeldFrontEnd.compile("|a: i64, b: i64| b").body())).isFalse();
  }

  @Test
  void theWeldoptDumpIsTheOptimizedProgram(@TempDir Path dir) throws Exception {
    WeldConf conf = WeldConf.defaults().withText(WeldConf.DUMP_DIR, dir.toString())
        .withText(WeldConf.DUMP_FORMATS, "weld,weldopt").with(WeldConf.COMPILE_CACHE_SIZE, 0);
    try (WeldModule m = WeldModule.compile(PIPELINE, conf)) {
      assertThat(m.runJava(new Object[] {dev.sparkweld.weld.value.ValueText.parse("[1, 2, 3, 4]",
          m.paramTypes().get(0))})).isEqualTo(21L);
      assertThat(m.optimizerStats().runs()).isNotEmpty();
    }
    Path opt = Files.list(dir).filter(p -> p.toString().endsWith(".weldopt")).findFirst().orElseThrow();
    String text = Files.readString(opt);
    assertThat(text).doesNotContain("appender");
    assertThat(text).contains("merger[i64,+]");
  }

  @Test
  void programsCompiledUnderDifferentPipelinesAreCachedApart() {
    WeldConf none = WeldConf.defaults().withText(WeldConf.PASSES, "none");
    try (WeldModule a = WeldModule.compile(PIPELINE, none);
         WeldModule b = WeldModule.compile(PIPELINE, WeldConf.defaults())) {
      assertThat(a.entryAddress()).isNotEqualTo(b.entryAddress());
      assertThat(a.optimizerStats().runs()).isEmpty();
      assertThat(b.optimizerStats().runs()).isNotEmpty();
    }
  }
}
