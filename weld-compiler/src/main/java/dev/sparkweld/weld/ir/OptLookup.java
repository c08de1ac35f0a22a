package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code optlookup(d, k)}: {@code {true, value}} if present, else {@code {false, zero}}. */
public record OptLookup(Expr data, Expr key) implements ExprKind {
  public OptLookup {
    Objects.requireNonNull(data);
    Objects.requireNonNull(key);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitOptLookup(self, this);
  }

  @Override
  public List<Expr> children() {
    return List.of(data, key);
  }

  @Override
  public OptLookup withChildren(List<Expr> c) {
    return new OptLookup(c.get(0), c.get(1));
  }
}
