package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code deserialize[T](bytes)}. */
public record Deserialize(Type valueType, Expr value) implements ExprKind {
  public Deserialize {
    Objects.requireNonNull(valueType);
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitDeserialize(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(value);
  }

  @Override
  public Deserialize withChildren(List<Expr> c) {
    return new Deserialize(valueType, c.get(0));
  }
}
