package dev.sparkweld.weld.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A call of a lambda (macros are expanded before typing, so the callee is always a lambda expression or a lambda-bound... name). */
public record Apply(Expr func, List<Expr> args) implements ExprKind {
  public Apply {
    Objects.requireNonNull(func);
    args = List.copyOf(args);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitApply(self, this);
  }

  @Override
  public List<Expr> children() {
    List<Expr> all = new ArrayList<>();
    all.add(func);
    all.addAll(args);
    return List.copyOf(all);
  }

  @Override
  public Apply withChildren(List<Expr> c) {
    return new Apply(c.get(0), c.subList(1, c.size()));
  }
}
