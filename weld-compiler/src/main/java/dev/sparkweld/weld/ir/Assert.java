package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code assert(cond)}: true, or a runtime error. */
public record Assert(Expr cond) implements ExprKind {
  public Assert {
    Objects.requireNonNull(cond);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitAssert(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(cond);
  }

  @Override
  public Assert withChildren(List<Expr> c) {
    return new Assert(c.get(0));
  }
}
