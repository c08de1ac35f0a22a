package dev.sparkweld.weld.types;

import static dev.sparkweld.weld.types.Ir.add;
import static dev.sparkweld.weld.types.Ir.apply;
import static dev.sparkweld.weld.types.Ir.bin;
import static dev.sparkweld.weld.types.Ir.bool;
import static dev.sparkweld.weld.types.Ir.e;
import static dev.sparkweld.weld.types.Ir.f64;
import static dev.sparkweld.weld.types.Ir.field;
import static dev.sparkweld.weld.types.Ir.i32;
import static dev.sparkweld.weld.types.Ir.i64;
import static dev.sparkweld.weld.types.Ir.id;
import static dev.sparkweld.weld.types.Ir.iff;
import static dev.sparkweld.weld.types.Ir.lam;
import static dev.sparkweld.weld.types.Ir.let;
import static dev.sparkweld.weld.types.Ir.lookup;
import static dev.sparkweld.weld.types.Ir.p;
import static dev.sparkweld.weld.types.Ir.struct;
import static dev.sparkweld.weld.types.Ir.typed;
import static dev.sparkweld.weld.types.Ir.vec;
import static dev.sparkweld.weld.types.TypedTrees.assertFullyTyped;
import static dev.sparkweld.weld.types.TypedTrees.first;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.ir.Assert;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Broadcast;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Deserialize;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.Iterate;
import dev.sparkweld.weld.ir.KeyExists;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Length;
import dev.sparkweld.weld.ir.Negate;
import dev.sparkweld.weld.ir.Not;
import dev.sparkweld.weld.ir.OptLookup;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.Serialize;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Slice;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.StringLiteral;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.ToVec;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.UnaryOpKind;
import dev.sparkweld.weld.ir.Zip;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Positive typing of the value constructs of spec 4.1-4.4 and 4.6-4.7. */
class TypeInferenceTest {
  private static final SimdType SIMD_F64 = new SimdType(ScalarKind.F64);

  private static Expr infer(Expr e) {
    return assertFullyTyped(TypeInference.infer(e));
  }

  /** The type of the body of a program {@code |params| body}. */
  private static Type bodyType(List<dev.sparkweld.weld.ir.Param> params, Expr body) {
    Expr typed = infer(lam(params, body));
    return ((Lambda) typed.kind()).body().type();
  }

  @Test
  void literalsHaveTheTypeOfTheirSuffixAndStringsAreVecI8() {
    assertThat(infer(i32(1)).type()).isEqualTo(Type.I32);
    assertThat(infer(i64(1)).type()).isEqualTo(Type.I64);
    assertThat(infer(f64(1)).type()).isEqualTo(Type.F64);
    assertThat(infer(bool(true)).type()).isEqualTo(Type.BOOL);
    assertThat(infer(e(new StringLiteral("hi"))).type()).isEqualTo(Type.vec(Type.I8));
  }

  @Test
  void programLambdaGetsAFunctionTypeFromDeclaredParameters() {
    Expr typed = infer(lam(List.of(p("a", Type.I64), p("b", Type.I64)), add(id("a"), id("b"))));
    assertThat(typed.type()).isEqualTo(new FunctionType(List.of(Type.I64, Type.I64), Type.I64));
  }

  @Test
  void operatorsGiveTheirSpecifiedResultTypes() {
    var ps = List.of(p("x", Type.I32), p("y", Type.I32), p("c", Type.BOOL));
    assertThat(bodyType(ps, bin(BinOpKind.LT, id("x"), id("y")))).isEqualTo(Type.BOOL);
    assertThat(bodyType(ps, bin(BinOpKind.LOGICAL_AND, id("c"), id("c")))).isEqualTo(Type.BOOL);
    assertThat(bodyType(ps, bin(BinOpKind.BIT_XOR, id("x"), id("y")))).isEqualTo(Type.I32);
    assertThat(bodyType(ps, bin(BinOpKind.BIT_AND, id("c"), id("c")))).isEqualTo(Type.BOOL);
    assertThat(bodyType(ps, bin(BinOpKind.SHL, id("x"), id("y")))).isEqualTo(Type.I32);
    assertThat(bodyType(ps, bin(BinOpKind.POW, id("x"), id("y")))).isEqualTo(Type.I32);
    assertThat(bodyType(ps, bin(BinOpKind.MIN, id("x"), id("y")))).isEqualTo(Type.I32);
    assertThat(bodyType(ps, e(new Negate(id("x"))))).isEqualTo(Type.I32);
    assertThat(bodyType(ps, e(new Not(id("x"))))).isEqualTo(Type.I32);
    assertThat(bodyType(ps, e(new Not(id("c"))))).isEqualTo(Type.BOOL);
    assertThat(bodyType(ps, e(new UnaryOp(UnaryOpKind.ABS, id("x"))))).isEqualTo(Type.I32);
    assertThat(bodyType(ps, e(new UnaryOp(UnaryOpKind.SQRT, e(new Cast(ScalarKind.F32, id("x")))))))
        .isEqualTo(Type.F32);
  }

  @Test
  void comparingStructsAndVectorsIsAllowed() {
    var ps = List.of(p("v", Type.vec(Type.struct(Type.I32, Type.F64))));
    assertThat(bodyType(ps, bin(BinOpKind.GE, id("v"), id("v")))).isEqualTo(Type.BOOL);
  }

  @Test
  void simdOperandsWorkLaneWiseAndCompareToSimdBool() {
    var ps = List.of(p("s", SIMD_F64));
    assertThat(bodyType(ps, add(id("s"), id("s")))).isEqualTo(SIMD_F64);
    assertThat(bodyType(ps, bin(BinOpKind.EQ, id("s"), id("s")))).isEqualTo(new SimdType(ScalarKind.BOOL));
    assertThat(bodyType(ps, e(new UnaryOp(UnaryOpKind.EXP, id("s"))))).isEqualTo(SIMD_F64);
    assertThat(bodyType(List.of(), e(new Broadcast(f64(1.0))))).isEqualTo(SIMD_F64);
    Expr sel = e(new Select(bin(BinOpKind.LT, id("s"), id("s")), id("s"), e(new Broadcast(f64(0)))));
    assertThat(bodyType(ps, sel)).isEqualTo(SIMD_F64);
  }

  @Test
  void letBindsAndAscriptionsAreRespected() {
    Expr body = let("x", typed(vec(), Type.vec(Type.I64)), e(new Length(id("x"))));
    Expr typed = infer(body);
    assertThat(typed.type()).isEqualTo(Type.I64);
    assertThat(first(typed, dev.sparkweld.weld.ir.MakeVector.class).type()).isEqualTo(Type.vec(Type.I64));
  }

  @Test
  void emptyVectorTakesItsTypeFromContext() {
    // if(c, [], [1]) : the empty branch learns vec[i32] from the other one.
    Expr typed = infer(lam(List.of(p("c", Type.BOOL)), iff(id("c"), vec(), vec(i32(1)))));
    assertThat(((Lambda) typed.kind()).body().type()).isEqualTo(Type.vec(Type.I32));
  }

  @Test
  void structsAndFieldsAreTypedPositionally() {
    assertThat(infer(field(struct(i32(1), f64(2), bool(true)), 1)).type()).isEqualTo(Type.F64);
    assertThat(infer(struct()).type()).isEqualTo(Type.struct());
  }

  @Test
  void vectorOperationsFollowSection44() {
    var ps = List.of(p("v", Type.vec(Type.F64)), p("w", Type.vec(Type.I32)));
    assertThat(bodyType(ps, lookup(id("v"), i64(0)))).isEqualTo(Type.F64);
    assertThat(bodyType(ps, e(new Length(id("v"))))).isEqualTo(Type.I64);
    assertThat(bodyType(ps, e(new Slice(id("v"), i64(0), i64(1))))).isEqualTo(Type.vec(Type.F64));
    assertThat(bodyType(ps, e(new Zip(List.of(id("v"), id("w"))))))
        .isEqualTo(Type.vec(Type.struct(Type.F64, Type.I32)));
    Expr cmp = lam(List.of(p("a"), p("b")), e(new Cast(ScalarKind.I32, bin(BinOpKind.SUB, id("a"), id("b")))));
    Expr sorted = infer(lam(ps, e(new Sort(id("v"), cmp))));
    assertThat(((Lambda) sorted.kind()).body().type()).isEqualTo(Type.vec(Type.F64));
    Lambda cmpTyped = (Lambda) first(((Lambda) sorted.kind()).body(), Lambda.class).kind();
    assertThat(cmpTyped.params()).allSatisfy(p -> assertThat(p.type()).isEqualTo(Type.F64));
  }

  @Test
  void dictionaryOperationsFollowSection44() {
    var ps = List.of(p("d", Type.dict(Type.vec(Type.I8), Type.I64)));
    Expr key = e(new StringLiteral("k"));
    assertThat(bodyType(ps, lookup(id("d"), key))).isEqualTo(Type.I64);
    assertThat(bodyType(ps, e(new OptLookup(id("d"), key)))).isEqualTo(Type.struct(Type.BOOL, Type.I64));
    assertThat(bodyType(ps, e(new KeyExists(id("d"), key)))).isEqualTo(Type.BOOL);
    assertThat(bodyType(ps, e(new ToVec(id("d"))))).isEqualTo(Type.vec(Type.struct(Type.vec(Type.I8), Type.I64)));
  }

  @Test
  void iterateLoopsOverAStructState() {
    // iterate({0L, 1L}, |s| {{s.$0 + 1L, s.$1 * 2L}, s.$0 < 10L})
    Expr s0 = field(id("s"), 0);
    Expr update = lam(p("s"), struct(struct(add(s0, i64(1)), bin(BinOpKind.MUL, field(id("s"), 1), i64(2))),
        bin(BinOpKind.LT, field(id("s"), 0), i64(10))));
    Expr typed = infer(e(new Iterate(struct(i64(0), i64(1)), update)));
    assertThat(typed.type()).isEqualTo(Type.struct(Type.I64, Type.I64));
    assertThat(((Lambda) first(typed, Lambda.class).kind()).params().get(0).type())
        .isEqualTo(Type.struct(Type.I64, Type.I64));
  }

  @Test
  void assertSerializeDeserializeAndCudfHaveTheirTypes() {
    assertThat(infer(e(new Assert(bool(true)))).type()).isEqualTo(Type.BOOL);
    assertThat(infer(e(new Serialize(struct(i32(1), vec(f64(1)))))).type()).isEqualTo(Type.vec(Type.U8));
    Type t = Type.dict(Type.I32, Type.vec(Type.F64));
    assertThat(infer(e(new Deserialize(t, e(new Serialize(i32(1)))))).type()).isEqualTo(t);
    Expr call = e(new Cudf("my_udf", Type.struct(Type.I64, Type.F32), List.of(i32(1), vec(f64(2)))));
    assertThat(infer(call).type()).isEqualTo(Type.struct(Type.I64, Type.F32));
  }

  @Test
  void appliedLambdaInfersItsParametersFromTheArguments() {
    Expr typed = infer(apply(lam(p("x"), add(id("x"), id("x"))), f64(2)));
    assertThat(typed.type()).isEqualTo(Type.F64);
    assertThat(((Lambda) first(typed, Lambda.class).kind()).params().get(0).type()).isEqualTo(Type.F64);
  }

  @Test
  void letBoundLambdaCanBeAppliedSeveralTimes() {
    Expr body = let("f", lam(p("x"), add(id("x"), i64(1))), add(apply(id("f"), i64(1)), apply(id("f"), i64(2))));
    assertThat(infer(body).type()).isEqualTo(Type.I64);
  }

  @Test
  void outerEnvironmentSuppliesFreeVariables() {
    Expr typed = TypeInference.infer(add(id("x"), i32(1)), Map.of(Symbol.of("x"), Type.I32));
    assertThat(typed.type()).isEqualTo(Type.I32);
  }
}
