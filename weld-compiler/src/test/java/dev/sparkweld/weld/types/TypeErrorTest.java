package dev.sparkweld.weld.types;

import static dev.sparkweld.weld.types.Ir.add;
import static dev.sparkweld.weld.types.Ir.apply;
import static dev.sparkweld.weld.types.Ir.at;
import static dev.sparkweld.weld.types.Ir.bin;
import static dev.sparkweld.weld.types.Ir.body3;
import static dev.sparkweld.weld.types.Ir.bool;
import static dev.sparkweld.weld.types.Ir.builder;
import static dev.sparkweld.weld.types.Ir.e;
import static dev.sparkweld.weld.types.Ir.f64;
import static dev.sparkweld.weld.types.Ir.field;
import static dev.sparkweld.weld.types.Ir.forLoop;
import static dev.sparkweld.weld.types.Ir.i32;
import static dev.sparkweld.weld.types.Ir.i64;
import static dev.sparkweld.weld.types.Ir.id;
import static dev.sparkweld.weld.types.Ir.iff;
import static dev.sparkweld.weld.types.Ir.lam;
import static dev.sparkweld.weld.types.Ir.let;
import static dev.sparkweld.weld.types.Ir.lookup;
import static dev.sparkweld.weld.types.Ir.merge;
import static dev.sparkweld.weld.types.Ir.p;
import static dev.sparkweld.weld.types.Ir.result;
import static dev.sparkweld.weld.types.Ir.struct;
import static dev.sparkweld.weld.types.Ir.vec;
import static dev.sparkweld.weld.types.TypedTrees.compileError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.Serialize;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.UnaryOpKind;
import dev.sparkweld.weld.ir.VecMergerType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each class of typing error (spec 6, 7): its kind, its message and the position it is reported at. */
class TypeErrorTest {
  private static WeldCompileException error(CompileErrorKind kind, Expr program) {
    return compileError(kind, () -> TypeInference.infer(program));
  }

  private static Expr program(List<Param> params, Expr body) {
    return lam(params, body);
  }

  @Test
  void operandsOfDifferentTypesAreAMismatchAtTheOperatorNamingBothTypes() {
    // |a: i64, b: i32| a + b   with '+' at 1:20
    Expr plus = at(add(at(id("a"), 1, 18), at(id("b"), 1, 22)), 1, 20);
    WeldCompileException err = error(CompileErrorKind.TYPE_MISMATCH,
        program(List.of(p("a", Type.I64), p("b", Type.I32)), plus));
    assertThat(err.span()).hasToString("1:20");
    assertThat(err.getMessage()).isEqualTo("1:20: type mismatch error: operands of '+' have different types i64"
        + " and i32");
  }

  @Test
  void undefinedIdentifierIsReportedAtTheIdentifier() {
    WeldCompileException err = error(CompileErrorKind.UNDEFINED_SYMBOL, add(i32(1), at(id("nope"), 2, 7)));
    assertThat(err.span()).hasToString("2:7");
    assertThat(err.detail()).isEqualTo("undefined symbol nope");
  }

  @Test
  void emptyVectorWithoutContextIsAnUnknownTypeAtTheVector() {
    WeldCompileException err = error(CompileErrorKind.UNKNOWN_TYPE, let("v", at(vec(), 1, 9), e(
        new dev.sparkweld.weld.ir.Length(id("v")))));
    assertThat(err.span()).hasToString("1:9");
    assertThat(err.detail()).contains("the empty vector []").contains("vec[?]");
  }

  @Test
  void forBodyWithTwoParametersIsAnArityError() {
    Expr body = at(lam(List.of(p("b"), p("x")), id("b")), 1, 24);
    WeldCompileException err = error(CompileErrorKind.ARITY,
        forLoop(vec(i32(1)), builder(new AppenderType(Type.I32)), body));
    assertThat(err.span()).hasToString("1:24");
    assertThat(err.detail()).isEqualTo("for body takes 3 parameters (builder, index, element), got 2");
  }

  @Test
  void sortAndIterateFunctionsHaveFixedArity() {
    Expr v = vec(i32(1));
    assertThat(error(CompileErrorKind.ARITY, e(new Sort(v, lam(p("a"), i32(0))))).detail())
        .isEqualTo("sort comparator takes 2 parameters, got 1");
    assertThat(error(CompileErrorKind.ARITY, e(new dev.sparkweld.weld.ir.Iterate(i32(0),
        lam(List.of(p("a"), p("b")), struct(id("a"), bool(false)))))).detail())
        .isEqualTo("iterate function takes 1 parameter, got 2");
  }

  @Test
  void sortComparatorMustReturnI32() {
    Expr cmp = lam(List.of(p("a"), p("b")), at(bin(BinOpKind.SUB, id("a"), id("b")), 1, 30));
    WeldCompileException err = error(CompileErrorKind.TYPE_MISMATCH, e(new Sort(vec(i64(1)), cmp)));
    assertThat(err.span()).hasToString("1:30");
    assertThat(err.detail()).contains("must have type i32, got i64");
  }

  @Test
  void operatorClassesAreEnforced() {
    var ps = List.of(p("x", Type.I32), p("f", Type.F64), p("d", Type.dict(Type.I32, Type.I32)));
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, program(ps, bin(BinOpKind.EQ, id("d"), id("d")))).detail())
        .isEqualTo("cannot compare values of type dict[i32,i32]");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, program(ps, bin(BinOpKind.LOGICAL_OR, id("x"), id("x"))))
        .detail()).contains("operands of '||' must be bool, got i32");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, program(ps, bin(BinOpKind.SHR, id("f"), id("f")))).detail())
        .isEqualTo("'>>' needs integer operands, got f64");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, program(ps, bin(BinOpKind.BIT_OR, id("f"), id("f"))))
        .detail()).isEqualTo("'|' needs integer or bool operands, got f64");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, program(ps, add(bool(true), bool(false)))).detail())
        .isEqualTo("'+' needs numeric operands, got bool");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, program(ps, e(new UnaryOp(UnaryOpKind.SQRT, id("x")))))
        .detail()).contains("sqrt needs a float");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, program(ps, e(new Cast(ScalarKind.I64, vec(id("x"))))))
        .detail()).isEqualTo("casts convert scalars, got vec[i32]");
  }

  @Test
  void indicesMustBeI64AndLookupNeedsAVectorOrDictionary() {
    var ps = List.of(p("v", Type.vec(Type.F64)));
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, program(ps, lookup(id("v"), at(i32(0), 1, 12)))).detail())
        .isEqualTo("a vector lookup index must have type i64, got i32");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, lookup(at(i32(3), 1, 8), i64(0))).span()).hasToString("1:8");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, forLoop(at(i32(3), 1, 5), builder(new AppenderType(Type.I32)),
        body3("b", "i", "x", id("b")))).detail()).isEqualTo("iter needs a vector, got i32");
  }

  @Test
  void dictionaryKeysMustBeHashable() {
    Type badKey = Type.dict(Type.dict(Type.I32, Type.I32), Type.I32);
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, program(List.of(p("d", badKey)), id("d"))).detail())
        .contains("dictionary key type dict[i32,i32] is not hashable");
  }

  @Test
  void mergeValueMustMatchTheBuilder() {
    Expr merged = merge(builder(new AppenderType(Type.I32)), at(f64(1), 3, 4));
    WeldCompileException err = error(CompileErrorKind.TYPE_MISMATCH, result(merged));
    assertThat(err.span()).hasToString("3:4");
    assertThat(err.detail()).isEqualTo("merge into appender[i32] needs i32, got f64");
  }

  @Test
  void mergerElementsMustBeNumericScalarsOrStructsOfThem() {
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, result(builder(new MergerType(Type.vec(Type.I32),
        BuilderOp.ADD)))).detail()).contains("must be numeric scalars or structs of them");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, result(builder(new MergerType(Type.BOOL, BuilderOp.ADD))))
        .detail()).contains("bool only with min or max");
  }

  @Test
  void resultOfAStructOfBuildersIsRejected() {
    Expr bs = struct(builder(new AppenderType(Type.I32)), builder(new AppenderType(Type.I32)));
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, result(bs)).detail())
        .startsWith("result on a struct of builders");
  }

  @Test
  void vecmergerNeedsAnInitialVector() {
    assertThat(error(CompileErrorKind.ARITY, result(builder(new VecMergerType(Type.I32, BuilderOp.ADD))))
        .detail()).isEqualTo("vecmerger needs an initial vector");
  }

  @Test
  void programParametersNeedDeclaredValueTypes() {
    assertThat(error(CompileErrorKind.UNKNOWN_TYPE, lam(p("x"), id("x"))).detail())
        .contains("program parameter x needs a declared type");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, lam(p("b", new AppenderType(Type.I32)), i32(0))).detail())
        .contains("program parameter b must have a value type");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, lam(List.of(), builder(new AppenderType(Type.I32))))
        .detail()).contains("the program must return a value");
  }

  @Test
  void functionsAreNotValues() {
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, vec(lam(p("x"), id("x")))).detail())
        .startsWith("a lambda is not a value");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, let("f", lam(p("x"), id("x")), struct(id("f")))).detail())
        .startsWith("f is a function");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, apply(i32(1), i32(2))).detail())
        .isEqualTo("only lambdas and let-bound lambdas can be applied");
    assertThat(error(CompileErrorKind.ARITY, apply(lam(p("x"), id("x")), i32(1), i32(2))).detail())
        .isEqualTo("the lambda takes 1 parameter(s), got 2 argument(s)");
  }

  @Test
  void declaredTypesAreRespected() {
    WeldCompileException err = error(CompileErrorKind.TYPE_MISMATCH,
        let("x", at(i64(1), 1, 14).withType(Type.I32), id("x")));
    assertThat(err.span()).hasToString("1:14");
    assertThat(err.detail()).isEqualTo("expression of type i64 is declared as i32");
    Expr param = lam(p("y", Type.I32), id("y"));
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, apply(param, f64(1))).detail())
        .isEqualTo("parameter y is declared i32 but the application passes f64");
  }

  @Test
  void fieldAccessOutOfRangeAndOnNonStructs() {
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, field(struct(i32(1)), 1)).detail())
        .isEqualTo("field $1 does not exist in {i32}");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, field(i32(1), 0)).detail())
        .startsWith("field access .$0 needs a struct");
  }

  @Test
  void branchesMustAgreeAndConditionsMustBeBool() {
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, iff(bool(true), i32(1), i64(1))).detail())
        .isEqualTo("branches of if have different types i32 and i64");
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, iff(i32(1), i32(1), i32(1))).detail())
        .isEqualTo("the condition of if must have type bool, got i32");
    Expr simdCond = e(new dev.sparkweld.weld.ir.Broadcast(bool(true)));
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, e(new Select(simdCond, i32(1), i32(2)))).detail())
        .isEqualTo("a select on simd[bool] needs simd branches, got i32");
  }

  @Test
  void simdValuesAreNotSerializable() {
    Expr s = e(new Serialize(e(new dev.sparkweld.weld.ir.Broadcast(f64(1)))));
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, s).detail())
        .isEqualTo("cannot serialize a value of type " + new SimdType(ScalarKind.F64));
  }

  @Test
  void nditerIsUnsupported() {
    Iter nd = new Iter(IterKind.ND, Optional.of(vec(i32(1))), Optional.of(i64(0)), Optional.of(i64(1)),
        Optional.of(i64(1)), Optional.of(vec(i64(1))), Optional.of(vec(i64(1))));
    Expr loop = e(new dev.sparkweld.weld.ir.For(List.of(nd), builder(new AppenderType(Type.I32)),
        body3("b", "i", "x", id("b"))));
    assertThat(error(CompileErrorKind.UNSUPPORTED, loop).detail()).isEqualTo("nditer is not supported");
  }

  @Test
  void infiniteTypesAreMismatchesNotCrashes() {
    // let f = |x| if(true, x, [x]); f(1)   needs x = vec[x]
    Expr f = lam(p("x"), iff(bool(true), id("x"), vec(id("x"))));
    assertThat(error(CompileErrorKind.TYPE_MISMATCH, let("f", f, apply(id("f"), i32(1)))).detail())
        .startsWith("branches of if have different types");
  }

  @Test
  void unappliedLambdaParameterIsUnknownAtTheParameter() {
    Expr f = lam(List.of(new Param(Symbol.of("x"), Type.UNKNOWN, dev.sparkweld.weld.diag.Span.of(1, 10, 1))),
        id("x"));
    WeldCompileException err = error(CompileErrorKind.UNKNOWN_TYPE, let("f", f, i32(0)));
    assertThat(err.span()).hasToString("1:10");
    assertThat(err.detail()).startsWith("cannot infer the type of parameter x");
  }

  @Test
  void builderMergedWithNothingStaysUnknown() {
    Expr b = at(builder(new AppenderType(Type.UNKNOWN)), 1, 3);
    WeldCompileException err = error(CompileErrorKind.UNKNOWN_TYPE, result(b));
    assertThat(err.span()).hasToString("1:3");
    assertThat(err.detail()).isEqualTo("cannot infer the type of this builder (got appender[?])");
  }
}
