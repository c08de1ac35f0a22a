package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Merge;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.Select;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.value.Scalars;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Predication: a conditional merge into a merger becomes an unconditional merge of a select, removing the branch
 * from the loop body (which lets LLVM vectorize it).
 *
 * <pre>
 * for(v, merger[i64,+], |b,i,x| if(x > 10L, merge(b, x * 2L), b))
 *   =>  for(v, merger[i64,+], |b,i,x| merge(b, select(x > 10L, x * 2L, 0L)))
 * </pre>
 *
 * Taken when the {@code if} is annotated {@code predicate:true}, or when the merged value is at most
 * {@code weld.optimization.predicate.cost} nodes. The merged value is now computed on every iteration, so it must
 * not be able to fail. The other branch merges the operator's exact identity: {@code -0.0} for float {@code +}
 * (the one value that leaves every float, -0.0 included, unchanged), the type's extremes for min and max.
 */
final class Predication implements Pass {
  @Override
  public String name() {
    return "predicate";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    int cost = cx.conf().get(dev.sparkweld.weld.conf.WeldConf.PREDICATE_COST);
    return Trees.bottomUp(program, e -> e.kind() instanceof If i ? predicate(e, i, cost, cx) : e);
  }

  private static Expr predicate(Expr e, If i, int cost, PassContext cx) {
    boolean mergeOnTrue = isMerge(i.onTrue(), i.onFalse());
    boolean mergeOnFalse = !mergeOnTrue && isMerge(i.onFalse(), i.onTrue());
    if (!mergeOnTrue && !mergeOnFalse || !(e.type() instanceof MergerType mt)) {
      return e;
    }
    Merge m = (Merge) (mergeOnTrue ? i.onTrue() : i.onFalse()).kind();
    boolean wanted = e.annotations().flag("predicate") || Trees.size(m.value()) <= cost;
    if (!wanted || !cx.total(m.value()) || !m.value().type().equals(mt.elem()) || e.annotations().get("predicate").orElse("").equals("false")) {
      return e;
    }
    Optional<Expr> id = identity(mt.elem(), mt.op());
    if (id.isEmpty()) {
      return e;
    }
    Expr onTrue = mergeOnTrue ? m.value() : id.get();
    Expr onFalse = mergeOnTrue ? id.get() : m.value();
    Expr select = Expr.of(new Select(i.cond(), onTrue, onFalse), m.value().type());
    return Exprs.merge(m.builder(), select);
  }

  /** {@code merge(b, v)} paired with a plain {@code b}. */
  private static boolean isMerge(Expr merge, Expr other) {
    return merge.kind() instanceof Merge m && m.builder().kind() instanceof Ident b
        && other.kind() instanceof Ident o && b.symbol().equals(o.symbol());
  }

  /** The identity of {@code op} on {@code t}, as a literal (struct literal for structs), or empty if none. */
  static Optional<Expr> identity(Type t, BuilderOp op) {
    if (t instanceof StructType st) {
      List<Expr> fields = new ArrayList<>();
      for (Type f : st.fields()) {
        Optional<Expr> id = identity(f, op);
        if (id.isEmpty()) {
          return Optional.empty();
        }
        fields.add(id.get());
      }
      return Optional.of(Exprs.struct(fields));
    }
    if (!(t instanceof ScalarType s)) {
      return Optional.empty();
    }
    ScalarKind k = s.kind();
    Literal l;
    if (k == ScalarKind.F64 || k == ScalarKind.F32) {
      double v = switch (op) {
        case ADD -> -0.0;
        case MUL -> 1.0;
        case MIN -> Double.POSITIVE_INFINITY;
        case MAX -> Double.NEGATIVE_INFINITY;
      };
      l = k == ScalarKind.F64 ? Literal.ofF64(v) : Literal.ofF32((float) v);
    } else if (k == ScalarKind.BOOL) {
      if (op == BuilderOp.ADD || op == BuilderOp.MUL) {
        return Optional.empty();
      }
      l = Literal.ofBool(op == BuilderOp.MIN);
    } else {
      l = switch (op) {
        case ADD -> Literal.ofLong(k, 0);
        case MUL -> Literal.ofLong(k, 1);
        case MIN -> Literal.ofBigInteger(k, Scalars.max(k));
        case MAX -> Literal.ofBigInteger(k, Scalars.min(k));
      };
    }
    return Optional.of(Exprs.literal(l));
  }
}
