package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code sort(v, |a,b| cmp)}: a stable sort by a comparator returning a negative, zero or positive i32. */
public record Sort(Expr data, Expr comparator) implements ExprKind {
  public Sort {
    Objects.requireNonNull(data);
    Objects.requireNonNull(comparator);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitSort(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(data, comparator);
  }

  @Override
  public Sort withChildren(List<Expr> c) {
    return new Sort(c.get(0), c.get(1));
  }
}
