package dev.sparkweld.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.execution.SparkPlan;

/**
 * Which parts of each query ran on Weld: per query, the result's row count, the number of Weld stages and the operators left to Spark
 * (by node name, plumbing such as adaptive wrappers, query stages and codegen boundaries left out), written as a
 * Markdown table. When the extension tags fallback reasons on plan nodes, they belong in the last column.
 */
public final class FallbackReport {
  private record Entry(int rows, int weldStages, int joinStages, Map<String, Integer> sparkOperators) {}

  private static final Map<String, Entry> entries = new LinkedHashMap<>();

  private FallbackReport() {}

  public static synchronized void record(String query, int rows, SparkPlan executedPlan) {
    int weld = 0;
    int joins = 0;
    Map<String, Integer> operators = new TreeMap<>();
    for (SparkPlan node : PlanNodes.all(executedPlan)) {
      if (PlanNodes.isWeld(node)) {
        weld++;
        joins += node.nodeName().equals("WeldJoinStage") ? 1 : 0;
      } else if (!PlanNodes.isPlumbing(node)) {
        operators.merge(node.nodeName().strip(), 1, Integer::sum);
      }
    }
    entries.put(query, new Entry(rows, weld, joins, operators));
  }

  /** Writes the queries recorded so far to {@code file}; returns it. */
  public static synchronized Path write(Path file, String title) {
    StringBuilder out = new StringBuilder("# Weld fallback report\n\n").append(title).append("\n\n")
        .append("| query | rows | Weld stages | of which joins | operators left to Spark |\n|---|---:|---:|---:|---|\n");
    int totalWeld = 0;
    int totalJoins = 0;
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry entry = e.getValue();
      totalWeld += entry.weldStages();
      totalJoins += entry.joinStages();
      String operators = entry.sparkOperators().entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
          .map(o -> o.getValue() > 1 ? o.getKey() + " x" + o.getValue() : o.getKey())
          .collect(Collectors.joining(", "));
      out.append("| ").append(e.getKey()).append(" | ").append(entry.rows()).append(" | ").append(entry.weldStages()).append(" | ")
          .append(entry.joinStages()).append(" | ").append(operators)
          .append(" |\n");
    }
    out.append("\n").append(entries.size()).append(" queries, ").append(totalWeld).append(" Weld stages in all, ")
        .append(totalJoins).append(" of them with joins.\n");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
