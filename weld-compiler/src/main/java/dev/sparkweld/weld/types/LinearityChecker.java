package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.types.BuilderLeaves.Leaf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builder linearity (spec 4.5) on a typed tree: every builder is consumed at most once on every control path, a
 * builder bound outside a lambda is not used inside it, and a {@code for} body returns a builder derived from its
 * builder parameter. Violations are {@code LINEARITY} errors at the second use or the offending return.
 *
 * <p>A use is an occurrence of a builder-typed variable; {@code bs.$i} uses only the builders of field i. The walk
 * follows evaluation order carrying the builders consumed so far on the current path: a sequence accumulates,
 * the two branches of an {@code if} start from the same state and join (so a builder may be used once in each
 * branch), and a lambda body starts afresh since it may not touch outer builders anyway. Not consuming a builder is
 * accepted: it is dead code, and the derivation rule already forces a for body to pass its builder on.
 */
public final class LinearityChecker {
  /** A variable in scope: its type, the lambda nesting level it was bound at, and its lambda if let-bound to one. */
  private record Var(Type type, int level, Lambda lambda) {}

  private final Map<Symbol, Var> scope = new HashMap<>();
  private final Limits limits = new Limits();
  private Map<Leaf, Span> consumed = new LinkedHashMap<>();
  private int level;

  private LinearityChecker() {}

  /** Checks a typed tree; throws a {@code LINEARITY} {@link WeldCompileException} on the first violation. */
  public static void check(Expr typed) {
    try {
      new LinearityChecker().walk(typed);
    } catch (StackOverflowError e) {
      throw Limits.tooDeep(typed.span());
    }
  }

  private void walk(Expr e) {
    limits.enter(e.span());
    try {
      if (e.kind() instanceof Ident id) {
        use(id.symbol(), List.of(), e);
      } else if (e.kind() instanceof GetField && builderAccess(e) != null) {
        Expr base = e;
        List<Integer> path = new ArrayList<>();
        while (base.kind() instanceof GetField g) {
          path.add(0, g.index());
          base = g.value();
        }
        use(((Ident) base.kind()).symbol(), path, base);
      } else if (e.kind() instanceof Let let) {
        walk(let.value());
        Var saved = scope.put(let.name(), new Var(let.value().type(), level,
            let.value().kind() instanceof Lambda l ? l : null));
        walk(let.body());
        restore(let.name(), saved);
      } else if (e.kind() instanceof Lambda l) {
        lambda(l);
      } else if (e.kind() instanceof If k) {
        walk(k.cond());
        Map<Leaf, Span> before = new LinkedHashMap<>(consumed);
        walk(k.onTrue());
        Map<Leaf, Span> afterTrue = consumed;
        consumed = before;
        walk(k.onFalse());
        afterTrue.forEach(consumed::putIfAbsent);
      } else {
        for (Expr c : e.children()) {
          walk(c);
        }
        if (e.kind() instanceof For f && f.body().kind() instanceof Lambda body && !body.params().isEmpty()) {
          Param b = body.params().get(0);
          new BuilderDerivation(limits, this::letBoundLambda).checkForBody(b.name(), b.type(), body.body());
        }
      }
    } finally {
      limits.exit();
    }
  }

  private Lambda letBoundLambda(Symbol s) {
    Var v = scope.get(s);
    return v == null ? null : v.lambda();
  }

  /** The base variable of a field access chain {@code x.$i.$j} of builder type, or null. */
  private Symbol builderAccess(Expr e) {
    if (!e.type().isBuilder()) {
      return null;
    }
    Expr base = e;
    while (base.kind() instanceof GetField g) {
      base = g.value();
    }
    return base.kind() instanceof Ident id ? id.symbol() : null;
  }

  private void lambda(Lambda l) {
    Map<Leaf, Span> outer = consumed;
    consumed = new LinkedHashMap<>();
    level++;
    Map<Symbol, Var> saved = new HashMap<>();
    for (Param p : l.params()) {
      Var old = scope.put(p.name(), new Var(p.type(), level, null));
      saved.putIfAbsent(p.name(), old);
    }
    walk(l.body());
    saved.forEach(this::restore);
    level--;
    consumed = outer;
  }

  private void restore(Symbol s, Var v) {
    if (v == null) {
      scope.remove(s);
    } else {
      scope.put(s, v);
    }
  }

  /** Consumes the builders of variable {@code s} under {@code path}; {@code at} is the identifier's node. */
  private void use(Symbol s, List<Integer> path, Expr at) {
    Var v = scope.get(s);
    if (v == null || !v.type().isBuilder()) {
      return;
    }
    String name = new Leaf(s, path).toString();
    if (v.level() < level) {
      throw error(at.span(), "builder " + name + " is bound outside this lambda and cannot be used inside it"
          + " (a lambda body may run many times)");
    }
    for (Leaf leaf : BuilderLeaves.of(s, v.type())) {
      if (!BuilderLeaves.under(leaf.path(), path)) {
        continue;
      }
      Span first = consumed.get(leaf);
      if (first != null) {
        String also = leaf.path().equals(path) ? "" : " (its builder " + leaf + " is already consumed)";
        throw error(at.span(), "builder " + name + " is used more than once" + also + "; first use at " + first
            + "; each builder may be consumed at most once");
      }
      consumed.put(leaf, at.span());
    }
  }

  static WeldCompileException error(Span span, String detail) {
    return new WeldCompileException(CompileErrorKind.LINEARITY, span, detail);
  }
}
