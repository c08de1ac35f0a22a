package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Generic walks over the tree. Programs reaching the optimizer are uniquified (every binder has its own symbol), so
 * substitution needs no capture checks as long as a duplicated subtree is given fresh binders ({@link #freshen}).
 */
final class Trees {
  private Trees() {}

  /** Applies {@code f} to each child; returns {@code e} itself when no child changed. */
  static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
    List<Expr> cs = e.children();
    if (cs.isEmpty()) {
      return e;
    }
    List<Expr> out = new ArrayList<>(cs.size());
    for (Expr c : cs) {
      out.add(f.apply(c));
    }
    return e.withChildren(out);
  }

  /** Rewrites children first, then the node: {@code f} sees rewritten children. */
  static Expr bottomUp(Expr e, UnaryOperator<Expr> f) {
    return f.apply(mapChildren(e, c -> bottomUp(c, f)));
  }

  static int size(Expr e) {
    int n = 1;
    for (Expr c : e.children()) {
      n += size(c);
    }
    return n;
  }

  /** References to {@code s} in {@code e}. */
  static int uses(Expr e, Symbol s) {
    if (e.kind() instanceof Ident id) {
      return id.symbol().equals(s) ? 1 : 0;
    }
    int n = 0;
    for (Expr c : e.children()) {
      n += uses(c, s);
    }
    return n;
  }

  static boolean mentions(Expr e, Symbol s) {
    if (e.kind() instanceof Ident id) {
      return id.symbol().equals(s);
    }
    for (Expr c : e.children()) {
      if (mentions(c, s)) {
        return true;
      }
    }
    return false;
  }

  /** Symbols referenced in {@code e} but not bound in it. */
  static Set<Symbol> freeVars(Expr e) {
    Set<Symbol> refs = new HashSet<>();
    Set<Symbol> bound = new HashSet<>();
    collect(e, refs, bound);
    refs.removeAll(bound);
    return refs;
  }

  private static void collect(Expr e, Set<Symbol> refs, Set<Symbol> bound) {
    if (e.kind() instanceof Ident id) {
      refs.add(id.symbol());
    } else if (e.kind() instanceof Let let) {
      bound.add(let.name());
    } else if (e.kind() instanceof Lambda l) {
      l.params().forEach(p -> bound.add(p.name()));
    }
    for (Expr c : e.children()) {
      collect(c, refs, bound);
    }
  }

  /** Replaces every reference to {@code s} by {@code value} (inserted as is: callers freshen duplicates). */
  static Expr subst(Expr e, Symbol s, Expr value) {
    if (e.kind() instanceof Ident id) {
      return id.symbol().equals(s) ? value : e;
    }
    return mapChildren(e, c -> subst(c, s, value));
  }

  /** Renames references (not binders) by {@code map}; the reference keeps its own type unless retyped. */
  static Expr renameRefs(Expr e, Map<Symbol, Symbol> map) {
    if (e.kind() instanceof Ident id) {
      Symbol to = map.get(id.symbol());
      return to == null ? e : e.withKind(new Ident(to));
    }
    return mapChildren(e, c -> renameRefs(c, map));
  }

  /** A copy of {@code e} whose binders are all fresh (references renamed to match), for duplicating code. */
  static Expr freshen(Expr e, PassContext cx) {
    Map<Symbol, Symbol> map = new HashMap<>();
    Expr renamedBinders = renameBinders(e, map, cx);
    return renameRefs(renamedBinders, map);
  }

  private static Expr renameBinders(Expr e, Map<Symbol, Symbol> map, PassContext cx) {
    Expr out = mapChildren(e, c -> renameBinders(c, map, cx));
    if (out.kind() instanceof Let let) {
      Symbol n = cx.fresh(let.name().name());
      map.put(let.name(), n);
      return out.withKind(new Let(n, let.value(), let.body()));
    }
    if (out.kind() instanceof Lambda l) {
      List<Param> ps = new ArrayList<>();
      for (Param p : l.params()) {
        Symbol n = cx.fresh(p.name().name());
        map.put(p.name(), n);
        ps.add(new Param(n, p.type(), p.span()));
      }
      return out.withKind(new Lambda(ps, l.body()));
    }
    return out;
  }
}
