package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A new builder: {@code appender[T]}, {@code merger[T,op]}, ... The builder type is the expression's type; {@code arg} is the optional argument (appender size hint, merger initial value, dictmerger size hint, vecmerger initial vector). */
public record NewBuilder(Optional<Expr> arg) implements ExprKind {
  public NewBuilder {
    Objects.requireNonNull(arg);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitNewBuilder(self, this);
  }

  @Override
  public List<Expr> children() {
    return arg.map(List::of).orElse(List.of());
  }

  @Override
  public NewBuilder withChildren(List<Expr> c) {
    return new NewBuilder(c.isEmpty() ? Optional.empty() : Optional.of(c.get(0)));
  }
}
