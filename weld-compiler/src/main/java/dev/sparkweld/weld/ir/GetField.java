package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** Struct field access {@code e.$i}. */
public record GetField(Expr value, int index) implements ExprKind {
  public GetField {
    Objects.requireNonNull(value);
    if (index < 0) {
      throw new IllegalArgumentException("negative field index");
    }
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitGetField(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(value);
  }

  @Override
  public GetField withChildren(List<Expr> c) {
    return new GetField(c.get(0), index);
  }
}
