package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code if(cond, onTrue, onFalse)}: evaluates only the chosen branch. */
public record If(Expr cond, Expr onTrue, Expr onFalse) implements ExprKind {
  public If {
    Objects.requireNonNull(cond);
    Objects.requireNonNull(onTrue);
    Objects.requireNonNull(onFalse);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitIf(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(cond, onTrue, onFalse);
  }

  @Override
  public If withChildren(List<Expr> c) {
    return new If(c.get(0), c.get(1), c.get(2));
  }
}
