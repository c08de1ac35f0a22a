package dev.sparkweld.weld.types;

import static dev.sparkweld.weld.types.Ir.add;
import static dev.sparkweld.weld.types.Ir.body3;
import static dev.sparkweld.weld.types.Ir.builder;
import static dev.sparkweld.weld.types.Ir.forLoop;
import static dev.sparkweld.weld.types.Ir.i32;
import static dev.sparkweld.weld.types.Ir.id;
import static dev.sparkweld.weld.types.Ir.lam;
import static dev.sparkweld.weld.types.Ir.let;
import static dev.sparkweld.weld.types.Ir.merge;
import static dev.sparkweld.weld.types.Ir.p;
import static dev.sparkweld.weld.types.Ir.result;
import static dev.sparkweld.weld.types.TypedTrees.compileError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.TypedProgram;
import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The front-end facade: uniquify, infer, check linearity. */
class TypeCheckerTest {
  @Test
  void bodyThatIsNotALambdaBecomesAProgramWithoutParameters() {
    TypedProgram prog = TypeChecker.check(add(i32(1), i32(2)));
    assertThat(prog.params()).isEmpty();
    assertThat(prog.resultType()).isEqualTo(Type.I32);
  }

  @Test
  void shadowedNamesAreUniquifiedBeforeTyping() {
    // |x: i32| let x = x + 1; let x = [x]; x
    Expr program = lam(p("x", Type.I32), let("x", add(id("x"), i32(1)), let("x", Ir.vec(id("x")), id("x"))));
    TypedProgram prog = TypeChecker.check(program);
    assertThat(prog.resultType()).isEqualTo(Type.vec(Type.I32));
    Let outer = (Let) prog.lambda().body().kind();
    assertThat(outer.name()).isEqualTo(new Symbol("x", 1));
    assertThat(((Let) outer.body().kind()).name()).isEqualTo(new Symbol("x", 2));
    TypedTrees.assertFullyTyped(prog.body());
  }

  @Test
  void linearityErrorsSurfaceFromTheFacade() {
    Expr b = builder(new AppenderType(Type.I32));
    Expr program = lam(p("v", Type.vec(Type.I32)), result(forLoop(id("v"), b, body3("b", "i", "x",
        merge(merge(id("b"), id("x")), id("x"))).withType(Type.UNKNOWN))));
    assertThat(TypeChecker.check(program).resultType()).isEqualTo(Type.vec(Type.I32));
    Expr twice = let("b", builder(new AppenderType(Type.I32)),
        Ir.struct(result(merge(id("b"), i32(1))), result(merge(id("b"), i32(2)))));
    compileError(CompileErrorKind.LINEARITY, () -> TypeChecker.check(twice));
  }

  @Test
  void typeErrorsSurfaceFromTheFacade() {
    compileError(CompileErrorKind.UNDEFINED_SYMBOL, () -> TypeChecker.check(lam(List.of(), id("missing"))));
    compileError(CompileErrorKind.TYPE_MISMATCH, () -> TypeChecker.check(add(i32(1), Ir.i64(1))));
  }
}
