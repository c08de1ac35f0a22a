package dev.sparkweld.weld.interp;

import dev.sparkweld.weld.ir.AppenderType;
import dev.sparkweld.weld.ir.DictMergerType;
import dev.sparkweld.weld.ir.GroupMergerType;
import dev.sparkweld.weld.ir.MergerType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecMergerType;
import dev.sparkweld.weld.value.VecValue;

/** Creates the run-time object for a {@code NewBuilder} expression from its builder type and optional argument. */
final class NewBuilders {
  private NewBuilders() {}

  /**
   * @param arg the evaluated argument or null: appender/dictmerger size hint (never checked: a hint cannot change
   *     the result), merger initial value, vecmerger initial vector (copied)
   * @param checked whether {@code +}/{@code *} merges raise INTEGER_OVERFLOW (the builder's annotation or the conf)
   */
  static Builders.Builder create(Type t, Object arg, boolean checked) {
    if (t instanceof AppenderType) {
      return new Builders.Appender(arg == null ? 0 : (int) Math.min(Integer.MAX_VALUE, (Long) arg));
    }
    if (t instanceof MergerType m) {
      return new Builders.Merger(m.elem(), m.op(), arg, checked);
    }
    if (t instanceof DictMergerType d) {
      return new Builders.DictMerger(d.value(), d.op(), checked);
    }
    if (t instanceof GroupMergerType) {
      return new Builders.GroupMerger();
    }
    if (t instanceof VecMergerType v) {
      if (!(arg instanceof VecValue init)) {
        throw Errors.internal("vecmerger without an initial vector");
      }
      return new Builders.VecMerger(v.elem(), v.op(), init, checked);
    }
    throw Errors.internal("not a builder type: " + t);
  }
}
