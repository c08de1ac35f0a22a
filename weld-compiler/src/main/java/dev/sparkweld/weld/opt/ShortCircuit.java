package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Type;

/**
 * Chooses between short-circuit and eager boolean operators by cost, and writes boolean ifs as operators.
 *
 * <pre>
 * if(a, b, false)                     =>  a &amp;&amp; b
 * if(a, true, b)                      =>  a || b
 * x &gt; 0L &amp;&amp; y &lt; 5L                   =>  x &gt; 0L &amp; y &lt; 5L          (cheap right side: no branch)
 * a &amp; result(for(v, ...)) == 0L      =>  a &amp;&amp; result(for(v, ...)) == 0L   (expensive right side: skip it)
 * </pre>
 *
 * A right operand is evaluated eagerly only if it cannot fail (the short-circuit may have been guarding it, as in
 * {@code i < len(v) && lookup(v, i) > 0}) and skipped only if it cannot fail (skipping would drop its error).
 */
final class ShortCircuit implements Pass {
  /** Right operands at most this many nodes are evaluated eagerly; loops never are. */
  static final int EAGER_MAX = 4;
  /** Right operands at least this many nodes (or containing a loop) are worth a branch. */
  static final int LAZY_MIN = 12;

  @Override
  public String name() {
    return "short-circuit";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    return Trees.bottomUp(program, e -> rewrite(e, cx));
  }

  private static Expr rewrite(Expr e, PassContext cx) {
    if (!e.type().equals(Type.BOOL)) {
      return e;
    }
    if (e.kind() instanceof If i) {
      if (i.onFalse().kind() instanceof Literal f && !f.asBoolean()) {
        return Exprs.binOp(BinOpKind.LOGICAL_AND, i.cond(), i.onTrue());
      }
      if (i.onTrue().kind() instanceof Literal t && t.asBoolean()) {
        return Exprs.binOp(BinOpKind.LOGICAL_OR, i.cond(), i.onFalse());
      }
      return e;
    }
    if (e.kind() instanceof BinOp b && cx.total(b.right())) {
      int size = Trees.size(b.right());
      boolean loop = containsLoop(b.right());
      if (b.op().isLogical() && size <= EAGER_MAX && !loop) {
        BinOpKind eager = b.op() == BinOpKind.LOGICAL_AND ? BinOpKind.BIT_AND : BinOpKind.BIT_OR;
        return e.withKind(new BinOp(eager, b.left(), b.right()));
      }
      if ((b.op() == BinOpKind.BIT_AND || b.op() == BinOpKind.BIT_OR) && (size >= LAZY_MIN || loop)) {
        BinOpKind lazy = b.op() == BinOpKind.BIT_AND ? BinOpKind.LOGICAL_AND : BinOpKind.LOGICAL_OR;
        return e.withKind(new BinOp(lazy, b.left(), b.right()));
      }
    }
    return e;
  }

  private static boolean containsLoop(Expr e) {
    if (e.kind() instanceof For) {
      return true;
    }
    for (Expr c : e.children()) {
      if (containsLoop(c)) {
        return true;
      }
    }
    return false;
  }
}
