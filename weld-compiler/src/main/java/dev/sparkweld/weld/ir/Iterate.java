package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code iterate(initial, |x| {next, continue})}: a sequential loop. */
public record Iterate(Expr initial, Expr update) implements ExprKind {
  public Iterate {
    Objects.requireNonNull(initial);
    Objects.requireNonNull(update);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitIterate(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(initial, update);
  }

  @Override
  public Iterate withChildren(List<Expr> c) {
    return new Iterate(c.get(0), c.get(1));
  }
}
