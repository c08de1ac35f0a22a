package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.BuilderType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Let;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Horizontal fusion: sibling loops over the same data become one loop over a struct of builders, reading the data
 * once.
 *
 * <pre>
 * {result(for(v, merger[f64,+], |b,i,x| merge(b, x))), result(for(v, merger[f64,max], |c,j,y| merge(c, y)))}
 *   =>  let t = for(v, {merger[f64,+], merger[f64,max]},
 *                   |bs,i,x| let b = bs.$0; let c = bs.$1; {merge(b, x), merge(c, x)});
 *       {result(t.$0), result(t.$1)}
 * </pre>
 *
 * Siblings are consecutive elements of a struct literal, or consecutive lets whose later loops do not read the
 * earlier results. Their iterators must be the same expressions and unable to fail. The loops' builder expressions
 * and bodies now interleave, so at most one of the fused loops may contain anything that can fail.
 */
final class HorizontalFusion implements Pass {
  @Override
  public String name() {
    return "horizontal-fusion";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    return walk(program, cx);
  }

  /** Let chains are fused from their first let (top down), struct literals after their elements (bottom up). */
  private static Expr walk(Expr e, PassContext cx) {
    Expr cur = e.kind() instanceof Let ? lets(e, cx) : e;
    cur = Trees.mapChildren(cur, c -> walk(c, cx));
    return cur.kind() instanceof MakeStruct m ? structs(cur, m, cx) : cur;
  }

  /** {@code result(for(iters, builder, lambda))} with a single builder and iterators that cannot fail, or null. */
  private static For loop(Expr e, PassContext cx) {
    if (e.kind() instanceof Result r && r.builder().kind() instanceof For f && f.body().kind() instanceof Lambda
        && f.builder().type() instanceof BuilderType) {
      for (Iter it : f.iters()) {
        for (Expr c : it.children()) {
          if (!cx.total(c)) {
            return null;
          }
        }
      }
      return f;
    }
    return null;
  }

  private static boolean sameData(For a, For b) {
    return a.iters().equals(b.iters());
  }

  private static Expr structs(Expr e, MakeStruct m, PassContext cx) {
    List<Expr> es = m.elems();
    for (int start = 0; start < es.size(); start++) {
      For first = loop(es.get(start), cx);
      if (first == null) {
        continue;
      }
      int end = start + 1;
      while (end < es.size() && loop(es.get(end), cx) != null && sameData(first, loop(es.get(end), cx))) {
        end++;
      }
      List<For> group = new ArrayList<>();
      for (int k = start; k < end; k++) {
        group.add(loop(es.get(k), cx));
      }
      if (group.size() < 2 || !errorsAllowFusion(group, cx)) {
        continue;
      }
      Symbol t = cx.fresh("fused");
      Expr fused = fuse(group, cx);
      List<Expr> elems = new ArrayList<>(es);
      for (int k = start; k < end; k++) {
        elems.set(k, Exprs.result(Exprs.getField(Exprs.ident(t, fused.type()), k - start)));
      }
      // Elements before the group were evaluated before its loops: those that can fail stay first.
      List<Symbol> names = new ArrayList<>();
      for (int k = 0; k < start; k++) {
        if (!cx.total(es.get(k))) {
          Symbol s = cx.fresh("e");
          names.add(s);
          elems.set(k, Exprs.ident(s, es.get(k).type()));
        } else {
          names.add(null);
        }
      }
      Expr body = Exprs.let(t, fused, e.withKind(new MakeStruct(elems)));
      for (int k = start - 1; k >= 0; k--) {
        if (names.get(k) != null) {
          body = Exprs.let(names.get(k), es.get(k), body);
        }
      }
      return body;
    }
    return e;
  }

  /** {@code let a = L1; let b = L2; ...; body} with the same data and no later loop reading an earlier name. */
  private static Expr lets(Expr e, PassContext cx) {
    List<Let> chain = new ArrayList<>();
    List<For> group = new ArrayList<>();
    Expr cur = e;
    while (cur.kind() instanceof Let let) {
      For f = loop(let.value(), cx);
      if (f == null || (!group.isEmpty() && !sameData(group.get(0), f))) {
        break;
      }
      boolean independent = true;
      for (Let earlier : chain) {
        independent &= !Trees.mentions(let.value(), earlier.name());
      }
      if (!independent) {
        break;
      }
      chain.add(let);
      group.add(f);
      cur = let.body();
    }
    if (group.size() < 2 || !errorsAllowFusion(group, cx)) {
      return e;
    }
    Expr fused = fuse(group, cx);
    Symbol t = cx.fresh("fused");
    Expr body = cur;
    for (int k = chain.size() - 1; k >= 0; k--) {
      body = Exprs.let(chain.get(k).name(), Exprs.result(Exprs.getField(Exprs.ident(t, fused.type()), k)), body);
    }
    return Exprs.let(t, fused, body);
  }

  private static boolean errorsAllowFusion(List<For> group, PassContext cx) {
    int failing = 0;
    for (For f : group) {
      if (!cx.total(f.builder()) || !cx.total(f.body())) {
        failing++;
      }
    }
    return failing <= 1;
  }

  private static Expr fuse(List<For> group, PassContext cx) {
    List<Expr> builders = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    for (For f : group) {
      builders.add(f.builder());
      types.add(f.builder().type());
    }
    StructType st = new StructType(types);
    Lambda firstBody = (Lambda) group.get(0).body().kind();
    Symbol bs = cx.fresh("bs");
    Param i = firstBody.params().get(1);
    Param x = firstBody.params().get(2);
    Expr bsRef = Exprs.ident(bs, st);
    List<Expr> bodies = new ArrayList<>();
    List<Let> bind = new ArrayList<>();
    for (int k = 0; k < group.size(); k++) {
      Lambda l = (Lambda) group.get(k).body().kind();
      Map<Symbol, Symbol> rename = new HashMap<>();
      rename.put(l.params().get(1).name(), i.name());
      rename.put(l.params().get(2).name(), x.name());
      bodies.add(Trees.renameRefs(l.body(), rename));
      bind.add(new Let(l.params().get(0).name(), Exprs.getField(bsRef, k), bodies.get(k)));
    }
    Expr body = Exprs.struct(bodies);
    for (int k = group.size() - 1; k >= 0; k--) {
      body = Exprs.let(bind.get(k).name(), bind.get(k).value(), body);
    }
    Expr lambda = Exprs.lambda(List.of(new Param(bs, st), i, x), body);
    return Exprs.forLoop(group.get(0).iters(), Exprs.struct(builders), lambda, Annotations.NONE);
  }
}
