package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code appender[T]}: builds a {@code vec[T]} in merge (serial iteration) order. */
public record AppenderType(Type elem) implements BuilderType {
  public AppenderType {
    Objects.requireNonNull(elem);
  }

  @Override
  public Type mergeType() {
    return elem;
  }

  @Override
  public Type resultType() {
    return new VecType(elem);
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitAppender(this);
  }

  @Override
  public List<Type> children() {
    return List.of(elem);
  }

  @Override
  public String toString() {
    return "appender[" + elem + "]";
  }
}
