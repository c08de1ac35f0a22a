package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.StringLiteral;

/**
 * Substitutes let-bound values into their uses and drops dead lets, so that a producer loop bound to a name meets
 * its consumer (which loop fusion needs).
 *
 * <pre>
 * let v = result(for(a, appender[i64], |b,i,x| merge(b, x * 2L)));
 * let unused = len(a);
 * result(for(v, merger[i64,+], |b,i,x| merge(b, x)))
 *   =>  result(for(result(for(a, appender[i64], |b,i,x| merge(b, x * 2L))), merger[i64,+], |b,i,x| merge(b, x)))
 * </pre>
 *
 * Rules: names and literals are substituted everywhere; a value used once is substituted when the use is outside
 * every lambda (never move work into a loop body) and either the value cannot fail or its use is evaluated first,
 * unconditionally ({@link EvalOrder#usedFirst}); an unused value is dropped only if it cannot fail.
 */
final class InlineLet implements Pass {
  @Override
  public String name() {
    return "inline-let";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    return Trees.bottomUp(program, e -> e.kind() instanceof Let let ? inline(e, let, cx) : e);
  }

  private static Expr inline(Expr e, Let let, PassContext cx) {
    Expr v = let.value();
    if (v.kind() instanceof Ident || v.kind() instanceof Literal) {
      return Trees.subst(let.body(), let.name(), v);
    }
    int uses = Trees.uses(let.body(), let.name());
    if (uses == 0) {
      return cx.total(v) ? let.body() : e;
    }
    if (uses == 1 && !(v.kind() instanceof StringLiteral) && !EvalOrder.usedInLambda(let.body(), let.name())
        && (cx.total(v) || EvalOrder.usedFirst(let.body(), let.name(), cx))) {
      return Trees.subst(let.body(), let.name(), v);
    }
    return e;
  }
}
