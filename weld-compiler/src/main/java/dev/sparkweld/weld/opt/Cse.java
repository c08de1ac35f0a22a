package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.StringLiteral;
import dev.sparkweld.weld.ir.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Common subexpression elimination within one function body (the program, or one lambda): an expression that
 * occurs twice or more is computed once, in a let placed at the innermost node enclosing all occurrences.
 *
 * <pre>
 * |x,y| (x * y + 1L) / (x * y + 1L + 2L)
 *   =>  |x,y| let cse = x * y + 1L; cse / (cse + 2L)
 * </pre>
 *
 * Only expressions that cannot fail are shared (computing them earlier, or where one branch would have skipped
 * them, changes nothing observable); names are unique, so an expression's free variables are in scope at every
 * ancestor of all its occurrences. Builders and functions are never shared.
 */
final class Cse implements Pass {
  @Override
  public String name() {
    return "cse";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    return Trees.bottomUp(program, e -> {
      if (!(e.kind() instanceof Lambda l)) {
        return e;
      }
      Expr body = l.body();
      for (int round = 0; round < 64; round++) {
        Expr next = once(body, cx);
        if (next == body) {
          break;
        }
        body = next;
      }
      return body == l.body() ? e : e.withChildren(List.of(body));
    });
  }

  /** Shares the largest repeated expression of {@code body} (not looking into lambdas), or returns body. */
  private static Expr once(Expr body, PassContext cx) {
    Map<Expr, List<List<Integer>>> where = new HashMap<>();
    collect(body, new ArrayList<>(), where, cx);
    Expr best = null;
    int bestSize = 0;
    for (Map.Entry<Expr, List<List<Integer>>> en : where.entrySet()) {
      if (en.getValue().size() >= 2) {
        int size = Trees.size(en.getKey());
        if (size > bestSize) {
          best = en.getKey();
          bestSize = size;
        }
      }
    }
    if (best == null) {
      return body;
    }
    List<List<Integer>> paths = where.get(best);
    List<Integer> lca = new ArrayList<>(paths.get(0));
    for (List<Integer> p : paths) {
      int n = 0;
      while (n < lca.size() && n < p.size() && lca.get(n).equals(p.get(n))) {
        n++;
      }
      lca = new ArrayList<>(lca.subList(0, n));
    }
    if (paths.stream().anyMatch(p -> p.size() == 0)) {
      return body;
    }
    Symbol name = cx.fresh("cse");
    Expr target = best;
    return at(body, lca, 0, node -> {
      Expr replaced = replace(node, target, Exprs.ident(name, target.type()));
      return Exprs.let(name, target, replaced);
    });
  }

  private static void collect(Expr e, List<Integer> path, Map<Expr, List<List<Integer>>> where, PassContext cx) {
    if (e.kind() instanceof Lambda) {
      return;
    }
    if (candidate(e, cx)) {
      where.computeIfAbsent(e, k -> new ArrayList<>()).add(List.copyOf(path));
    }
    List<Expr> cs = e.children();
    for (int i = 0; i < cs.size(); i++) {
      path.add(i);
      collect(cs.get(i), path, where, cx);
      path.remove(path.size() - 1);
    }
  }

  private static boolean candidate(Expr e, PassContext cx) {
    return !(e.kind() instanceof Ident || e.kind() instanceof Literal || e.kind() instanceof StringLiteral)
        && !fieldOfName(e)
        && !e.type().containsBuilder() && !(e.type() instanceof FunctionType) && !containsLambda(e)
        && cx.total(e);
  }

  /** {@code x.$0.$1}: free to recompute, not worth a name. */
  private static boolean fieldOfName(Expr e) {
    return e.kind() instanceof Ident
        || (e.kind() instanceof dev.sparkweld.weld.ir.GetField g && fieldOfName(g.value()));
  }

  private static boolean containsLambda(Expr e) {
    if (e.kind() instanceof Lambda) {
      return true;
    }
    for (Expr c : e.children()) {
      if (containsLambda(c)) {
        return true;
      }
    }
    return false;
  }

  private static Expr at(Expr e, List<Integer> path, int depth, java.util.function.UnaryOperator<Expr> f) {
    if (depth == path.size()) {
      return f.apply(e);
    }
    List<Expr> cs = new ArrayList<>(e.children());
    int i = path.get(depth);
    cs.set(i, at(cs.get(i), path, depth + 1, f));
    return e.withChildren(cs);
  }

  private static Expr replace(Expr e, Expr target, Expr with) {
    if (e.equals(target)) {
      return with;
    }
    if (e.kind() instanceof Lambda) {
      return e;
    }
    return Trees.mapChildren(e, c -> replace(c, target, with));
  }
}
