package dev.sparkweld.weld.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.BuilderType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helpers over typed trees. */
final class TypedTrees {
  private TypedTrees() {}

  /** Asserts the postconditions of inference: no unknown type on any node or parameter, builders complete. */
  static Expr assertFullyTyped(Expr e) {
    assertThat(e.type().isPartial()).as("type of %s", e.kind()).isFalse();
    if (e.kind() instanceof Lambda l) {
      for (Param p : l.params()) {
        assertThat(p.type().isPartial()).as("type of parameter %s", p.name()).isFalse();
      }
    }
    if (e.kind() instanceof NewBuilder) {
      assertThat(e.type()).isInstanceOf(BuilderType.class);
    }
    e.children().forEach(TypedTrees::assertFullyTyped);
    return e;
  }

  /** All nodes (pre-order) satisfying {@code p}. */
  static List<Expr> find(Expr root, Predicate<Expr> p) {
    List<Expr> out = new ArrayList<>();
    collect(root, p, out);
    return out;
  }

  private static void collect(Expr e, Predicate<Expr> p, List<Expr> out) {
    if (p.test(e)) {
      out.add(e);
    }
    e.children().forEach(c -> collect(c, p, out));
  }

  /** The first node (pre-order) whose kind is of class {@code k}. */
  static Expr first(Expr root, Class<?> k) {
    List<Expr> all = find(root, x -> k.isInstance(x.kind()));
    assertThat(all).as("a %s node", k.getSimpleName()).isNotEmpty();
    return all.get(0);
  }

  /** Runs {@code code}, asserting it throws a compile error of {@code kind}; returns the error. */
  static WeldCompileException compileError(CompileErrorKind kind, ThrowingCallable code) {
    try {
      code.call();
    } catch (WeldCompileException e) {
      assertThat(e.kind()).as("kind of: %s", e.getMessage()).isEqualTo(kind);
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected a " + kind + " compile error, got " + t, t);
    }
    throw new AssertionError("expected a " + kind + " compile error, but it compiled");
  }
}
