package dev.sparkweld.weld.opt;

import static dev.sparkweld.weld.opt.PassTester.assertRewrites;
import static dev.sparkweld.weld.opt.PassTester.assertUnchanged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.interp.Interpreter;
import dev.sparkweld.weld.value.ValueText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vertical and horizontal loop fusion, and the dependence check that keeps index-reading consumers correct. */
class FusionTest {
  private static final String MAP_SUM = "|v: vec[i64]| result(for(result(for(v, appender[i64], "
      + "|b,i,x| merge(b, x * 2L))), merger[i64,+], |s,j,y| merge(s, y + 1L)))";

  @Test
  void aSumOverAMapBecomesOneLoop() {
    assertRewrites(Passes.LOOP_FUSION, MAP_SUM,
        "|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| let y = x * 2L; merge(b, y + 1L)))");
  }

  @Test
  void aFilterFusesIntoAConsumerThatIgnoresTheIndex() {
    assertRewrites(Passes.LOOP_FUSION,
        "|v: vec[i64]| result(for(result(for(v, appender[i64], |b,i,x| if(x > 0L, merge(b, x), b))),"
            + " merger[i64,+], |s,j,y| merge(s, y)))",
        "|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| if(x > 0L, let y = x; merge(b, y), b)))");
  }

  @Test
  void aConsumerReadingItsIndexAfterAFilterIsNotFused() {
    assertUnchanged(Passes.LOOP_FUSION, INDEX_AFTER_FILTER);
  }

  @Test
  void aConsumerReadingItsIndexAfterAMapReadsTheProducersIndex() {
    assertRewrites(Passes.LOOP_FUSION,
        "|v: vec[i64]| result(for(result(for(v, appender[i64], |b,i,x| merge(b, x * 2L))),"
            + " merger[i64,+], |s,j,y| merge(s, y * j)))",
        "|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| let y = x * 2L; merge(b, y * i)))");
  }

  /** Weld's miscompile: the consumer's j counts kept elements, not producer iterations. */
  private static final String INDEX_AFTER_FILTER = "|v: vec[i64]| result(for(result(for(v, appender[i64],"
      + " |b,i,x| if(x % 2L == 0L, merge(b, x), b))), appender[i64], |s,j,y| merge(s, y * 100L + j)))";

  @Test
  void indexAfterFilterGivesTheUnfusedResultOnBothBackends() {
    TypedProgram p = WeldFrontEnd.compile(INDEX_AFTER_FILTER);
    WeldConf all = WeldConf.defaults().with(WeldConf.PASS_VERIFY, true);
    Object arg = ValueText.parse("[1, 2, 3, 4, 5, 6]", p.params().get(0).type());
    String expected = "[200, 401, 602]";
    TypedProgram opt = Optimizer.optimize(p, all).program();
    assertThat(ValueText.format(new Interpreter(all).run(opt, List.of(arg)), p.resultType())).isEqualTo(expected);
    try (WeldModule m = WeldModule.compile(INDEX_AFTER_FILTER, all)) {
      assertThat(ValueText.format(m.runJava(arg), p.resultType())).isEqualTo(expected);
    }
  }

  @Test
  void loopsThatCouldBothFailAreNotFused() {
    // The producer can divide by zero and the consumer can index out of bounds: fusing would reorder them.
    assertUnchanged(Passes.LOOP_FUSION, "|v: vec[i64], w: vec[i64]| result(for(result(for(v, appender[i64],"
        + " |b,i,x| merge(b, 10L / x))), merger[i64,+], |s,j,y| merge(s, lookup(w, y))))");
  }

  @Test
  void siblingAggregatesOverTheSameDataShareOneLoop() {
    assertRewrites(Passes.HORIZONTAL_FUSION,
        "|v: vec[f64]| {result(for(v, merger[f64,+], |b,i,x| merge(b, x))),"
            + " result(for(v, merger[f64,max], |c,j,y| merge(c, y * 2.0)))}",
        "|v: vec[f64]| let t = for(v, {merger[f64,+], merger[f64,max]},"
            + " |bs,i,x| let b = bs.$0; let c = bs.$1; {merge(b, x), merge(c, x * 2.0)});"
            + " {result(t.$0), result(t.$1)}");
  }

  @Test
  void siblingLetsFuseWhenTheSecondDoesNotReadTheFirst() {
    assertRewrites(Passes.HORIZONTAL_FUSION,
        "|v: vec[i64]| let a = result(for(v, merger[i64,+], |b,i,x| merge(b, x)));"
            + " let c = result(for(v, appender[i64], |d,j,y| if(y > 0L, merge(d, y), d))); {a, len(c)}",
        "|v: vec[i64]| let t = for(v, {merger[i64,+], appender[i64]},"
            + " |bs,i,x| let b = bs.$0; let d = bs.$1; {merge(b, x), if(x > 0L, merge(d, x), d)});"
            + " let a = result(t.$0); let c = result(t.$1); {a, len(c)}");
    assertUnchanged(Passes.HORIZONTAL_FUSION,
        "|v: vec[i64]| let a = result(for(v, merger[i64,+], |b,i,x| merge(b, x)));"
            + " let c = result(for(v, merger[i64,+], |d,j,y| merge(d, y + a))); c");
  }
}
