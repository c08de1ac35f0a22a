package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Cudf;
import dev.sparkweld.weld.ir.Deserialize;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ExprKind;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type inference (spec section 6): fills in the type of every node, every lambda parameter and every builder
 * declaration, or throws a {@link WeldCompileException} at the offending node.
 *
 * <p>Strategy: every node gets a type term; the typing rules become equations solved by unification (with an occurs
 * check), and rules that depend on a constructor not yet known (lookup on vector or dictionary, merge of T or simd[T],
 * result, field access, broadcast, simditer) wait and are retried to a fixpoint. Then the terms are written back as
 * {@link Type}s and a validation pass, children first, reports any type still unknown ({@code UNKNOWN_TYPE}) or
 * operand of the wrong class ({@code TYPE_MISMATCH}). Declared types and ascriptions on input nodes are equations
 * like any other, so a conflict with them is a {@code TYPE_MISMATCH} at the declaring node.
 *
 * <p>Total: any input tree yields a typed tree or a {@code WeldCompileException}; nesting deeper than
 * {@value Limits#MAX_DEPTH} levels is an {@code UNSUPPORTED} error.
 */
public final class TypeInference {
  private TypeInference() {}

  /**
   * Types {@code expr}. If it is a lambda it is taken as the program: its parameters need declared value types and
   * its result must be a value type.
   */
  public static Expr infer(Expr expr) {
    return infer(expr, Map.of());
  }

  /** Types {@code expr} with the free variables {@code outer} in scope (for passes that retype a subtree). */
  public static Expr infer(Expr expr, Map<Symbol, Type> outer) {
    try {
      Limits limits = new Limits();
      Map<Symbol, Term> env = new LinkedHashMap<>();
      outer.forEach((s, t) -> {
        limits.checkType(t, expr.span());
        env.put(s, Term.of(t));
      });
      Inferencer inferencer = new Inferencer(env, limits);
      Node root = inferencer.gen(expr, expr.kind() instanceof Lambda ? Inferencer.Pos.ENTRY : Inferencer.Pos.VALUE);
      inferencer.solver.solve();
      Expr typed = rebuild(root, new Limits());
      new TypedTreeValidator().check(typed);
      Solver.Deferred stuck = inferencer.solver.firstPending();
      if (stuck != null) {
        throw new WeldCompileException(CompileErrorKind.UNKNOWN_TYPE, stuck.span, "cannot infer the types here");
      }
      if (typed.kind() instanceof Lambda l) {
        checkEntry(typed, l);
      }
      return typed;
    } catch (StackOverflowError e) {
      // The depth limits keep the walks within a default stack; this is the backstop for a caller's smaller stack.
      throw Limits.tooDeep(expr.span());
    }
  }

  private static void checkEntry(Expr program, Lambda l) {
    for (Param p : l.params()) {
      if (!TypeRules.isValue(p.type())) {
        throw Solver.mismatch(p.span().isKnown() ? p.span() : program.span(), "program parameter " + p.name()
            + " must have a value type, not " + p.type());
      }
    }
    Type result = l.body().type();
    if (!TypeRules.isValue(result)) {
      throw Solver.mismatch(l.body().span(), "the program must return a value, not " + result);
    }
  }

  private static Expr rebuild(Node n, Limits limits) {
    Expr e = n.expr();
    limits.enter(e.span());
    try {
      List<Expr> kids = new ArrayList<>(n.children().size());
      for (Node c : n.children()) {
        kids.add(rebuild(c, limits));
      }
      Type type = n.type().toType();
      ExprKind kind = e.kind();
      if (kind instanceof Lambda l) {
        List<Param> params = new ArrayList<>();
        for (int i = 0; i < l.params().size(); i++) {
          params.add(l.params().get(i).withType(n.params().get(i).toType()));
        }
        kind = new Lambda(params, kids.get(0));
      } else if (kind instanceof Cudf c) {
        kind = new Cudf(c.symbol(), type, kids);
      } else if (kind instanceof Deserialize) {
        kind = new Deserialize(type, kids.get(0));
      } else if (!kids.isEmpty()) {
        kind = kind.withChildren(kids);
      }
      return new Expr(kind, type, e.annotations(), e.span());
    } finally {
      limits.exit();
    }
  }
}
