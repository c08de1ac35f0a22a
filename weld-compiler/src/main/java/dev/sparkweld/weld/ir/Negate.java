package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** Arithmetic negation {@code -x}. */
public record Negate(Expr value) implements ExprKind {
  public Negate {
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitNegate(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(value);
  }

  @Override
  public Negate withChildren(List<Expr> c) {
    return new Negate(c.get(0));
  }
}
