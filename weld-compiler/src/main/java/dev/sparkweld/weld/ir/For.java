package dev.sparkweld.weld.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code for(iters, builder, |b, i, x| body)}: the one parallel loop. Several iterators zip. */
public record For(List<Iter> iters, Expr builder, Expr body) implements ExprKind {
  public For {
    iters = List.copyOf(iters);
    Objects.requireNonNull(builder);
    Objects.requireNonNull(body);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitFor(self, this);
  }

  @Override
  public List<Expr> children() {
    List<Expr> all = new ArrayList<>();
    for (Iter it : iters) {
      all.addAll(it.children());
    }
    all.add(builder);
    all.add(body);
    return List.copyOf(all);
  }

  @Override
  public For withChildren(List<Expr> c) {
    List<Iter> newIters = new ArrayList<>(iters.size());
    int pos = 0;
    for (Iter it : iters) {
      int n = it.children().size();
      newIters.add(it.withChildren(c.subList(pos, pos + n)));
      pos += n;
    }
    return new For(newIters, c.get(pos), c.get(pos + 1));
  }
}
