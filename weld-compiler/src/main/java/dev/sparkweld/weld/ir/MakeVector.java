package dev.sparkweld.weld.ir;

import java.util.List;

/** A vector literal {@code [e1, e2, ...]}. */
public record MakeVector(List<Expr> elems) implements ExprKind {
  public MakeVector {
    elems = List.copyOf(elems);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitMakeVector(self, this);
  }

  @Override
  public List<Expr> children() {
    return elems;
  }

  @Override
  public MakeVector withChildren(List<Expr> c) {
    return new MakeVector(c);
  }
}
