package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code broadcast(x)}: a scalar copied into every lane of a {@code simd} value. */
public record Broadcast(Expr value) implements ExprKind {
  public Broadcast {
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitBroadcast(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(value);
  }

  @Override
  public Broadcast withChildren(List<Expr> c) {
    return new Broadcast(c.get(0));
  }
}
