package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code tovec(d)}: the entries of a dictionary as {@code vec[{K,V}]}, in insertion order. */
public record ToVec(Expr dict) implements ExprKind {
  public ToVec {
    Objects.requireNonNull(dict);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitToVec(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(dict);
  }

  @Override
  public ToVec withChildren(List<Expr> c) {
    return new ToVec(c.get(0));
  }
}
