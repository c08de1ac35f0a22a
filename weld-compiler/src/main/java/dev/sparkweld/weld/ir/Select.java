package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code select(cond, onTrue, onFalse)}: evaluates both branches, returns one. */
public record Select(Expr cond, Expr onTrue, Expr onFalse) implements ExprKind {
  public Select {
    Objects.requireNonNull(cond);
    Objects.requireNonNull(onTrue);
    Objects.requireNonNull(onFalse);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitSelect(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(cond, onTrue, onFalse);
  }

  @Override
  public Select withChildren(List<Expr> c) {
    return new Select(c.get(0), c.get(1), c.get(2));
  }
}
