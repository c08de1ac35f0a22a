package dev.sparkweld.weld.codegen.llvm;

import dev.sparkweld.weld.conf.OverflowMode;
import dev.sparkweld.weld.ir.Apply;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which merges check integer overflow. The spec ties the mode to the builder: {@code @(overflow:check)} on a
 * {@code newbuilder} (else {@code weld.overflow}) governs every merge into it and into the builders derived from it.
 * The interpreter carries the flag in its builder objects; generated code has no room for it in a builder's SSA value,
 * so this pass follows builders from where they are made to where they are merged into (through let, for, if, structs
 * of builders) and records the mode of each merge. Where two origins of different modes meet (an {@code if} choosing
 * between them) the configured default applies.
 *
 * <p>A mode is a {@code Boolean} for one builder, a {@code List} of modes for a struct of builders, or null (not a
 * builder, or not known).
 */
final class BuilderModes {
  private final boolean defaultChecked;
  private final Map<Expr, Boolean> merges = new IdentityHashMap<>();

  private BuilderModes(boolean defaultChecked) {
    this.defaultChecked = defaultChecked;
  }

  static BuilderModes of(Expr program, OverflowMode conf) {
    BuilderModes m = new BuilderModes(conf == OverflowMode.CHECK);
    m.walk(program, new HashMap<>());
    return m;
  }

  /** Whether the merge expression {@code merge} checks overflow. */
  boolean checked(Expr merge) {
    Boolean b = merges.get(merge);
    return b == null ? defaultChecked : b;
  }

  private Object walk(Expr e, Map<Symbol, Object> env) {
    Object k = e.kind();
    if (k instanceof NewBuilder) {
      e.children().forEach(c -> walk(c, env));
      String mode = e.annotations().get("overflow").orElse(null);
      return "check".equals(mode) || (!"wrap".equals(mode) && defaultChecked);
    }
    if (k instanceof Ident id) {
      return env.get(id.symbol());
    }
    if (k instanceof Let let) {
      Object m = walk(let.value(), env);
      return walk(let.body(), bind(env, let.name(), m));
    }
    if (k instanceof Merge mg) {
      Object m = walk(mg.builder(), env);
      walk(mg.value(), env);
      if (m instanceof Boolean b) {
        merges.put(e, b);
      }
      return m;
    }
    if (k instanceof For f) {
      f.iters().forEach(it -> it.children().forEach(c -> walk(c, env)));
      Object m = walk(f.builder(), env);
      if (f.body().kind() instanceof Lambda body && !body.params().isEmpty()) {
        walk(body.body(), bind(env, body.params().get(0).name(), m));
      } else {
        walk(f.body(), env);
      }
      return m;
    }
    if (k instanceof If i) {
      walk(i.cond(), env);
      return meet(walk(i.onTrue(), env), walk(i.onFalse(), env));
    }
    if (k instanceof Select s) {
      walk(s.cond(), env);
      return meet(walk(s.onTrue(), env), walk(s.onFalse(), env));
    }
    if (k instanceof MakeStruct ms) {
      List<Object> fields = new ArrayList<>();
      boolean any = false;
      for (Expr c : ms.elems()) {
        Object m = walk(c, env);
        any |= m != null;
        fields.add(m);
      }
      return any ? fields : null;
    }
    if (k instanceof GetField g) {
      Object m = walk(g.value(), env);
      return m instanceof List<?> l ? l.get(g.index()) : null;
    }
    if (k instanceof Apply a && a.func().kind() instanceof Lambda l && l.params().size() == a.args().size()) {
      Map<Symbol, Object> inner = env;
      for (int i = 0; i < a.args().size(); i++) {
        inner = bind(inner, l.params().get(i).name(), walk(a.args().get(i), env));
      }
      return walk(l.body(), inner);
    }
    e.children().forEach(c -> walk(c, env));
    return null;
  }

  /** Symbols are unique after the front end's uniquify step, so one map serves every scope. */
  private static Map<Symbol, Object> bind(Map<Symbol, Object> env, Symbol s, Object mode) {
    env.put(s, mode);
    return env;
  }

  private static Object meet(Object a, Object b) {
    if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < la.size(); i++) {
        out.add(meet(la.get(i), lb.get(i)));
      }
      return out;
    }
    return Objects.equals(a, b) ? a : null;
  }
}
