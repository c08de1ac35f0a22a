package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code groupmerger[K,V]}: groups {@code {K,V}} pairs into a {@code dict[K,vec[V]]}; each group in merge order. */
public record GroupMergerType(Type key, Type value) implements BuilderType {
  public GroupMergerType {
    Objects.requireNonNull(key);
    Objects.requireNonNull(value);
  }

  @Override
  public Type mergeType() {
    return new StructType(List.of(key, value));
  }

  @Override
  public Type resultType() {
    return new DictType(key, new VecType(value));
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitGroupMerger(this);
  }

  @Override
  public List<Type> children() {
    return List.of(key, value);
  }

  @Override
  public String toString() {
    return "groupmerger[" + key + "," + value + "]";
  }
}
