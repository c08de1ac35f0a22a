package dev.sparkweld.examples.tpch;

import java.util.Map;

/**
 * One query of the demo: median times of both sides (the baseline: vanilla Spark, or Weld with the
 * {@code --baseline} settings; and Weld), the row count, whether the rows were the same, the number of Weld stages
 * in Weld's plan and the operators it left to Spark with their reasons ({@code weld.fallback} tags:
 * "operator: reason" to how many nodes carry it).
 */
record QueryResult(int query, long baselineMs, long weldMs, int rows, boolean identical, int weldStages,
    Map<String, Integer> fallbacks) {
  /** Baseline time over Weld time: above 1, Weld is faster. */
  double speedup() {
    return (double) Math.max(1, baselineMs) / Math.max(1, weldMs);
  }

  int fallbackCount() {
    return fallbacks.values().stream().mapToInt(Integer::intValue).sum();
  }
}
