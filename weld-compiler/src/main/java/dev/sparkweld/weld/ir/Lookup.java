package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code lookup(v, i)} or {@code lookup(d, k)}. */
public record Lookup(Expr data, Expr index) implements ExprKind {
  public Lookup {
    Objects.requireNonNull(data);
    Objects.requireNonNull(index);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitLookup(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(data, index);
  }

  @Override
  public Lookup withChildren(List<Expr> c) {
    return new Lookup(c.get(0), c.get(1));
  }
}
