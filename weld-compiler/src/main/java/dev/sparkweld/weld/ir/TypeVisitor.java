package dev.sparkweld.weld.ir;

/** Exhaustive dispatch over {@link Type}: one method per kind, no defaults. */
public interface TypeVisitor<R> {
  R visitScalar(ScalarType t);

  R visitSimd(SimdType t);

  R visitVec(VecType t);

  R visitDict(DictType t);

  R visitStruct(StructType t);

  R visitFunction(FunctionType t);

  R visitUnknown(UnknownType t);

  R visitAppender(AppenderType t);

  R visitMerger(MergerType t);

  R visitDictMerger(DictMergerType t);

  R visitGroupMerger(GroupMergerType t);

  R visitVecMerger(VecMergerType t);
}
