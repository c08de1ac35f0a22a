package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.Macro;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Program;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.UnknownType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Expands macros (spec section 5): the built-ins {@code map filter flatten sum compare} and the program's own, which
 * may replace a built-in of the same name. A call {@code f(a, ...)} is a macro call when {@code f} is a plain
 * identifier naming a macro and no variable of that name is in scope. Arguments are expanded first, in the caller's
 * scope; then the instantiated body (see {@link Hygiene}) is expanded one level deeper. Lambdas passed as arguments
 * stay as {@code Apply(Lambda, args)} where the body applies them; a later pass inlines them.
 */
public final class MacroExpander {
  /** Expansion deeper than this is reported as (probably) recursive. */
  public static final int MAX_DEPTH = 64;

  private static final String BUILTIN_SOURCE = String.join("\n",
      "macro map(data, func) = result(for(data, appender, |b, i, x| merge(b, func(x))));",
      "macro filter(data, func) = result(for(data, appender, |b, i, x| if(func(x), merge(b, x), b)));",
      "macro flatten(data) = result(for(data, appender, |b, i, x| for(x, b, |b2, i2, x2| merge(b2, x2))));",
      "macro sum(data) = result(for(data, merger[?,+], |b, i, x| merge(b, x)));",
      "macro compare(a, b) = if(a > b, 1, if(a < b, -1, 0));");

  private static final List<Macro> BUILTINS = Parser.parseMacros(BUILTIN_SOURCE);

  private final Map<String, Macro> macros = new HashMap<>();
  private final Map<Symbol, Integer> scope = new HashMap<>();
  private final Hygiene.IntSupply ids;

  private MacroExpander(List<Macro> userMacros, int maxId) {
    for (Macro m : BUILTINS) {
      macros.put(m.name(), m);
    }
    Set<String> seen = new HashSet<>();
    for (Macro m : userMacros) {
      if (!seen.add(m.name())) {
        throw new WeldCompileException(CompileErrorKind.MACRO, m.span(), "macro '" + m.name() + "' is defined twice");
      }
      Set<String> params = new HashSet<>();
      for (String p : m.params()) {
        if (!params.add(p)) {
          throw new WeldCompileException(CompileErrorKind.MACRO, m.span(),
              "macro '" + m.name() + "' has two parameters named '" + p + "'");
        }
      }
      macros.put(m.name(), m);
    }
    this.ids = new Hygiene.IntSupply(maxId);
  }

  /** The built-in macros, as parsed from their spec text. */
  public static List<Macro> builtins() {
    return BUILTINS;
  }

  /** The program's body with all macros expanded. */
  public static Expr expand(Program program) {
    return expand(program.body(), program.macros());
  }

  /** {@code body} with the built-in macros and {@code userMacros} expanded. */
  public static Expr expand(Expr body, List<Macro> userMacros) {
    int maxId = SymbolIds.max(body);
    for (Macro m : userMacros) {
      maxId = Math.max(maxId, SymbolIds.max(m.body()));
    }
    int used = maxId;
    return DeepStack.call(() -> new MacroExpander(userMacros, used).walk(body, 0, Span.NONE));
  }

  private Macro macroCalled(Expr e) {
    if (e.kind() instanceof Apply a && a.func().kind() instanceof Ident id) {
      Symbol s = id.symbol();
      if (s.id() == 0 && !scope.containsKey(s)) {
        return macros.get(s.name());
      }
    }
    return null;
  }

  /** Expands the calls in {@code e}; {@code site} is the outermost call being expanded (for depth errors). */
  private Expr walk(Expr e, int depth, Span site) {
    Macro m = macroCalled(e);
    if (m != null) {
      return expandCall(e, (Apply) e.kind(), m, depth, site);
    }
    if (e.kind() instanceof Let) {
      return walkLetChain(e, depth, site);
    }
    if (e.kind() instanceof Lambda lambda) {
      lambda.params().forEach(p -> bind(p.name()));
      Expr body = walk(lambda.body(), depth, site);
      lambda.params().forEach(p -> unbind(p.name()));
      return e.withChildren(List.of(body));
    }
    List<Expr> children = new ArrayList<>();
    for (Expr c : e.children()) {
      children.add(walk(c, depth, site));
    }
    return e.withChildren(children);
  }

  /** Let chains are walked in a loop: generated programs have long ones. */
  private Expr walkLetChain(Expr e, int depth, Span site) {
    List<Expr> lets = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    Expr cur = e;
    while (cur.kind() instanceof Let let) {
      values.add(walk(let.value(), depth, site));
      bind(let.name());
      lets.add(cur);
      cur = let.body();
    }
    Expr body = walk(cur, depth, site);
    for (int i = lets.size() - 1; i >= 0; i--) {
      Let let = (Let) lets.get(i).kind();
      unbind(let.name());
      body = lets.get(i).withChildren(List.of(values.get(i), body));
    }
    return body;
  }

  private Expr expandCall(Expr call, Apply apply, Macro m, int depth, Span site) {
    Span outer = depth == 0 ? call.span() : site;
    if (apply.args().size() != m.params().size()) {
      throw new WeldCompileException(CompileErrorKind.MACRO, call.span(), "macro '" + m.name() + "' takes "
          + m.params().size() + " argument" + (m.params().size() == 1 ? "" : "s") + ", found " + apply.args().size());
    }
    if (depth >= MAX_DEPTH) {
      throw new WeldCompileException(CompileErrorKind.MACRO, outer, "macro expansion nested more than " + MAX_DEPTH
          + " levels deep while expanding '" + m.name() + "'; is the macro recursive?");
    }
    List<Expr> args = new ArrayList<>();
    for (Expr a : apply.args()) {
      args.add(walk(a, depth, site));
    }
    Expr body = Hygiene.instantiate(m, args, call.span(), ids);
    if (!(call.type() instanceof UnknownType)) {
      body = body.withType(call.type());
    }
    if (!call.annotations().isEmpty()) {
      TreeMap<String, String> merged = new TreeMap<>(body.annotations().values());
      merged.putAll(call.annotations().values());
      body = body.withAnnotations(Annotations.of(merged));
    }
    return walk(body, depth + 1, outer);
  }

  private void bind(Symbol s) {
    scope.merge(s, 1, Integer::sum);
  }

  private void unbind(Symbol s) {
    scope.computeIfPresent(s, (k, n) -> n == 1 ? null : n - 1);
  }

  /** Finds the largest symbol id used anywhere in a tree. */
  static final class SymbolIds {
    private SymbolIds() {}

    static int max(Expr root) {
      int max = 0;
      List<Expr> stack = new ArrayList<>(List.of(root));
      while (!stack.isEmpty()) {
        Expr e = stack.remove(stack.size() - 1);
        if (e.kind() instanceof Ident id) {
          max = Math.max(max, id.symbol().id());
        } else if (e.kind() instanceof Let let) {
          max = Math.max(max, let.name().id());
        } else if (e.kind() instanceof Lambda lambda) {
          for (Param p : lambda.params()) {
            max = Math.max(max, p.name().id());
          }
        }
        stack.addAll(e.children());
      }
      return max;
    }
  }
}
