package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Structural equality ignoring the names of bound symbols: {@code let x = 1; x} equals {@code let y = 1; y}. Types
 * and annotations count; spans do not. Free symbols must match by name. This is the optimizer's fixpoint test and
 * the comparison of the pass tests.
 */
public final class AlphaEquivalence {
  private static final Expr HOLE = Expr.of(Literal.ofBool(false));

  private AlphaEquivalence() {}

  public static boolean equivalent(Expr a, Expr b) {
    return eq(a, b, new HashMap<>());
  }

  /** {@code bound} maps binders of {@code a} to the corresponding binders of {@code b}. */
  private static boolean eq(Expr a, Expr b, Map<Symbol, Symbol> bound) {
    if (a == b && bound.isEmpty()) {
      return true;
    }
    if (a.kind().getClass() != b.kind().getClass() || !a.type().equals(b.type())
        || !a.annotations().equals(b.annotations())) {
      return false;
    }
    if (a.kind() instanceof Ident ia) {
      Symbol sb = ((Ident) b.kind()).symbol();
      Symbol mapped = bound.get(ia.symbol());
      return mapped != null ? mapped.equals(sb) : ia.symbol().equals(sb) && !bound.containsValue(sb);
    }
    if (a.kind() instanceof Let la) {
      Let lb = (Let) b.kind();
      if (!eq(la.value(), lb.value(), bound)) {
        return false;
      }
      bound.put(la.name(), lb.name());
      return eq(la.body(), lb.body(), bound);
    }
    if (a.kind() instanceof Lambda la) {
      Lambda lb = (Lambda) b.kind();
      if (la.params().size() != lb.params().size()) {
        return false;
      }
      for (int i = 0; i < la.params().size(); i++) {
        if (!la.params().get(i).type().equals(lb.params().get(i).type())) {
          return false;
        }
        bound.put(la.params().get(i).name(), lb.params().get(i).name());
      }
      return eq(la.body(), lb.body(), bound);
    }
    List<Expr> ca = a.children();
    List<Expr> cb = b.children();
    if (ca.size() != cb.size() || !shape(a).equals(shape(b))) {
      return false;
    }
    for (int i = 0; i < ca.size(); i++) {
      if (!eq(ca.get(i), cb.get(i), bound)) {
        return false;
      }
    }
    return true;
  }

  /** The node with every child replaced by one placeholder: what remains is its own data (operator, index, ...). */
  private static Object shape(Expr e) {
    int n = e.children().size();
    if (n == 0) {
      return e.kind();
    }
    List<Expr> holes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      holes.add(HOLE);
    }
    return e.kind().withChildren(holes);
  }
}
