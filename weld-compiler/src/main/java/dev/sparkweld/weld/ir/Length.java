package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code len(v)}: the length of a vector as an {@code i64}. */
public record Length(Expr data) implements ExprKind {
  public Length {
    Objects.requireNonNull(data);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitLength(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(data);
  }

  @Override
  public Length withChildren(List<Expr> c) {
    return new Length(c.get(0));
  }
}
