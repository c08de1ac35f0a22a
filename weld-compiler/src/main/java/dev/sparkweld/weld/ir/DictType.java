package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

public record DictType(Type key, Type value) implements Type {
  public DictType {
    Objects.requireNonNull(key);
    Objects.requireNonNull(value);
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitDict(this);
  }

  @Override
  public List<Type> children() {
    return List.of(key, value);
  }

  @Override
  public String toString() {
    return "dict[" + key + "," + value + "]";
  }
}
