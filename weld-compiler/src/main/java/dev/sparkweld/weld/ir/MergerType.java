package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code merger[T,op]}: folds scalars (or structs of scalars) with a commutative operator. */
public record MergerType(Type elem, BuilderOp op) implements BuilderType {
  public MergerType {
    Objects.requireNonNull(elem);
    Objects.requireNonNull(op);
  }

  @Override
  public Type mergeType() {
    return elem;
  }

  @Override
  public Type resultType() {
    return elem;
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitMerger(this);
  }

  @Override
  public List<Type> children() {
    return List.of(elem);
  }

  @Override
  public String toString() {
    return "merger[" + elem + "," + op + "]";
  }
}
