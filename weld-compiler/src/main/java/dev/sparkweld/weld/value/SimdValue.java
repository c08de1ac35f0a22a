package dev.sparkweld.weld.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A {@code simd[S]} value: its lanes in order; the lane count is W(S) of the run's configuration. */
public record SimdValue(List<Object> lanes) {
  public SimdValue {
    lanes = Collections.unmodifiableList(new ArrayList<>(lanes));
  }

  public static SimdValue of(Object... lanes) {
    return new SimdValue(Arrays.asList(lanes));
  }

  public Object get(int i) {
    return lanes.get(i);
  }

  public int size() {
    return lanes.size();
  }
}
