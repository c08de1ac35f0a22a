package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

public record VecType(Type elem) implements Type {
  public VecType {
    Objects.requireNonNull(elem);
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitVec(this);
  }

  @Override
  public List<Type> children() {
    return List.of(elem);
  }

  @Override
  public String toString() {
    return "vec[" + elem + "]";
  }
}
