package dev.sparkweld.weld.opt;

import static dev.sparkweld.weld.opt.PassTester.assertRewrites;
import static dev.sparkweld.weld.opt.PassTester.assertUnchanged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.WeldFrontEnd;
import dev.sparkweld.weld.WeldModule;
import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.interp.Interpreter;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.value.ValueText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Predication, dense group keys and vectorization: stated in IR text, and run where exactness is subtle. */
class LoweringPassesTest {
  @Test
  void aConditionalMergeBecomesAMergeOfASelect() {
    assertRewrites(Passes.PREDICATE,
        "|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| if(x > 10L, merge(b, x * 2L), b)))",
        "|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| merge(b, select(x > 10L, x * 2L, 0L))))");
  }

  @Test
  void floatSumsMergeNegativeZeroSoThatNegativeZeroSurvives() {
    assertRewrites(Passes.PREDICATE,
        "|v: vec[f64]| result(for(v, merger[f64,+](-0.0), |b,i,x| if(x > 10.0, b, merge(b, x))))",
        "|v: vec[f64]| result(for(v, merger[f64,+](-0.0), |b,i,x| merge(b, select(x > 10.0, -0.0, x))))");
    String p = "|v: vec[f64]| result(for(v, merger[f64,+](-0.0), |b,i,x| if(x > 10.0, merge(b, x), b)))";
    assertThat(runBoth(p, "[1.0, 2.0]", "default")).isEqualTo("-0.0");
  }

  @Test
  void aMergedValueThatCanFailIsNotPredicated() {
    assertUnchanged(Passes.PREDICATE,
        "|v: vec[i64], w: vec[i64]| result(for(v, merger[i64,+], |b,i,x| if(x > 0L, merge(b, lookup(w, x)), b)))");
  }

  @Test
  void anExpensiveMergeIsPredicatedOnlyWhenAnnotated() {
    String big = "x * x * x * x * x * x * x * x";
    assertUnchanged(Passes.PREDICATE,
        "|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| if(x > 0L, merge(b, " + big + "), b)))");
    assertRewrites(Passes.PREDICATE,
        "|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| @(predicate:true) if(x > 0L, merge(b, " + big
            + "), b)))",
        "|v: vec[i64]| result(for(v, merger[i64,+], |b,i,x| merge(b, select(x > 0L, " + big + ", 0L))))");
  }

  private static final String GROUP_BY_BYTE = "|k: vec[i8], v: vec[f64]| tovec(result(for(zip(k, v),"
      + " dictmerger[i8,{f64,i64},+], |b,i,x| if(x.$1 >= 0.0, merge(b, {x.$0, {x.$1, 1L}}), b))))";

  @Test
  void aGroupByOnAByteKeyFoldsIntoVecmergersInFirstSeenOrder() {
    Expr out = PassTester.run(Passes.DENSE_GROUP_KEYS, GROUP_BY_BYTE, WeldConf.defaults());
    String text = dev.sparkweld.weld.syntax.Printer.print(out);
    assertThat(text).contains("vecmerger[{f64,i64},+]").contains("vecmerger[i64,min]");
    String keys = "[5c, -128c, 5c, 127c, -3c, -128c, 0c]";
    String vals = "[1.5, 2.0, -0.0, 4.0, -1.0, 0.25, 3.0]";
    String want = "[{5, {1.5, 2}}, {-128, {2.25, 2}}, {127, {4.0, 1}}, {0, {3.0, 1}}]";
    for (String passes : List.of("none", "dense-group-keys", "default")) {
      assertThat(runBoth(GROUP_BY_BYTE, keys.replace("c", ""), vals, passes)).as(passes).isEqualTo(want);
    }
  }

  @Test
  void wideKeysStayInADictionary() {
    assertUnchanged(Passes.DENSE_GROUP_KEYS,
        "|k: vec[i32]| result(for(k, dictmerger[i32,i64,+], |b,i,x| merge(b, {x, 1L})))");
  }

  @Test
  void floatReductionsWithStraightLineBodiesAreMarkedForTheVectorizer() {
    assertRewrites(Passes.VECTORIZE,
        "|v: vec[f64]| result(for(v, merger[f64,+], |b,i,x| merge(b, x * 2.0)))",
        "|v: vec[f64]| result(@(vectorize:true) for(v, merger[f64,+], |b,i,x| merge(b, x * 2.0)))");
    assertUnchanged(Passes.VECTORIZE,
        "|v: vec[f64]| result(for(v, merger[f64,+], |b,i,x| if(x > 0.0, merge(b, x), b)))");
    assertUnchanged(Passes.VECTORIZE,
        "|v: vec[f64]| result(@(vectorize:false) for(v, merger[f64,+], |b,i,x| merge(b, x * 2.0)))");
  }

  /** Runs on the interpreter (optimized by hand) and the JIT (optimizing itself); both must agree. */
  private static String runBoth(String program, String... argsAndPasses) {
    String passes = argsAndPasses[argsAndPasses.length - 1];
    TypedProgram p = WeldFrontEnd.compile(program);
    Object[] args = new Object[argsAndPasses.length - 1];
    for (int i = 0; i < args.length; i++) {
      args[i] = ValueText.parse(argsAndPasses[i], p.params().get(i).type());
    }
    WeldConf conf = WeldConf.defaults().withText(WeldConf.PASSES, passes).with(WeldConf.PASS_VERIFY, true);
    String interp = ValueText.format(new Interpreter(conf).run(Optimizer.optimize(p, conf).program(),
        List.of(args)), p.resultType());
    try (WeldModule m = WeldModule.compile(p, conf)) {
      String jit = ValueText.format(m.runJava(args), p.resultType());
      assertThat(jit).as("jit vs interpreter under " + passes).isEqualTo(interp);
    }
    return interp;
  }
}
