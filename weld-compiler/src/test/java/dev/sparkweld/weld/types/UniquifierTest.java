package dev.sparkweld.weld.types;

import static dev.sparkweld.weld.types.Ir.add;
import static dev.sparkweld.weld.types.Ir.i32;
import static dev.sparkweld.weld.types.Ir.id;
import static dev.sparkweld.weld.types.Ir.lam;
import static dev.sparkweld.weld.types.Ir.let;
import static dev.sparkweld.weld.types.Ir.p;
import static dev.sparkweld.weld.types.Ir.struct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniquifierTest {
  @Test
  void shadowingLetGetsAFreshIdAndItsReferencesFollow() {
    // let x = 1; let x = x + 1; x   ->   let x = 1; let x__1 = x + 1; x__1
    Expr in = let("x", i32(1), let("x", add(id("x"), i32(1)), id("x")));
    Expr expected = let("x", i32(1), let("x__1", add(id("x"), i32(1)), id("x__1")));
    assertThat(Uniquifier.uniquify(in)).isEqualTo(expected);
  }

  @Test
  void firstBindingOfANameKeepsIdZero() {
    Expr in = let("a", i32(1), let("b", id("a"), id("b")));
    assertThat(Uniquifier.uniquify(in)).isEqualTo(in);
  }

  @Test
  void siblingBindersAreMadeUniqueToo() {
    // {(|x| x)(1), (|x| x)(2)} : the second x becomes x__1
    Expr in = struct(Ir.apply(lam(p("x"), id("x")), i32(1)), Ir.apply(lam(p("x"), id("x")), i32(2)));
    Expr out = Uniquifier.uniquify(in);
    Expr second = out.children().get(1).children().get(0);
    assertThat(((Lambda) second.kind()).params().get(0).name()).isEqualTo(new Symbol("x", 1));
    assertThat(((Lambda) second.kind()).body()).isEqualTo(id("x__1"));
  }

  @Test
  void lambdaParameterShadowingALetIsRenamedInsideTheLambdaOnly() {
    // let x = 1; (|x: i32| x + 1)(x)   ->   let x = 1; (|x__1: i32| x__1 + 1)(x)
    Expr in = let("x", i32(1), Ir.apply(lam(p("x", Type.I32), add(id("x"), i32(1))), id("x")));
    Expr expected = let("x", i32(1), Ir.apply(lam(p("x__1", Type.I32), add(id("x__1"), i32(1))), id("x")));
    assertThat(Uniquifier.uniquify(in)).isEqualTo(expected);
  }

  @Test
  void freshIdsAvoidEverySymbolTheProgramMentions() {
    // let x = 1; let x = 2; x__1   : x__1 is free here, so the shadowing x must not become x__1.
    Expr in = let("x", i32(1), let("x", i32(2), add(id("x"), id("x__1"))));
    Expr out = Uniquifier.uniquify(in);
    Let inner = (Let) ((Let) out.kind()).body().kind();
    assertThat(inner.name()).isEqualTo(new Symbol("x", 2));
    assertThat(inner.body()).isEqualTo(add(id("x__2"), id("x__1")));
  }

  @Test
  void freeIdentifiersAreLeftForInferenceToReport() {
    Expr in = add(id("y"), let("y", i32(1), id("y")));
    Expr out = Uniquifier.uniquify(in);
    assertThat(((Ident) out.children().get(0).kind()).symbol()).isEqualTo(Symbol.of("y"));
    TypedTrees.compileError(CompileErrorKind.UNDEFINED_SYMBOL, () -> TypeInference.infer(out));
  }

  @Test
  void uniquifiedProgramsBindEverySymbolOnce() {
    Expr in = lam(List.of(p("x", Type.I32)), let("x", id("x"), let("x", id("x"), let("y", id("x"), id("y")))));
    Expr out = Uniquifier.uniquify(in);
    List<Symbol> binders = TypedTrees.find(out, e -> e.kind() instanceof Let).stream()
        .map(e -> ((Let) e.kind()).name()).toList();
    assertThat(binders).doesNotHaveDuplicates().doesNotContain(Symbol.of("x"));
    assertThat(TypeInference.infer(out).type().toString()).isEqualTo("|i32|(i32)");
  }

  @Test
  void overDeepTreeIsACompileErrorNotAStackOverflow() {
    Expr deep = i32(0);
    for (int i = 0; i < 5000; i++) {
      deep = add(deep, i32(1));
    }
    Expr tree = deep;
    TypedTrees.compileError(CompileErrorKind.UNSUPPORTED, () -> Uniquifier.uniquify(tree));
  }
}
