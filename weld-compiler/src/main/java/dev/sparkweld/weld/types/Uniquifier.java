package dev.sparkweld.weld.types;

import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Symbol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every binder ({@code let}, lambda parameter) a symbol used by no other binder in the program, and renames the
 * references accordingly, so that later passes can treat symbols as global names.
 *
 * <p>The first binder of a symbol keeps it (so {@code x} stays {@code x}); every later binder of the same symbol, be it
 * shadowing or merely a sibling, gets the next id of that name not used anywhere in the program ({@code x__1}, ...).
 * Ids are chosen around every symbol the input mentions, so a renamed binder can never capture a reference that was
 * free or bound elsewhere. Free identifiers are left as they are; type inference reports them.
 */
public final class Uniquifier {
  private final Set<Symbol> taken = new HashSet<>();
  private final Map<String, Integer> nextId = new HashMap<>();
  private final Map<Symbol, Deque<Symbol>> scope = new HashMap<>();
  private final Set<Symbol> mentioned;
  private final Limits limits = new Limits();

  private Uniquifier(Set<Symbol> mentioned) {
    this.mentioned = mentioned;
  }

  /** The expression with unique binders; throws {@link WeldCompileException} only for over-deep nesting. */
  public static Expr uniquify(Expr e) {
    try {
      Set<Symbol> mentioned = new HashSet<>();
      collect(e, mentioned, new Limits());
      return new Uniquifier(mentioned).walk(e);
    } catch (StackOverflowError err) {
      throw Limits.tooDeep(e.span());
    }
  }

  private static void collect(Expr e, Set<Symbol> out, Limits limits) {
    limits.enter(e.span());
    try {
      if (e.kind() instanceof Ident id) {
        out.add(id.symbol());
      } else if (e.kind() instanceof Let let) {
        out.add(let.name());
      } else if (e.kind() instanceof Lambda l) {
        l.params().forEach(p -> out.add(p.name()));
      }
      for (Expr c : e.children()) {
        collect(c, out, limits);
      }
    } finally {
      limits.exit();
    }
  }

  private Expr walk(Expr e) {
    limits.enter(e.span());
    try {
      if (e.kind() instanceof Ident id) {
        Deque<Symbol> s = scope.get(id.symbol());
        Symbol to = s == null || s.isEmpty() ? id.symbol() : s.peek();
        return to.equals(id.symbol()) ? e : e.withKind(new Ident(to));
      }
      if (e.kind() instanceof Let let) {
        Expr value = walk(let.value());
        Symbol name = bind(let.name());
        Expr body = walk(let.body());
        unbind(let.name());
        return e.withKind(new Let(name, value, body));
      }
      if (e.kind() instanceof Lambda l) {
        List<Param> params = new ArrayList<>(l.params().size());
        for (Param p : l.params()) {
          params.add(new Param(bind(p.name()), p.type(), p.span()));
        }
        Expr body = walk(l.body());
        for (Param p : l.params()) {
          unbind(p.name());
        }
        return e.withKind(new Lambda(params, body));
      }
      List<Expr> kids = new ArrayList<>(e.children().size());
      for (Expr c : e.children()) {
        kids.add(walk(c));
      }
      return e.withChildren(kids);
    } finally {
      limits.exit();
    }
  }

  /** Opens the scope of a binder of {@code original}; returns the symbol it gets. */
  private Symbol bind(Symbol original) {
    Symbol fresh = taken.add(original) ? original : freshFor(original.name());
    scope.computeIfAbsent(original, k -> new ArrayDeque<>()).push(fresh);
    return fresh;
  }

  private void unbind(Symbol original) {
    scope.get(original).pop();
  }

  private Symbol freshFor(String name) {
    int id = nextId.getOrDefault(name, 1);
    Symbol s = new Symbol(name, id);
    while (taken.contains(s) || mentioned.contains(s)) {
      id++;
      s = new Symbol(name, id);
    }
    nextId.put(name, id + 1);
    taken.add(s);
    return s;
  }
}
