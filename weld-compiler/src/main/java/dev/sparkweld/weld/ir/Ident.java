package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** A reference to a variable. */
public record Ident(Symbol symbol) implements ExprKind {
  public Ident {
    Objects.requireNonNull(symbol);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitIdent(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of();
  }

  @Override
  public Ident withChildren(List<Expr> c) {
    return new Ident(symbol);
  }
}
