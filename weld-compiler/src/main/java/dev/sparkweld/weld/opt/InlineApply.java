package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Symbol;
import java.util.List;

/**
 * Calls of lambdas become lets, and lambdas bound by {@code let} are copied to their uses, so later passes see one
 * tree with no function values.
 *
 * <pre>
 * let f = |x: i64| x + 1L; f(a) + f(b)
 *   =>  (let x = a; x + 1L) + (let x__1 = b; x__1 + 1L)
 * </pre>
 *
 * Arguments are evaluated left to right before the body in both forms, so errors are unchanged. Every copy of a
 * lambda after the first gets fresh binders, keeping symbols unique.
 */
final class InlineApply implements Pass {
  @Override
  public String name() {
    return "inline-apply";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    Lambda entry = (Lambda) program.kind();
    return program.withChildren(List.of(rewrite(entry.body(), cx)));
  }

  private Expr rewrite(Expr e, PassContext cx) {
    if (e.kind() instanceof Let let && let.value().kind() instanceof Lambda) {
      Expr body = copyInto(let.body(), let.name(), let.value(), cx, new boolean[1]);
      return rewrite(body, cx);
    }
    Expr out = Trees.mapChildren(e, c -> rewrite(c, cx));
    if (out.kind() instanceof Apply a && a.func().kind() instanceof Lambda l) {
      Expr body = l.body();
      for (int i = l.params().size() - 1; i >= 0; i--) {
        body = Exprs.let(l.params().get(i).name(), a.args().get(i), body);
      }
      return body;
    }
    return out;
  }

  /** Replaces each reference to {@code f} by the lambda, fresh after the first copy. */
  private static Expr copyInto(Expr e, Symbol f, Expr lambda, PassContext cx, boolean[] used) {
    if (e.kind() instanceof Ident id && id.symbol().equals(f)) {
      Expr copy = used[0] ? Trees.freshen(lambda, cx) : lambda;
      used[0] = true;
      return copy;
    }
    return Trees.mapChildren(e, c -> copyInto(c, f, lambda, cx, used));
  }
}
