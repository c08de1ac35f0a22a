package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** A scalar conversion written {@code T(x)}. */
public record Cast(ScalarKind target, Expr value) implements ExprKind {
  public Cast {
    Objects.requireNonNull(target);
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitCast(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(value);
  }

  @Override
  public Cast withChildren(List<Expr> c) {
    return new Cast(target, c.get(0));
  }
}
