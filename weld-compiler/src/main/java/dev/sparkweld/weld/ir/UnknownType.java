package dev.sparkweld.weld.ir;

import java.util.List;

/** A type not yet inferred; printed {@code ?}. No well-typed program contains one. */
public record UnknownType() implements Type {
  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitUnknown(this);
  }

  @Override
  public List<Type> children() {
    return List.of();
  }

  @Override
  public String toString() {
    return "?";
  }
}
