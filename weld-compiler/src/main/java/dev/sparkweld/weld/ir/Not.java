package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** Logical (bool) or bitwise (integer) complement {@code !x}. */
public record Not(Expr value) implements ExprKind {
  public Not {
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitNot(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(value);
  }

  @Override
  public Not withChildren(List<Expr> c) {
    return new Not(c.get(0));
  }
}
