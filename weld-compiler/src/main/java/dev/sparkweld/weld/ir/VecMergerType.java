package dev.sparkweld.weld.ir;

import java.util.List;
import java.util.Objects;

/** {@code vecmerger[T,op](v)}: starts from a copy of {@code v} and folds {@code {i64,T}} merges into slot i. */
public record VecMergerType(Type elem, BuilderOp op) implements BuilderType {
  public VecMergerType {
    Objects.requireNonNull(elem);
    Objects.requireNonNull(op);
  }

  @Override
  public Type mergeType() {
    return new StructType(List.of(Type.I64, elem));
  }

  @Override
  public Type resultType() {
    return new VecType(elem);
  }

  @Override
  public <R> R accept(TypeVisitor<R> v) {
    return v.visitVecMerger(this);
  }

  @Override
  public List<Type> children() {
    return List.of(elem);
  }

  @Override
  public String toString() {
    return "vecmerger[" + elem + "," + op + "]";
  }
}
