package dev.sparkweld.weld.opt;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the optimizer's time went: one entry per pipeline step, in order. */
public record OptimizerStats(List<PassRun> runs, long totalNanos) {
  /** One pipeline step: the pass, its wall time, and how many of its applications changed the program. */
  public record PassRun(String pass, long nanos, int changes) {}

  public static final OptimizerStats NONE = new OptimizerStats(List.of(), 0);

  public OptimizerStats {
    runs = List.copyOf(runs);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "optimizer %.3f ms: ", totalNanos / 1e6) + runs.stream()
        .map(r -> String.format(Locale.ROOT, "%s %.3f ms (%d)", r.pass(), r.nanos() / 1e6, r.changes()))
        .collect(Collectors.joining(", "));
  }
}
