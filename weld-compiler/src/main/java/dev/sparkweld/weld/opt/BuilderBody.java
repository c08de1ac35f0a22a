package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.Optional;
import java.util.function.Function;

/**
 * The loop bodies the fusion passes understand: the builder parameter {@code b} flows only through
 * {@code merge(b, e)}, {@code if(c, B1, B2)}, {@code let x = v; B} (v not mentioning b) and {@code b} itself. That
 * is every body the map/filter/aggregate macros and the SQL translators write; anything else (a nested loop over b,
 * a struct of builders, a simd merge) is left alone.
 */
final class BuilderBody {
  private BuilderBody() {}

  /** Merges into {@code b} per iteration: the same count on every path, or -1 (varies, or not a simple body). */
  static int exactMerges(Expr body, Symbol b) {
    int[] range = merges(body, b);
    return range != null && range[0] == range[1] ? range[0] : -1;
  }

  /** Most merges into {@code b} on any path, or -1 if the body is not simple. */
  static int maxMerges(Expr body, Symbol b) {
    int[] range = merges(body, b);
    return range == null ? -1 : range[1];
  }

  private static int[] merges(Expr e, Symbol b) {
    if (e.kind() instanceof Ident id) {
      return id.symbol().equals(b) ? new int[] {0, 0} : null;
    }
    if (e.kind() instanceof Merge m && m.builder().kind() instanceof Ident id && id.symbol().equals(b)) {
      return Trees.mentions(m.value(), b) || simd(m) ? null : new int[] {1, 1};
    }
    if (e.kind() instanceof If i && !Trees.mentions(i.cond(), b)) {
      int[] t = merges(i.onTrue(), b);
      int[] f = merges(i.onFalse(), b);
      return t == null || f == null ? null : new int[] {Math.min(t[0], f[0]), Math.max(t[1], f[1])};
    }
    if (e.kind() instanceof Let l && !Trees.mentions(l.value(), b)) {
      return merges(l.body(), b);
    }
    return null;
  }

  /** A simd merge adds several elements (or lanes) at once: not one element, as the rewrites assume. */
  private static boolean simd(Merge m) {
    return m.value().type() instanceof dev.sparkweld.weld.ir.SimdType;
  }

  /**
   * Rewrites a simple body for a builder of a new type: each {@code merge(b, e)} becomes {@code onMerge(e)} and
   * each returned {@code b} becomes {@code b} typed {@code newType}. Empty if the body is not simple.
   */
  static Optional<Expr> rewrite(Expr e, Symbol b, Type newType, Function<Expr, Expr> onMerge) {
    if (e.kind() instanceof Ident id) {
      return id.symbol().equals(b) ? Optional.of(Exprs.ident(b, newType)) : Optional.empty();
    }
    if (e.kind() instanceof Merge m && m.builder().kind() instanceof Ident id && id.symbol().equals(b)) {
      return Trees.mentions(m.value(), b) || simd(m) ? Optional.empty() : Optional.of(onMerge.apply(m.value()));
    }
    if (e.kind() instanceof If i && !Trees.mentions(i.cond(), b)) {
      Optional<Expr> t = rewrite(i.onTrue(), b, newType, onMerge);
      Optional<Expr> f = rewrite(i.onFalse(), b, newType, onMerge);
      if (t.isEmpty() || f.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Expr(new If(i.cond(), t.get(), f.get()), newType, e.annotations(), e.span()));
    }
    if (e.kind() instanceof Let l && !Trees.mentions(l.value(), b)) {
      return rewrite(l.body(), b, newType, onMerge).map(body -> Exprs.let(l.name(), l.value(), body));
    }
    return Optional.empty();
  }
}
