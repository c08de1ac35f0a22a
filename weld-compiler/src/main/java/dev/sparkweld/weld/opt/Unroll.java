package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.conf.WeldConf;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.MakeVector;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Unrolls loops with a small static trip count (a vector literal, or a {@code rangeiter} with literal bounds) into a
 * chain of lets, one copy of the body per iteration.
 *
 * <pre>
 * result(for([p, q], merger[i64,+], |b,i,x| merge(b, x * 2L)))
 *   =>  let e0 = p; let e1 = q; let b0 = merger[i64,+];
 *       let b1 = (let b = b0; let i = 0L; let x = e0; merge(b, x * 2L));
 *       let b2 = (let b__1 = b1; let i__1 = 1L; let x__1 = e1; merge(b__1, x__1 * 2L));
 *       result(b2)
 * </pre>
 *
 * Evaluation order is the loop's: elements left to right, then the builder, then the iterations in order. At most
 * {@code weld.optimization.unroll.limit} iterations are unrolled.
 */
final class Unroll implements Pass {
  @Override
  public String name() {
    return "unroll";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    int limit = cx.conf().get(WeldConf.UNROLL_LIMIT);
    return Trees.bottomUp(program, e -> e.kind() instanceof For f ? unroll(e, f, limit, cx) : e);
  }

  private static Expr unroll(Expr e, For f, int limit, PassContext cx) {
    if (f.iters().size() != 1 || !(f.body().kind() instanceof Lambda)) {
      return e;
    }
    Iter it = f.iters().get(0);
    List<Expr> elems = new ArrayList<>();
    if (it.isSimple() && it.data().get().kind() instanceof MakeVector v && v.elems().size() <= limit) {
      elems.addAll(v.elems());
    } else if (it.kind() == IterKind.RANGE && it.start().get().kind() instanceof Literal s
        && it.end().get().kind() instanceof Literal end && it.stride().get().kind() instanceof Literal st
        && st.asBigInteger().signum() != 0) {
      List<Long> values = range(s.asBigInteger(), end.asBigInteger(), st.asBigInteger(), limit);
      if (values == null) {
        return e;
      }
      values.forEach(x -> elems.add(Exprs.i64(x)));
    } else {
      return e;
    }
    List<Symbol> names = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    for (Expr x : elems) {
      boolean trivial = x.kind() instanceof Literal;
      names.add(trivial ? null : cx.fresh("e"));
      values.add(x);
    }
    Type bt = e.type();
    Symbol acc = cx.fresh("b");
    List<Symbol> accs = new ArrayList<>(List.of(acc));
    List<Expr> steps = new ArrayList<>();
    for (int k = 0; k < elems.size(); k++) {
      Lambda l = (Lambda) (k == 0 ? f.body() : Trees.freshen(f.body(), cx)).kind();
      Expr x = names.get(k) == null ? values.get(k) : Exprs.ident(names.get(k), values.get(k).type());
      Expr body = Exprs.let(l.params().get(0).name(), Exprs.ident(accs.get(k), bt),
          Exprs.let(l.params().get(1).name(), Exprs.i64(k), Exprs.let(l.params().get(2).name(), x, l.body())));
      steps.add(body);
      accs.add(cx.fresh("b"));
    }
    Expr out = Exprs.ident(accs.get(elems.size()), bt);
    for (int k = elems.size() - 1; k >= 0; k--) {
      out = Exprs.let(accs.get(k + 1), steps.get(k), out);
    }
    out = Exprs.let(accs.get(0), f.builder(), out);
    for (int k = elems.size() - 1; k >= 0; k--) {
      if (names.get(k) != null) {
        out = Exprs.let(names.get(k), values.get(k), out);
      }
    }
    return out;
  }

  /** The values of a rangeiter, or null if there are more than {@code limit}. */
  private static List<Long> range(BigInteger start, BigInteger end, BigInteger stride, int limit) {
    List<Long> out = new ArrayList<>();
    BigInteger x = start;
    while (stride.signum() > 0 ? x.compareTo(end) < 0 : x.compareTo(end) > 0) {
      if (out.size() == limit) {
        return null;
      }
      out.add(x.longValue());
      x = x.add(stride);
    }
    return out;
  }
}
