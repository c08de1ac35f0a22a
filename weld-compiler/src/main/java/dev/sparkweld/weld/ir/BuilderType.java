package dev.sparkweld.weld.ir;

/**
 * A builder: a write-only value that {@code merge} adds to and {@code result} turns into a value. Builders are linear
 * (each builder value is consumed exactly once).
 */
public sealed interface BuilderType extends Type
    permits AppenderType, MergerType, DictMergerType, GroupMergerType, VecMergerType {

  /** The type of the values {@code merge} accepts. */
  Type mergeType();

  /** The type {@code result} returns. */
  Type resultType();
}
