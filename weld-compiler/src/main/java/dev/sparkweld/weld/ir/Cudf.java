package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code cudf[name, T](args...)}: a call of a native function by symbol name. */
public record Cudf(String symbol, Type returnType, List<Expr> args) implements ExprKind {
  public Cudf {
    Objects.requireNonNull(symbol);
    Objects.requireNonNull(returnType);
    args = List.copyOf(args);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitCudf(self, this);
  }

  @Override
  public List<Expr> children() {
    return args;
  }

  @Override
  public Cudf withChildren(List<Expr> c) {
    return new Cudf(symbol, returnType, c);
  }
}
