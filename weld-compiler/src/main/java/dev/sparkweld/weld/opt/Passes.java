package dev.sparkweld.weld.opt;

import dev.sparkweld.weld.conf.PassList;
import java.util.ArrayList;
import java.util.List;

/** The optimizer's passes, each published once as a constant; {@link PassList} has the names and the default. */
public final class Passes {
  public static final Pass INLINE_APPLY = new InlineApply();
  public static final Pass INLINE_LET = new InlineLet();
  public static final Pass INLINE_ZIP = new InlineZip();
  public static final Pass SIMPLIFY = new Simplify();
  public static final Pass LOOP_FUSION = new LoopFusion();
  public static final Pass HORIZONTAL_FUSION = new HorizontalFusion();
  public static final Pass UNROLL = new Unroll();
  public static final Pass CSE = new Cse();
  public static final Pass SHORT_CIRCUIT = new ShortCircuit();
  public static final Pass PREDICATE = new Predication();
  public static final Pass DENSE_GROUP_KEYS = new DenseGroupKeys();
  public static final Pass INFER_SIZE = new InferSize();
  public static final Pass VECTORIZE = new Vectorize();

  public static final List<Pass> ALL = List.of(INLINE_APPLY, INLINE_LET, INLINE_ZIP, SIMPLIFY, LOOP_FUSION,
      HORIZONTAL_FUSION, UNROLL, CSE, SHORT_CIRCUIT, PREDICATE, DENSE_GROUP_KEYS, INFER_SIZE, VECTORIZE);

  private Passes() {}

  public static Pass byName(String name) {
    for (Pass p : ALL) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown optimizer pass '" + name + "'; known passes: " + PassList.NAMES);
  }

  /** The passes of a {@code weld.optimization.passes} value, in order. */
  public static List<Pass> pipeline(String confValue) {
    List<Pass> out = new ArrayList<>();
    for (String n : PassList.names(confValue)) {
      out.add(byName(n));
    }
    return out;
  }
}
