package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.BinOp;
import dev.sparkweld.weld.ir.BinOpKind;
import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.Cast;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.ExprKind;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.IterKind;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.Negate;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.UnaryOp;
import dev.sparkweld.weld.ir.UnaryOpKind;

/**
 * Which expressions may raise a runtime error (or run forever). Passes may drop, duplicate-evaluate or reorder only
 * what cannot: that is how the optimizer keeps "which error, if any" exactly as the unoptimized program (spec 7).
 * The analysis is conservative: an expression is total only when no input can make it fail. Running out of memory
 * is not counted (a pass never makes a program allocate more).
 */
final class Effects {
  private Effects() {}

  static boolean canFail(Expr e, PassContext cx) {
    if (self(e, cx)) {
      return true;
    }
    for (Expr c : e.children()) {
      if (cx.canFail(c)) {
        return true;
      }
    }
    return false;
  }

  /** True if the node itself (children aside) may fail. */
  private static boolean self(Expr e, PassContext cx) {
    ExprKind k = e.kind();
    if (k instanceof BinOp b) {
      return binOp(e, b, cx);
    }
    if (k instanceof Negate n) {
      return checked(e, cx) && isInteger(n.value().type());
    }
    if (k instanceof UnaryOp u) {
      return u.op() == UnaryOpKind.ABS && checked(e, cx) && isInteger(u.value().type());
    }
    if (k instanceof Cast c) {
      return checked(e, cx) && c.target().isInteger();
    }
    if (k instanceof Merge m) {
      return merge(m, cx);
    }
    if (k instanceof For f) {
      return forLoop(f);
    }
    // Lookups (bounds, missing key), slices, zips (lengths), asserts, deserialization, native calls and iterate
    // (which need not terminate) can fail; the remaining forms only combine values.
    return k instanceof dev.sparkweld.weld.ir.Lookup || k instanceof dev.sparkweld.weld.ir.Slice
        || k instanceof dev.sparkweld.weld.ir.Zip || k instanceof dev.sparkweld.weld.ir.Assert
        || k instanceof dev.sparkweld.weld.ir.Deserialize || k instanceof dev.sparkweld.weld.ir.Cudf
        || k instanceof dev.sparkweld.weld.ir.Iterate;
  }

  private static boolean binOp(Expr e, BinOp b, PassContext cx) {
    if (!isInteger(b.left().type())) {
      return false;
    }
    BinOpKind op = b.op();
    if (op == BinOpKind.DIV || op == BinOpKind.MOD) {
      // A literal divisor other than 0 and -1 can neither divide by zero nor overflow.
      if (b.right().kind() instanceof Literal l) {
        java.math.BigInteger v = l.asBigInteger();
        return v.signum() == 0 || (v.equals(java.math.BigInteger.ONE.negate()) && checked(e, cx));
      }
      return true;
    }
    if (op == BinOpKind.POW) {
      return true;
    }
    return (op == BinOpKind.ADD || op == BinOpKind.SUB || op == BinOpKind.MUL) && checked(e, cx);
  }

  private static boolean merge(Merge m, PassContext cx) {
    Type bt = m.builder().type();
    if (bt instanceof dev.sparkweld.weld.ir.VecMergerType) {
      return true;
    }
    // Whether a merger was created checked is not visible at the merge: integer + and * merges count as failing
    // whenever any checking is possible.
    BuilderOp op = bt instanceof MergerType mt ? mt.op() : bt instanceof DictMergerType dt ? dt.op() : null;
    if (op == BuilderOp.ADD || op == BuilderOp.MUL) {
      Type vt = bt instanceof MergerType mt ? mt.elem() : ((DictMergerType) bt).value();
      return containsInteger(vt) && (cx.checkedByDefault() || cx.anyCheckedBuilder());
    }
    return false;
  }

  private static boolean forLoop(For f) {
    if (f.iters().size() > 1) {
      return true;
    }
    Iter it = f.iters().get(0);
    if (it.kind() == IterKind.RANGE) {
      return !(it.stride().get().kind() instanceof Literal l && l.asBigInteger().signum() != 0);
    }
    return !it.isSimple() && it.kind() != IterKind.SIMD && it.kind() != IterKind.FRINGE;
  }

  static boolean checked(Expr e, PassContext cx) {
    String mode = e.annotations().get("overflow").orElse(null);
    if ("check".equals(mode)) {
      return true;
    }
    if ("wrap".equals(mode)) {
      return false;
    }
    return cx.checkedByDefault();
  }

  static boolean isInteger(Type t) {
    ScalarKind k = t instanceof ScalarType s ? s.kind() : t instanceof SimdType s ? s.elem() : null;
    return k != null && k.isInteger();
  }

  private static boolean containsInteger(Type t) {
    if (isInteger(t)) {
      return true;
    }
    for (Type c : t.children()) {
      if (containsInteger(c)) {
        return true;
      }
    }
    return false;
  }
}
