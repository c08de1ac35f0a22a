package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.ir.Expr;
import dev.sparkweld.weld.ir.For;
import dev.sparkweld.weld.ir.Iter;
import dev.sparkweld.weld.ir.Zip;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop over {@code zip(...)} iterates the vectors together instead, without building the zipped vector.
 *
 * <pre>
 * let z = zip(a, b); for(z, merger[i64,+], |s,i,x| merge(s, x.$0 * x.$1))
 *   =>  (inline-let)  for((zip(a, b)), ...)       one iterator over a vector of structs, built first
 *   =>  (inline-zip)  for(zip(a, b), ...)         two iterators read together, no struct vector built
 * </pre>
 *
 * (The parser already reads {@code for(zip(a, b), ...)} written directly as two iterators; this pass catches the
 * zips that reach a loop through a name or a macro.)
 *
 * The element is the same struct and unequal lengths are BAD_ITERATOR either way. The builder expression must not
 * be able to fail: the zip raised its error before the builder was evaluated, the loop may check counts after.
 */
final class InlineZip implements Pass {
  @Override
  public String name() {
    return "inline-zip";
  }

  @Override
  public Expr apply(Expr program, PassContext cx) {
    return Trees.bottomUp(program, e -> {
      if (e.kind() instanceof For f && f.iters().size() == 1 && f.iters().get(0).isSimple()
          && f.iters().get(0).data().get().kind() instanceof Zip z && cx.total(f.builder())) {
        List<Iter> iters = new ArrayList<>();
        z.vectors().forEach(v -> iters.add(Iter.of(v)));
        return e.withKind(new For(iters, f.builder(), f.body()));
      }
      return e;
    });
  }
}
