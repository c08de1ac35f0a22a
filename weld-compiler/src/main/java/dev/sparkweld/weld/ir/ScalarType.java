package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

public record ScalarType(ScalarKind kind) implements Type {
  public ScalarType {
    Objects.requireNonNull(kind);
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitScalar(this);
  }

  @Override
  public List<Type> children() {
    return List.of();
  }

  @Override
  public String toString() {
    return kind.keyword();
  }
}
