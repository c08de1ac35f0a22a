package dev.sparkweld.weld.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The type of a lambda. Functions are not first-class values: this type only appears on lambda expressions. */
public record FunctionType(List<Type> params, Type result) implements Type {
  public FunctionType {
    params = List.copyOf(params);
    Objects.requireNonNull(result);
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitFunction(this);
  }

  @Override
  public List<Type> children() {
    List<Type> all = new ArrayList<>(params);
    all.add(result);
    return List.copyOf(all);
  }

  @Override
  public String toString() {
    return params.stream().map(Type::toString).collect(Collectors.joining(",", "|", "|")) + "(" + result + ")";
  }
}
