package dev.sparkweld.weld.value;

import java.util.List;

/** A {@code simd[S]} value: its lanes in order. */
public record SimdValue(List<Object> lanes) {
  public SimdValue {
    lanes = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lanes));
  }
}
