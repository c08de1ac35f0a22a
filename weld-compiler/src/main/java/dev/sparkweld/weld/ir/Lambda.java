package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code |p1: T1, ...| body}. Lambdas are not values: they appear as the program, as the function of {@code for}, {@code iterate} and {@code sort}, and as the callee of {@code Apply}. */
public record Lambda(List<Param> params, Expr body) implements ExprKind {
  public Lambda {
    params = List.copyOf(params);
    Objects.requireNonNull(body);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitLambda(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(body);
  }

  @Override
  public Lambda withChildren(List<Expr> c) {
    return new Lambda(params, c.get(0));
  }
}
