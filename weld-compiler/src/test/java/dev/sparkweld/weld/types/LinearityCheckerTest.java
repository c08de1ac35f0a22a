package dev.sparkweld.weld.types;

import static dev.sparkweld.weld.types.Ir.apply;
import static dev.sparkweld.weld.types.Ir.at;
import static dev.sparkweld.weld.types.Ir.bin;
import static dev.sparkweld.weld.types.Ir.body3;
import static dev.sparkweld.weld.types.Ir.builder;
import static dev.sparkweld.weld.types.Ir.field;
import static dev.sparkweld.weld.types.Ir.forLoop;
import static dev.sparkweld.weld.types.Ir.i32;
import static dev.sparkweld.weld.types.Ir.i64;
import static dev.sparkweld.weld.types.Ir.id;
import static dev.sparkweld.weld.types.Ir.iff;
import static dev.sparkweld.weld.types.Ir.lam;
import static dev.sparkweld.weld.types.Ir.let;
import static dev.sparkweld.weld.types.Ir.merge;
import static dev.sparkweld.weld.types.Ir.p;
import static dev.sparkweld.weld.types.Ir.result;
import static dev.sparkweld.weld.types.Ir.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec 4.5 "Linearity" on typed trees. */
class LinearityCheckerTest {
  private static final Type APP = new AppenderType(Type.I32);
  private static final Type SUM = new MergerType(Type.I32, BuilderOp.ADD);

  /** {@code |v: vec[i32], c: bool| body}, typed. */
  private static Expr typed(Expr body) {
    return TypeInference.infer(lam(List.of(p("v", Type.vec(Type.I32)), p("c", Type.BOOL)), body));
  }

  private static void accepts(Expr body) {
    Expr t = typed(body);
    assertThatCode(() -> LinearityChecker.check(t)).doesNotThrowAnyException();
  }

  private static WeldCompileException rejects(Expr body) {
    Expr t = typed(body);
    return TypedTrees.compileError(CompileErrorKind.LINEARITY, () -> LinearityChecker.check(t));
  }

  @Test
  void loopMergingIntoItsBuilderParameterIsLinear() {
    accepts(result(forLoop(id("v"), builder(APP), body3("b", "i", "x", merge(id("b"), id("x"))))));
  }

  @Test
  void builderUsedTwiceInSequenceIsRejectedAtTheSecondUse() {
    // let b = appender[i32]; let b1 = merge(b, 1); result(merge(b, 2))
    Expr body = let("b", builder(APP), let("b1", merge(at(id("b"), 1, 40), i32(1)),
        result(merge(at(id("b"), 2, 14), i32(2)))));
    WeldCompileException err = rejects(body);
    assertThat(err.span()).hasToString("2:14");
    assertThat(err.detail()).startsWith("builder b is used more than once; first use at 1:40");
  }

  @Test
  void eachBranchOfAnIfMayConsumeTheBuilderOnce() {
    accepts(result(forLoop(id("v"), builder(APP), body3("b", "i", "x",
        iff(bin(BinOpKind.GT, id("x"), i32(0)), merge(id("b"), id("x")), id("b"))))));
  }

  @Test
  void useInABranchAndAfterTheIfIsRejected() {
    // let b = appender; let r = if(c, result(b), [1]); result(b)
    Expr body = let("b", builder(APP), let("r", iff(id("c"), result(id("b")), Ir.vec(i32(1))),
        result(at(id("b"), 3, 8))));
    assertThat(rejects(body).span()).hasToString("3:8");
  }

  @Test
  void structOfBuildersFieldsAreConsumedSeparately() {
    Expr init = struct(builder(APP), builder(SUM));
    accepts(let("r", forLoop(id("v"), init, body3("bs", "i", "x",
        struct(merge(field(id("bs"), 0), id("x")), merge(field(id("bs"), 1), id("x"))))),
        struct(result(field(id("r"), 0)), result(field(id("r"), 1)))));
  }

  @Test
  void sameFieldOfAStructOfBuildersTwiceIsRejected() {
    Expr init = struct(builder(APP), builder(APP));
    Expr body = forLoop(id("v"), init, body3("bs", "i", "x",
        struct(merge(field(id("bs"), 0), id("x")), merge(field(at(id("bs"), 1, 33), 0), id("x")))));
    WeldCompileException err = rejects(let("r", body, result(field(id("r"), 0))));
    assertThat(err.span()).hasToString("1:33");
    assertThat(err.detail()).startsWith("builder bs.$0 is used more than once");
  }

  @Test
  void wholeStructOfBuildersAfterOneOfItsFieldsIsRejected() {
    Expr body = let("bs", struct(builder(APP), builder(APP)),
        let("r", result(field(id("bs"), 1)), let("again", id("bs"), Ir.vec(i32(0)))));
    assertThat(rejects(body).detail()).contains("its builder bs.$1 is already consumed");
  }

  @Test
  void builderBoundOutsideALambdaCannotBeUsedInside() {
    // let b = appender; result(for(v, appender, |b2, i, x| merge(b, x)))
    Expr body = let("b", builder(APP), result(forLoop(id("v"), builder(APP),
        body3("b2", "i", "x", merge(at(id("b"), 1, 50), id("x"))))));
    WeldCompileException err = rejects(body);
    assertThat(err.span()).hasToString("1:50");
    assertThat(err.detail()).startsWith("builder b is bound outside this lambda");
  }

  @Test
  void forBodyReturningAFreshBuilderIsRejectedAtThatBuilder() {
    Expr fresh = at(builder(APP), 1, 45);
    Expr body = result(forLoop(id("v"), builder(APP), body3("b", "i", "x",
        iff(bin(BinOpKind.GT, id("x"), i32(0)), merge(id("b"), id("x")), fresh))));
    WeldCompileException err = rejects(body);
    assertThat(err.span()).hasToString("1:45");
    assertThat(err.detail()).contains("must return a builder derived from its builder parameter b")
        .endsWith("but this is a new builder");
  }

  @Test
  void forBodyDerivingThroughLetNestedForAndAppliedLambdaIsAccepted() {
    // let add = |bb, y| merge(bb, y); result(for(v, appender, |b, i, x| let b1 = add(b, x); for(v, b1, |b2, j, y| merge(b2, y))))
    Expr addF = lam(List.of(p("bb"), p("y")), merge(id("bb"), id("y")));
    Expr inner = forLoop(id("v"), id("b1"), body3("b2", "j", "y", merge(id("b2"), id("y"))));
    accepts(let("add", addF, result(forLoop(id("v"), builder(APP),
        body3("b", "i", "x", let("b1", apply(id("add"), id("b"), id("x")), inner))))));
  }

  @Test
  void forBodySwappingStructOfBuildersFieldsIsRejected() {
    Expr init = struct(builder(APP), builder(APP));
    Expr loop = forLoop(id("v"), init, body3("bs", "i", "x",
        struct(merge(field(id("bs"), 1), id("x")), merge(field(id("bs"), 0), id("x")))));
    assertThat(rejects(let("r", loop, result(field(id("r"), 0)))).detail()).endsWith("not obtained from bs");
  }

  @Test
  void loopOverResultOfAnotherLoopIsLinear() {
    Expr first = result(forLoop(id("v"), builder(APP), body3("b", "i", "x", merge(id("b"), id("x")))));
    accepts(result(forLoop(first, builder(SUM), body3("b", "i", "x", merge(id("b"), id("x"))))));
    accepts(i64(0));
  }
}
