package dev.sparkweld.examples.tpch;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The demo's side-by-side table: per query baseline ms (vanilla Spark, or Weld with other settings), Weld ms,
 * speedup, rows, identical, Weld stages and the number of operators left to Spark; then the geometric mean of the
 * speedups and each query's fallback reasons.
 */
final class ResultTable {
  private ResultTable() {}

  static void print(List<QueryResult> results, String title, String baseline, PrintStream out) {
    out.println();
    out.println(title);
    String format = "%-5s %11s %9s %8s %8s %9s %11s %9s%n";
    out.printf(format, "query", baseline + " ms", "weld ms", "speedup", "rows", "identical", "weld stages",
        "fallbacks");
    out.println("-".repeat(78));
    double logSum = 0;
    int identical = 0;
    for (QueryResult r : results) {
      out.printf(format, "q" + r.query(), r.baselineMs(), r.weldMs(), String.format("%.2fx", r.speedup()), r.rows(),
          r.identical() ? "yes" : "NO", r.weldStages(), r.fallbackCount());
      logSum += Math.log(r.speedup());
      identical += r.identical() ? 1 : 0;
    }
    out.println("-".repeat(78));
    double geomean = Math.exp(logSum / Math.max(1, results.size()));
    out.printf("geometric mean speedup over %d queries: %.2fx (above 1: Weld is faster than %s);"
        + " identical results: %d of %d%n", results.size(), geomean, baseline, identical, results.size());

    out.println();
    out.println("Operators left to Spark, with the reason recorded on each (weld.fallback):");
    for (QueryResult r : results) {
      if (r.fallbacks().isEmpty()) {
        out.printf("  q%-3d none%n", r.query());
        continue;
      }
      String prefix = String.format("  q%-3d ", r.query());
      for (Map.Entry<String, Integer> e : r.fallbacks().entrySet()) {
        out.println(prefix + e.getKey() + (e.getValue() > 1 ? " (x" + e.getValue() + ")" : ""));
        prefix = " ".repeat(prefix.length());
      }
    }
  }
}
