package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.BuilderOp;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.If;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.ScalarType;

/**
 * Marks loops worth vectorizing {@code @(vectorize:true)}; the LLVM backend then lets the float reduction of the
 * loop's merger be reassociated, which is what LLVM's loop vectorizer needs to run it in SIMD lanes. The backend
 * picks the vector width for the host CPU and handles the remainder iterations, so no SIMD types or fringe loops
 * appear in the program.
 *
 * <pre>
 * result(for(v, merger[f64,+], |b,i,x| merge(b, select(x > 0.0, x * 2.0, -0.0))))
 *   =>  result(@(vectorize:true) for(v, merger[f64,+], |b,i,x| merge(b, select(x > 0.0, x * 2.0, -0.0))))
 * </pre>
 *
 * Profitable means: one iterator over a vector, a float {@code +} or {@code *} merger (integer and min/max
 * reductions vectorize without help), and a straight-line body that cannot fail (branches on the builder and
 * possible errors keep LLVM from vectorizing anyway; predication runs first to remove such branches). Reassociation
 * is within what spec 4.5 allows float mergers. An explicit {@code vectorize} annotation is never overridden.
 */
final class Vectorize implements Pass {
  @Override
  public String name() {
    return "vectorize";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    return Trees.bottomUp(program, e -> {
      if (e.kind() instanceof For f && profitable(f, cx) && e.annotations().get("vectorize").isEmpty()) {
        return e.withAnnotations(e.annotations().with("vectorize", "true"));
      }
      return e;
    });
  }

  private static boolean profitable(For f, PassContext cx) {
    if (f.iters().size() != 1 || !(f.body().kind() instanceof Lambda l)) {
      return false;
    }
    Iter it = f.iters().get(0);
    if (!it.isSimple() || !(f.builder().type() instanceof MergerType mt)
        || !(mt.elem() instanceof ScalarType st) || !st.kind().isFloat()
        || (mt.op() != BuilderOp.ADD && mt.op() != BuilderOp.MUL)) {
      return false;
    }
    return cx.total(l.body()) && straightLine(l.body());
  }

  /** No loops and no branches that choose between builders. */
  private static boolean straightLine(Expr e) {
    if (e.kind() instanceof For || (e.kind() instanceof If && e.type().isBuilder())) {
      return false;
    }
    for (Expr c : e.children()) {
      if (!straightLine(c)) {
        return false;
      }
    }
    return true;
  }
}
