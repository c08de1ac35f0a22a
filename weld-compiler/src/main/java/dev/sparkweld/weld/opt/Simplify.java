package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.interp.Folding;
import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Length;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Lookup;
import dev.sparkweld.weld.ir.MakeStruct;
import dev.sparkweld.weld.ir.MakeVector;
import dev.sparkweld.weld.ir.Negate;
import dev.sparkweld.weld.ir.Not;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.UnaryOp;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Constant folding and algebraic simplification.
 *
 * <pre>
 * if(2 > 1, x + 0L, y)      =>  x
 * {a, b * 1L}.$1            =>  b            (a cannot fail)
 * len([p, q, r])            =>  3L
 * !(!(c)) &amp;&amp; true          =>  c
 * </pre>
 *
 * Folding uses the interpreter's operators ({@link Folding}), so a folded value is the value the program computes;
 * operations that would fail (division by zero, checked overflow) or produce a NaN stay for run time. Identities are
 * applied to integers only (for floats {@code x + 0.0} is not {@code x} when x is -0.0), and a subexpression is
 * dropped only if it cannot fail.
 */
final class Simplify implements Pass {
  @Override
  public String name() {
    return "simplify";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    return Trees.bottomUp(program, e -> simplify(e, cx));
  }

  private static Expr simplify(Expr e, PassContext cx) {
    if (e.kind() instanceof BinOp b) {
      return binOp(e, b, cx);
    }
    if (e.kind() instanceof Negate n && n.value().kind() instanceof Literal l) {
      return folded(e, Folding.negate(l, Effects.checked(e, cx)));
    }
    if (e.kind() instanceof UnaryOp u && u.value().kind() instanceof Literal l) {
      return folded(e, Folding.unary(u.op(), l, Effects.checked(e, cx)));
    }
    if (e.kind() instanceof Not n) {
      if (n.value().kind() instanceof Literal l) {
        return folded(e, Folding.not(l));
      }
      if (n.value().kind() instanceof Not inner) {
        return inner.value();
      }
      return e;
    }
    if (e.kind() instanceof Cast c) {
      if (c.value().kind() instanceof Literal l) {
        return folded(e, Folding.cast(l, c.target(), Effects.checked(e, cx)));
      }
      return c.value().type().equals(e.type()) ? c.value() : e;
    }
    if (e.kind() instanceof If i) {
      if (i.cond().kind() instanceof Literal l) {
        return l.asBoolean() ? i.onTrue() : i.onFalse();
      }
      if (cx.total(i.cond()) && AlphaEquivalence.equivalent(i.onTrue(), i.onFalse())) {
        return i.onTrue();
      }
      return e;
    }
    if (e.kind() instanceof Select s && s.cond().kind() instanceof Literal l) {
      Expr keep = l.asBoolean() ? s.onTrue() : s.onFalse();
      // select evaluates both branches: the dropped one must not be able to fail.
      Expr drop = l.asBoolean() ? s.onFalse() : s.onTrue();
      return cx.total(drop) ? keep : e;
    }
    if (e.kind() instanceof GetField g && g.value().kind() instanceof MakeStruct m) {
      return allTotalBut(m.elems(), g.index(), cx) ? m.elems().get(g.index()) : e;
    }
    if (e.kind() instanceof Length len && len.data().kind() instanceof MakeVector v) {
      return allTotalBut(v.elems(), -1, cx) ? Exprs.i64(v.elems().size()) : e;
    }
    if (e.kind() instanceof Lookup lk && lk.data().kind() instanceof MakeVector v
        && lk.index().kind() instanceof Literal l && l.asLong() >= 0 && l.asLong() < v.elems().size()) {
      int k = (int) l.asLong();
      return allTotalBut(v.elems(), k, cx) ? v.elems().get(k) : e;
    }
    return e;
  }

  private static Expr binOp(Expr e, BinOp b, PassContext cx) {
    Expr l = b.left();
    Expr r = b.right();
    BinOpKind op = b.op();
    if (l.kind() instanceof Literal a && r.kind() instanceof Literal c) {
      return folded(e, Folding.binary(op, a, c, Effects.checked(e, cx)));
    }
    if (op.isLogical()) {
      boolean and = op == BinOpKind.LOGICAL_AND;
      if (l.kind() instanceof Literal a) {
        // true && x = x; false && x = false; true || x = true; false || x = x.
        return a.asBoolean() == and ? r : l;
      }
      if (r.kind() instanceof Literal c) {
        if (c.asBoolean() == and) {
          return l; // x && true, x || false
        }
        return cx.total(l) ? r : e; // x && false, x || true
      }
      return e;
    }
    if (!(e.type() instanceof ScalarType st) || !st.kind().isInteger()) {
      return e;
    }
    switch (op) {
      case ADD:
        return isValue(r, 0) ? l : isValue(l, 0) ? r : e;
      case SUB:
        return isValue(r, 0) ? l : e;
      case MUL:
        if (isValue(r, 1)) {
          return l;
        }
        if (isValue(l, 1)) {
          return r;
        }
        if ((isValue(r, 0) && cx.total(l)) || (isValue(l, 0) && cx.total(r))) {
          return isValue(r, 0) ? r : l;
        }
        return e;
      case DIV:
        return isValue(r, 1) ? l : e;
      default:
        return e;
    }
  }

  private static boolean isValue(Expr e, long v) {
    return e.kind() instanceof Literal l && l.asBigInteger().equals(BigInteger.valueOf(v));
  }

  private static boolean allTotalBut(List<Expr> es, int keep, PassContext cx) {
    for (int i = 0; i < es.size(); i++) {
      if (i != keep && !cx.total(es.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static Expr folded(Expr e, Optional<Literal> l) {
    return l.map(lit -> new Expr(lit, e.type(), dev.sparkweld.weld.ir.Annotations.NONE, e.span())).orElse(e);
  }
}
