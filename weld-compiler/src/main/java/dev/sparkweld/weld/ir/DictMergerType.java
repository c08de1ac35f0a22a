package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code dictmerger[K,V,op]}: merges {@code {K,V}} pairs into a {@code dict[K,V]}, folding values per key. */
public record DictMergerType(Type key, Type value, BuilderOp op) implements BuilderType {
  public DictMergerType {
    Objects.requireNonNull(key);
    Objects.requireNonNull(value);
    Objects.requireNonNull(op);
  }

  @Override
  public Type mergeType() {
    return new StructType(List.of(key, value));
  }

  @Override
  public Type resultType() {
    return new DictType(key, value);
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitDictMerger(this);
  }

  @Override
  public List<Type> children() {
    return List.of(key, value);
  }

  @Override
  public String toString() {
    return "dictmerger[" + key + "," + value + "," + op + "]";
  }
}
