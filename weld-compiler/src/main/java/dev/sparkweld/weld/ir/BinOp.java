package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** A binary operator application (see {@link BinOpKind}). */
public record BinOp(BinOpKind op, Expr left, Expr right) implements ExprKind {
  public BinOp {
    Objects.requireNonNull(op);
    Objects.requireNonNull(left);
    Objects.requireNonNull(right);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitBinOp(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(left, right);
  }

  @Override
  public BinOp withChildren(List<Expr> c) {
    return new BinOp(op, c.get(0), c.get(1));
  }
}
