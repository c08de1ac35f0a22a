package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code merge(builder, value)}. */
public record Merge(Expr builder, Expr value) implements ExprKind {
  public Merge {
    Objects.requireNonNull(builder);
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitMerge(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(builder, value);
  }

  @Override
  public Merge withChildren(List<Expr> c) {
    return new Merge(c.get(0), c.get(1));
  }
}
