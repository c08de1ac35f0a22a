package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code serialize(x)}: the bytes of a value as {@code vec[u8]} (format in docs/abi.md). */
public record Serialize(Expr value) implements ExprKind {
  public Serialize {
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitSerialize(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(value);
  }

  @Override
  public Serialize withChildren(List<Expr> c) {
    return new Serialize(c.get(0));
  }
}
