package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Macro;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.UnknownType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Instantiates a macro body at a call: every binder of the body (let names, lambda parameters) gets a fresh symbol id
 * so it can neither capture a variable of the arguments nor be captured, then the parameters are replaced by the
 * arguments. Nodes that come from the body take the call's span, so later errors point at the call.
 */
final class Hygiene {
  private final Map<Symbol, Expr> arguments = new HashMap<>();
  private final Map<Symbol, Symbol> renames = new HashMap<>();
  private final Span site;
  private final IntSupply ids;

  /** Hands out symbol ids above every id in the program, so fresh symbols are unique. */
  static final class IntSupply {
    private int next;

    IntSupply(int maxUsed) {
      this.next = maxUsed + 1;
    }

    Symbol fresh(Symbol s) {
      return new Symbol(s.name(), next++);
    }
  }

  private Hygiene(Macro m, List<Expr> args, Span site, IntSupply ids) {
    for (int i = 0; i < args.size(); i++) {
      arguments.put(Lexer.symbol(m.params().get(i)), args.get(i));
    }
    this.site = site;
    this.ids = ids;
  }

  static Expr instantiate(Macro m, List<Expr> args, Span site, IntSupply ids) {
    return new Hygiene(m, args, site, ids).copy(m.body());
  }

  private Expr copy(Expr e) {
    if (e.kind() instanceof Ident id) {
      Symbol renamed = renames.get(id.symbol());
      if (renamed != null) {
        return e.withKind(new Ident(renamed)).withSpan(site);
      }
      Expr arg = arguments.get(id.symbol());
      return arg == null ? e.withSpan(site) : argumentAt(e, arg);
    }
    if (e.kind() instanceof Let let) {
      Expr value = copy(let.value());
      Symbol fresh = ids.fresh(let.name());
      Symbol saved = renames.put(let.name(), fresh);
      Expr body = copy(let.body());
      restore(let.name(), saved);
      return e.withKind(new Let(fresh, value, body)).withSpan(site);
    }
    if (e.kind() instanceof Lambda lambda) {
      List<Param> params = new ArrayList<>();
      Map<Symbol, Symbol> saved = new HashMap<>();
      for (Param p : lambda.params()) {
        Symbol fresh = ids.fresh(p.name());
        saved.putIfAbsent(p.name(), renames.put(p.name(), fresh));
        params.add(new Param(fresh, p.type(), site));
      }
      Expr body = copy(lambda.body());
      saved.forEach(this::restore);
      return e.withKind(new Lambda(params, body)).withSpan(site);
    }
    List<Expr> children = new ArrayList<>();
    for (Expr c : e.children()) {
      children.add(copy(c));
    }
    return e.withChildren(children).withSpan(site);
  }

  private void restore(Symbol name, Symbol saved) {
    if (saved == null) {
      renames.remove(name);
    } else {
      renames.put(name, saved);
    }
  }

  /** The argument in place of a parameter occurrence, keeping an ascription or annotation written on it. */
  private static Expr argumentAt(Expr occurrence, Expr arg) {
    Expr out = arg;
    if (!(occurrence.type() instanceof UnknownType)) {
      out = out.withType(occurrence.type());
    }
    if (!occurrence.annotations().isEmpty()) {
      TreeMap<String, String> merged = new TreeMap<>(arg.annotations().values());
      merged.putAll(occurrence.annotations().values());
      out = out.withAnnotations(Annotations.of(merged));
    }
    return out;
  }
}
