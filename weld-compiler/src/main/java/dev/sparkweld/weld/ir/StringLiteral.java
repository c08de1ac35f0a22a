package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** A string literal {@code "..."}: a {@code vec[i8]} of its UTF-8 bytes. */
public record StringLiteral(String value) implements ExprKind {
  public StringLiteral {
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitStringLiteral(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of();
  }

  @Override
  public StringLiteral withChildren(List<Expr> c) {
    return new StringLiteral(value);
  }
}
