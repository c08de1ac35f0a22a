package dev.sparkweld.weld.types;

import static dev.sparkweld.weld.types.Ir.add;
import static dev.sparkweld.weld.types.Ir.apply;
import static dev.sparkweld.weld.types.Ir.body3;
import static dev.sparkweld.weld.types.Ir.builder;
import static dev.sparkweld.weld.types.Ir.e;
import static dev.sparkweld.weld.types.Ir.f64;
import static dev.sparkweld.weld.types.Ir.field;
import static dev.sparkweld.weld.types.Ir.forIters;
import static dev.sparkweld.weld.types.Ir.forLoop;
import static dev.sparkweld.weld.types.Ir.i32;
import static dev.sparkweld.weld.types.Ir.i64;
import static dev.sparkweld.weld.types.Ir.id;
import static dev.sparkweld.weld.types.Ir.iter;
import static dev.sparkweld.weld.types.Ir.lam;
import static dev.sparkweld.weld.types.Ir.merge;
import static dev.sparkweld.weld.types.Ir.p;
import static dev.sparkweld.weld.types.Ir.result;
import static dev.sparkweld.weld.types.Ir.struct;
import static dev.sparkweld.weld.types.Ir.vec;
import static dev.sparkweld.weld.types.TypedTrees.assertFullyTyped;
import static dev.sparkweld.weld.types.TypedTrees.first;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecMergerType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positive typing of builders and {@code for} (spec 4.5), including inference of builder types. */
class BuilderTypingTest {
  private static final Type VEC_F64 = Type.vec(Type.F64);
  private static final AppenderType APPENDER_ANY = new AppenderType(Type.UNKNOWN);

  /** Infers {@code |v: vec[f64]| body} and returns the typed body. */
  private static Expr overVector(Expr body) {
    Expr typed = assertFullyTyped(TypeInference.infer(lam(p("v", VEC_F64), body)));
    return ((Lambda) typed.kind()).body();
  }

  private static List<Param> bodyParams(Expr typed) {
    return ((Lambda) ((For) first(typed, For.class).kind()).body().kind()).params();
  }

  @Test
  void mapInfersTheAppenderElementAndTheLoopParameters() {
    // result(for(v, appender, |b, i, x| merge(b, (|y| y * 2.0)(x))))   (the expanded map macro)
    Expr f = lam(p("y"), Ir.bin(dev.sparkweld.weld.ir.BinOpKind.MUL, id("y"), f64(2)));
    Expr typed = overVector(result(forLoop(id("v"), builder(APPENDER_ANY),
        body3("b", "i", "x", merge(id("b"), apply(f, id("x")))))));
    assertThat(typed.type()).isEqualTo(VEC_F64);
    assertThat(first(typed, NewBuilder.class).type()).isEqualTo(new AppenderType(Type.F64));
    assertThat(bodyParams(typed)).extracting(Param::type)
        .containsExactly(new AppenderType(Type.F64), Type.I64, Type.F64);
  }

  @Test
  void sumInfersTheMergerElementFromWhatIsMerged() {
    Expr typed = overVector(result(forLoop(id("v"), builder(new MergerType(Type.UNKNOWN, BuilderOp.ADD)),
        body3("b", "i", "x", merge(id("b"), id("x"))))));
    assertThat(typed.type()).isEqualTo(Type.F64);
  }

  @Test
  void builderTypeFlowsBackwardsFromTheResultUse() {
    // (result(for(v, appender, |b,i,x| b)) : vec[i64]) would be unknown without the ascription.
    Expr loop = forLoop(vec(i32(1)), builder(APPENDER_ANY), body3("b", "i", "x", id("b")));
    Expr typed = assertFullyTyped(TypeInference.infer(result(loop).withType(Type.vec(Type.I64))));
    assertThat(first(typed, NewBuilder.class).type()).isEqualTo(new AppenderType(Type.I64));
  }

  @Test
  void builderArgumentsHaveTheirSpecifiedTypes() {
    Expr hinted = overVector(result(builder(new AppenderType(Type.F64), i64(100))));
    assertThat(hinted.type()).isEqualTo(VEC_F64);
    Expr initial = overVector(result(builder(new MergerType(Type.UNKNOWN, BuilderOp.MAX), f64(0))));
    assertThat(initial.type()).isEqualTo(Type.F64);
    Expr vm = overVector(result(merge(builder(new VecMergerType(Type.UNKNOWN, BuilderOp.ADD), id("v")),
        struct(i64(0), f64(1)))));
    assertThat(vm.type()).isEqualTo(VEC_F64);
  }

  @Test
  void dictmergerAndGroupmergerBuildDictionaries() {
    Expr pair = struct(e(new dev.sparkweld.weld.ir.Cast(ScalarKind.I32, id("x"))), id("x"));
    Expr dm = overVector(result(forLoop(id("v"),
        builder(new DictMergerType(Type.UNKNOWN, Type.UNKNOWN, BuilderOp.ADD)),
        body3("b", "i", "x", merge(id("b"), pair)))));
    assertThat(dm.type()).isEqualTo(Type.dict(Type.I32, Type.F64));
    Expr gm = overVector(result(forLoop(id("v"), builder(new GroupMergerType(Type.UNKNOWN, Type.UNKNOWN)),
        body3("b", "i", "x", merge(id("b"), pair)))));
    assertThat(gm.type()).isEqualTo(Type.dict(Type.I32, VEC_F64));
  }

  @Test
  void boolMergerIsAllowedWithMinAndMax() {
    Expr any = overVector(result(forLoop(id("v"), builder(new MergerType(Type.BOOL, BuilderOp.MAX)),
        body3("b", "i", "x", merge(id("b"), Ir.bin(dev.sparkweld.weld.ir.BinOpKind.GT, id("x"), f64(0)))))));
    assertThat(any.type()).isEqualTo(Type.BOOL);
  }

  @Test
  void iteratorsYieldTheirSpecifiedElementTypes() {
    Expr bounded = overVector(result(forIters(List.of(iter(id("v"), i64(0), i64(4), i64(2))),
        builder(APPENDER_ANY), body3("b", "i", "x", merge(id("b"), id("x"))))));
    assertThat(bounded.type()).isEqualTo(VEC_F64);
    Expr range = overVector(result(forIters(List.of(Iter.range(i64(0), i64(10), i64(1))),
        builder(APPENDER_ANY), body3("b", "i", "x", merge(id("b"), id("x"))))));
    assertThat(range.type()).isEqualTo(Type.vec(Type.I64));
    Expr fringe = overVector(result(forIters(List.of(iter(IterKind.FRINGE, id("v"))),
        builder(APPENDER_ANY), body3("b", "i", "x", merge(id("b"), id("x"))))));
    assertThat(fringe.type()).isEqualTo(VEC_F64);
  }

  @Test
  void simditerYieldsSimdElementsThatMergeIntoScalarBuilders() {
    Expr typed = overVector(result(forIters(List.of(iter(IterKind.SIMD, id("v"))),
        builder(new MergerType(Type.UNKNOWN, BuilderOp.ADD)), body3("b", "i", "x", merge(id("b"), id("x"))))));
    assertThat(typed.type()).isEqualTo(Type.F64);
    assertThat(bodyParams(typed).get(2).type()).isEqualTo(new SimdType(ScalarKind.F64));
  }

  @Test
  void severalIteratorsZipIntoAStructElement() {
    Expr typed = overVector(result(forIters(List.of(Iter.of(id("v")), Iter.range(i64(0), i64(9), i64(1))),
        builder(APPENDER_ANY), body3("b", "i", "x", merge(id("b"), add(field(id("x"), 0), f64(1)))))));
    assertThat(bodyParams(typed).get(2).type()).isEqualTo(Type.struct(Type.F64, Type.I64));
  }

  @Test
  void structOfBuildersLoopsAndTakesResultsFieldByField() {
    // let r = for(v, {appender, merger[?,+]}, |bs,i,x| {merge(bs.$0, x), merge(bs.$1, 1L)}); {result(r.$0), result(r.$1)}
    Expr init = struct(builder(APPENDER_ANY), builder(new MergerType(Type.UNKNOWN, BuilderOp.ADD)));
    Expr loop = forLoop(id("v"), init, body3("bs", "i", "x",
        struct(merge(field(id("bs"), 0), id("x")), merge(field(id("bs"), 1), i64(1)))));
    Expr typed = overVector(Ir.let("r", loop, struct(result(field(id("r"), 0)), result(field(id("r"), 1)))));
    assertThat(typed.type()).isEqualTo(Type.struct(VEC_F64, Type.I64));
  }

  @Test
  void nestedLoopsFlattenIntoTheOuterBuilder() {
    // result(for(vv, appender, |b, i, x| for(x, b, |b2, i2, y| merge(b2, y))))
    Expr inner = forLoop(id("x"), id("b"), body3("b2", "i2", "y", merge(id("b2"), id("y"))));
    Expr program = lam(p("vv", Type.vec(VEC_F64)),
        result(forLoop(id("vv"), builder(APPENDER_ANY), body3("b", "i", "x", inner))));
    Expr typed = assertFullyTyped(TypeInference.infer(program));
    assertThat(((Lambda) typed.kind()).body().type()).isEqualTo(VEC_F64);
  }
}
