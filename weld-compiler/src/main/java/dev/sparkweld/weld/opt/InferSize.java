package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.GetField;
import dev.sparkweld.weld.ir.Ident;
import dev.sparkweld.weld.ir.Lambda;
import dev.sparkweld.weld.ir.Length;
import dev.sparkweld.weld.ir.NewBuilder;
import dev.sparkweld.weld.ir.Type;
import java.util.Optional;

/**
 * Appender size inference: an appender that receives at most one element per iteration of a loop over a vector
 * gets the vector's length as its size hint, so it is allocated once instead of grown.
 *
 * <pre>
 * for(v, appender[i64], |b,i,x| if(x > 0L, merge(b, x), b))
 *   =>  for(v, appender[i64](len(v)), |b,i,x| if(x > 0L, merge(b, x), b))
 * </pre>
 *
 * The hint only sizes the allocation (spec 4.5), and {@code len} of a name cannot fail, so results and errors are
 * unchanged. The data must be a name or a field of one, so that repeating it costs nothing.
 */
final class InferSize implements Pass {
  @Override
  public String name() {
    return "infer-size";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    return Trees.bottomUp(program, e -> {
      if (e.kind() instanceof For f && f.iters().size() == 1 && f.iters().get(0).isSimple()
          && cheap(f.iters().get(0).data().get()) && f.builder().type() instanceof AppenderType
          && f.builder().kind() instanceof NewBuilder nb && nb.arg().isEmpty()
          && f.body().kind() instanceof Lambda l) {
        int most = BuilderBody.maxMerges(l.body(), l.params().get(0).name());
        if (most == 0 || most == 1) {
          Expr len = Expr.of(new Length(f.iters().get(0).data().get()), Type.I64);
          Expr sized = f.builder().withKind(new NewBuilder(Optional.of(len)));
          return e.withKind(new For(f.iters(), sized, f.body()));
        }
      }
      return e;
    });
  }

  private static boolean cheap(Expr e) {
    return e.kind() instanceof Ident || (e.kind() instanceof GetField g && cheap(g.value()));
  }
}
