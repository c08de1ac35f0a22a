package dev.sparkweld.weld.opt;

import static dev.sparkweld.weld.opt.PassTester.assertRewrites;
import static dev.sparkweld.weld.opt.PassTester.assertUnchanged;

import org.junit.jupiter.api.Test;

/** Each small pass, stated as input and expected output in Weld text. */
class SimplePassesTest {
  @Test
  void inlineApplyTurnsCallsIntoLetsAndCopiesLetBoundLambdas() {
    assertRewrites(Passes.INLINE_APPLY, "|a: i64, c: i64| let f = |x: i64| x + 1L; f(a) * f(c)",
        "|a: i64, c: i64| (let x = a; x + 1L) * (let y = c; y + 1L)");
  }

  @Test
  void inlineLetSubstitutesSingleUsesAndDropsDeadTotalLets() {
    assertRewrites(Passes.INLINE_LET, "|a: i64| let x = a * 2L; let dead = a + 1L; x + 1L", "|a: i64| a * 2L + 1L");
  }

  @Test
  void inlineLetKeepsADeadLetThatCanFail() {
    assertUnchanged(Passes.INLINE_LET, "|v: vec[i64]| let x = lookup(v, 10L); 1L");
  }

  @Test
  void inlineLetDoesNotMoveAFailingValueBehindAnotherFailure() {
    // Inlining would evaluate lookup(v, 1L) first: a different error when both fail.
    assertUnchanged(Passes.INLINE_LET, "|v: vec[i64]| let x = lookup(v, 0L); lookup(v, 1L) + x");
  }

  @Test
  void inlineLetMovesAFailingValueToAUseEvaluatedFirst() {
    assertRewrites(Passes.INLINE_LET, "|v: vec[i64]| let x = lookup(v, 0L); x + lookup(v, 1L)",
        "|v: vec[i64]| lookup(v, 0L) + lookup(v, 1L)");
  }

  @Test
  void inlineLetNeverMovesWorkIntoALoopBody() {
    assertUnchanged(Passes.INLINE_LET,
        "|v: vec[i64]| let s = len(v) * 2L; result(for(v, merger[i64,+], |b,i,x| merge(b, x + s)))");
  }

  @Test
  void inlineZipIteratesZippedVectorsTogether() {
    assertRewrites(Passes.INLINE_ZIP,
        "|a: vec[i64], c: vec[i64]| result(for((zip(a, c)), merger[i64,+], |b,i,x| merge(b, x.$0 * x.$1)))",
        "|a: vec[i64], c: vec[i64]| result(for(zip(a, c), merger[i64,+], |b,i,x| merge(b, x.$0 * x.$1)))");
  }

  @Test
  void simplifyFoldsConstantsAndIdentities() {
    assertRewrites(Passes.SIMPLIFY, "|x: i64, y: i64| if(2 > 1, x + 0L, y) * (3L * 4L)", "|x: i64, y: i64| x * 12L");
    assertRewrites(Passes.SIMPLIFY, "|a: i64, c: bool| {a, c}.$1 && true", "|a: i64, c: bool| c");
    assertRewrites(Passes.SIMPLIFY, "|p: i64| len([p, p, p])", "|p: i64| 3L");
  }

  @Test
  void simplifyLeavesFailingAndFloatOperationsAlone() {
    assertUnchanged(Passes.SIMPLIFY, "|x: i64| x / 0L");
    assertUnchanged(Passes.SIMPLIFY, "|x: f64| x + 0.0");
    assertUnchanged(Passes.SIMPLIFY, "|v: vec[i64]| {lookup(v, 5L), 1L}.$1");
    assertUnchanged(Passes.SIMPLIFY, "|x: i32| @(overflow:check) (2147483647 + 1)");
  }

  @Test
  void cseSharesRepeatedTotalExpressions() {
    assertRewrites(Passes.CSE, "|x: i64, y: i64| (x * y + 1L) / (x * y + 1L + 2L)",
        "|x: i64, y: i64| let t = x * y + 1L; t / (t + 2L)");
  }

  @Test
  void cseDoesNotShareWhatCanFail() {
    assertUnchanged(Passes.CSE, "|v: vec[i64]| if(len(v) > 3L, lookup(v, 2L), 0L) + lookup(v, 2L)");
  }

  @Test
  void shortCircuitPicksOperatorsByCost() {
    assertRewrites(Passes.SHORT_CIRCUIT, "|a: i64, c: bool| if(c, a > 0L, false)", "|a: i64, c: bool| c & a > 0L");
    assertUnchanged(Passes.SHORT_CIRCUIT,
        "|v: vec[i64], i: i64| i < len(v) && lookup(v, i) > 0L");
  }

  @Test
  void inferSizeGivesAppendersTheLengthOfTheirData() {
    assertRewrites(Passes.INFER_SIZE,
        "|v: vec[i64]| result(for(v, appender[i64], |b,i,x| if(x > 0L, merge(b, x), b)))",
        "|v: vec[i64]| result(for(v, appender[i64](len(v)), |b,i,x| if(x > 0L, merge(b, x), b)))");
  }

  @Test
  void unrollExpandsSmallStaticLoops() {
    assertRewrites(Passes.UNROLL,
        "|p: i64, q: i64| result(for([p, q], merger[i64,+], |b,i,x| merge(b, x * 2L)))",
        "|p: i64, q: i64| result(let e0 = p; let e1 = q; let b0 = merger[i64,+];"
            + " let b1 = (let b = b0; let i = 0L; let x = e0; merge(b, x * 2L));"
            + " let b2 = (let c = b1; let j = 1L; let y = e1; merge(c, y * 2L)); b2)");
    assertUnchanged(Passes.UNROLL,
        "|v: vec[i64]| result(for(rangeiter(0L, 100L, 1L), merger[i64,+], |b,i,x| merge(b, x)))");
  }
}
