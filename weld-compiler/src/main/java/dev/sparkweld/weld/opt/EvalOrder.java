package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iterate;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Sort;
import dev.sparkweld.weld.ir.Symbol;
import java.util.List;

/**
 * Facts about evaluation order (spec 7: left to right, innermost first; children are listed in that order). Used to
 * decide whether code that can fail may be moved to the place where its value is used.
 */
final class EvalOrder {
  private EvalOrder() {}

  /**
   * True if the single reference to {@code s} in {@code e} is evaluated exactly once, unconditionally, and before
   * anything else in {@code e} that can fail: then evaluating a failing value there instead of before {@code e}
   * raises the same error, if any.
   */
  static boolean usedFirst(Expr e, Symbol s, PassContext cx) {
    if (e.kind() instanceof Ident id) {
      return id.symbol().equals(s);
    }
    List<Expr> cs = e.children();
    for (int i = 0; i < cs.size(); i++) {
      Expr c = cs.get(i);
      if (Trees.mentions(c, s)) {
        return !conditional(e, i) && usedFirst(c, s, cx);
      }
      if (cx.canFail(c)) {
        return false;
      }
    }
    return false;
  }

  /** True if child {@code i} of {@code e} is evaluated zero or many times when {@code e} is evaluated once. */
  static boolean conditional(Expr e, int i) {
    if (e.kind() instanceof If) {
      return i > 0;
    }
    if (e.kind() instanceof BinOp b && b.op().isLogical()) {
      return i > 0;
    }
    if (e.kind() instanceof Lambda) {
      return true;
    }
    if (e.kind() instanceof For f) {
      return i == e.children().size() - 1; // the body
    }
    if (e.kind() instanceof Iterate || e.kind() instanceof Sort) {
      return i > 0;
    }
    return false;
  }

  /** True if some reference to {@code s} in {@code e} lies inside a lambda (a loop body, comparator, ...). */
  static boolean usedInLambda(Expr e, Symbol s) {
    if (e.kind() instanceof Lambda) {
      return Trees.mentions(e, s);
    }
    for (Expr c : e.children()) {
      if (usedInLambda(c, s)) {
        return true;
      }
    }
    return false;
  }
}
