package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code slice(v, index, size)}: a view of {@code size} elements starting at {@code index}. */
public record Slice(Expr data, Expr index, Expr size) implements ExprKind {
  public Slice {
    Objects.requireNonNull(data);
    Objects.requireNonNull(index);
    Objects.requireNonNull(size);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitSlice(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(data, index, size);
  }

  @Override
  public Slice withChildren(List<Expr> c) {
    return new Slice(c.get(0), c.get(1), c.get(2));
  }
}
