package dev.sparkweld.weld.value;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.FunctionType;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.TypeVisitor;
import dev.sparkweld.weld.ir.UnknownType;
import dev.sparkweld.weld.ir.VecMergerType;

/**
 * A {@link TypeVisitor} over value types only: builders, functions and unknown types have no values, so they are
 * rejected here once (with an {@link IllegalArgumentException}) instead of in every value-walking visitor.
 */
public abstract class ValueTypeVisitor<R> implements TypeVisitor<R> {
  protected R notAValueType(Type t) {
    throw new IllegalArgumentException(t + " is not a value type");
  }

  @Override
  public final R visitFunction(FunctionType t) {
    return notAValueType(t);
  }

  @Override
  public final R visitUnknown(UnknownType t) {
    return notAValueType(t);
  }

  @Override
  public final R visitAppender(AppenderType t) {
    return notAValueType(t);
  }

  @Override
  public final R visitMerger(MergerType t) {
    return notAValueType(t);
  }

  @Override
  public final R visitDictMerger(DictMergerType t) {
    return notAValueType(t);
  }

  @Override
  public final R visitGroupMerger(GroupMergerType t) {
    return notAValueType(t);
  }

  @Override
  public final R visitVecMerger(VecMergerType t) {
    return notAValueType(t);
  }
}
