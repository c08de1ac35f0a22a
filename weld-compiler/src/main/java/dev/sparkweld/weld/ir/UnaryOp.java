package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** A unary math function such as {@code exp(x)}. */
public record UnaryOp(UnaryOpKind op, Expr value) implements ExprKind {
  public UnaryOp {
    Objects.requireNonNull(op);
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitUnaryOp(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(value);
  }

  @Override
  public UnaryOp withChildren(List<Expr> c) {
    return new UnaryOp(op, c.get(0));
  }
}
