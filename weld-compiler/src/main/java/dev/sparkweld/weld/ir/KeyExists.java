package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code keyexists(d, k)}. */
public record KeyExists(Expr data, Expr key) implements ExprKind {
  public KeyExists {
    Objects.requireNonNull(data);
    Objects.requireNonNull(key);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitKeyExists(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(data, key);
  }

  @Override
  public KeyExists withChildren(List<Expr> c) {
    return new KeyExists(c.get(0), c.get(1));
  }
}
