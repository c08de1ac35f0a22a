package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code result(builder)}. */
public record Result(Expr builder) implements ExprKind {
  public Result {
    Objects.requireNonNull(builder);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitResult(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(builder);
  }

  @Override
  public Result withChildren(List<Expr> c) {
    return new Result(c.get(0));
  }
}
