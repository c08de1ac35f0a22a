package dev.sparkweld.weld.ir;

import java.util.List;

/** A struct literal {@code {e1, e2, ...}}. */
public record MakeStruct(List<Expr> elems) implements ExprKind {
  public MakeStruct {
    elems = List.copyOf(elems);
  }

  @Override
  public <R> R accept(Expr self, ExprVisitor<R> v) {
    return v.visitMakeStruct(self, this);
  }

  @Override
  public List<Expr> children() {
    return elems;
  }

  @Override
  public MakeStruct withChildren(List<Expr> c) {
    return new MakeStruct(c);
  }
}
