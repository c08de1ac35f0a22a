package dev.sparkweld.weld.ir;

import java.util.List;

/** {@code zip(v1, v2, ...)}: the vector of structs of corresponding elements; all lengths must agree. */
public record Zip(List<Expr> vectors) implements ExprKind {
  public Zip {
    vectors = List.copyOf(vectors);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitZip(self, this);
  }

  @Override
  public List<Expr> children() {
    return vectors;
  }

  @Override
  public Zip withChildren(List<Expr> c) {
    return new Zip(c);
  }
}
