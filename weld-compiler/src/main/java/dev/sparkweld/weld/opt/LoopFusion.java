package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Param;
import dev.sparkweld.weld.ir.Result;
import dev.sparkweld.weld.ir.Symbol;
import dev.sparkweld.weld.ir.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vertical fusion: a loop over the vector a producer loop appends to absorbs the producer, so the intermediate
 * vector is never built.
 *
 * <pre>
 * result(for(result(for(v, appender[i64], |b,i,x| if(x > 0L, merge(b, x * 2L), b))),
 *            merger[i64,+], |s,j,y| merge(s, y)))
 *   =>  result(for(v, merger[i64,+], |b,i,x| if(x > 0L, (let y = x * 2L; merge(b, y)), b)))
 * </pre>
 *
 * Dependence check: the consumer's index {@code j} counts appended elements, which equals the producer's index only
 * when the producer appends exactly once per iteration. A consumer that reads its index after a filtering (or
 * multi-appending) producer is not fused (Weld fused it and read the producer's index: a miscompile).
 *
 * <p>Errors: the producer body and the consumer (its builder expression and body) now interleave, so fusion requires
 * that they cannot both fail; the dropped appender size hint must not be able to fail either.
 */
final class LoopFusion implements Pass {
  @Override
  public String name() {
    return "loop-fusion";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    return Trees.bottomUp(program, e -> e.kind() instanceof For f ? fuse(e, f, cx).orElse(e) : e);
  }

  private static Optional<Expr> fuse(Expr e, For c, PassContext cx) {
    if (c.iters().size() != 1 || !c.iters().get(0).isSimple()
        || !(c.iters().get(0).data().get().kind() instanceof Result r)
        || !(r.builder().kind() instanceof For p)
        || !(p.builder().kind() instanceof NewBuilder nb) || !(p.builder().type() instanceof AppenderType)
        || !(p.body().kind() instanceof Lambda pl) || !(c.body().kind() instanceof Lambda cl)) {
      return Optional.empty();
    }
    Symbol pb = pl.params().get(0).name();
    Symbol pi = pl.params().get(1).name();
    Symbol ci = cl.params().get(1).name();
    if (Trees.mentions(cl.body(), ci) && BuilderBody.exactMerges(pl.body(), pb) != 1) {
      return Optional.empty();
    }
    boolean hintTotal = nb.arg().map(cx::total).orElse(true);
    boolean producerTotal = cx.total(pl.body());
    boolean consumerTotal = cx.total(c.builder()) && cx.total(cl.body());
    if (!hintTotal || !(producerTotal || consumerTotal)) {
      return Optional.empty();
    }
    Type bt = c.builder().type();
    boolean[] first = {true};
    Optional<Expr> body = BuilderBody.rewrite(pl.body(), pb, bt, value -> {
      // A producer with several merges gets one copy of the consumer body per merge, each with fresh binders.
      Expr lambda = first[0] ? c.body() : Trees.freshen(c.body(), cx);
      first[0] = false;
      Lambda l = (Lambda) lambda.kind();
      Expr consumed = Trees.renameRefs(l.body(), Map.of(l.params().get(0).name(), pb, l.params().get(1).name(), pi));
      return Exprs.let(l.params().get(2).name(), value, consumed);
    });
    if (body.isEmpty()) {
      return Optional.empty();
    }
    List<Param> params = List.of(new Param(pb, bt), pl.params().get(1), pl.params().get(2));
    List<Iter> iters = p.iters();
    return Optional.of(Exprs.forLoop(iters, c.builder(), Exprs.lambda(params, body.get()), e.annotations()));
  }
}
