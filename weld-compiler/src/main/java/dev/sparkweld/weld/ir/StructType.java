package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.stream.Collectors;

public record StructType(List<Type> fields) implements Type {
  public StructType {
    fields = List.copyOf(fields);
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitStruct(this);
  }

  @Override
  public List<Type> children() {
    return fields;
  }

  @Override
  public String toString() {
    return fields.stream().map(Type::toString).collect(Collectors.joining(",", "{", "}"));
  }
}
