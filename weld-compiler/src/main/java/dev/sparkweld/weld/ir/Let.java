package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code let name = value; body}. */
public record Let(Symbol name, Expr value, Expr body) implements ExprKind {
  public Let {
    Objects.requireNonNull(name);
    Objects.requireNonNull(value);
    Objects.requireNonNull(body);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitLet(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(value, body);
  }

  @Override
  public Let withChildren(List<Expr> c) {
    return new Let(name, c.get(0), c.get(1));
  }
}
