package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code simd[S]}: a short vector of scalars whose lane count the backend picks for the target (see the spec). */
public record SimdType(ScalarKind elem) implements Type {
  public SimdType {
    Objects.requireNonNull(elem);
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitSimd(this);
  }

  @Override
  public List<Type> children() {
    return List.of(new ScalarType(elem));
  }

  @Override
  public String toString() {
    return "simd[" + elem.keyword() + "]";
  }
}
