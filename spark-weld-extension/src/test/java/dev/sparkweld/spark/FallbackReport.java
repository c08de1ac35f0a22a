package dev.sparkweld.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.trees.TreeNodeTag;
import org.apache.spark.sql.execution.SparkPlan;
import scala.Option;

/**
 * Which parts of each query ran on Weld: per query, the result's row count, the number of Weld stages, what moves
 * data around them and stays Spark's by design (exchanges and their reads, scans and their row conversion,
 * subquery and broadcast wrappers, AQE's empty relations), and the computing operators left to Spark with the
 * reason the extension recorded on each (`weld.fallback`). Plumbing (adaptive wrappers, query stages, codegen
 * boundaries) is left out. Written as a Markdown table.
 */
public final class FallbackReport {
  private record Entry(int rows, int weldStages, int joinStages, Map<String, Integer> dataMovement,
      Map<String, Integer> computing) {}

  /** Operators that are Spark's by design: data movement between stages, scans, wrappers (by node name prefix). */
  private static final Set<String> DATA_MOVEMENT = Set.of("Exchange", "BroadcastExchange", "PackedBroadcastExchange",
      "AQEShuffleRead", "Scan", "ColumnarToRow", "Subquery", "SubqueryBroadcast", "EmptyRelation", "LocalTableScan",
      "ReusedExchange", "Range");

  private static final TreeNodeTag<String> REASON = new TreeNodeTag<>("weld.fallback");

  private static final Map<String, Entry> entries = new LinkedHashMap<>();

  private FallbackReport() {}

  public static synchronized void record(String query, int rows, SparkPlan executedPlan) {
    int weld = 0;
    int joins = 0;
    Map<String, Integer> movement = new TreeMap<>();
    for (SparkPlan node : PlanNodes.all(executedPlan)) {
      String name = node.nodeName().strip();
      if (PlanNodes.isWeld(node)) {
        weld++;
        joins += name.equals("WeldJoinStage") ? 1 : 0;
      } else if (!PlanNodes.isPlumbing(node) && isDataMovement(node)) {
        movement.merge(name, 1, Integer::sum);
      }
    }
    entries.put(query, new Entry(rows, weld, joins, movement, computing(executedPlan)));
  }

  /** The computing operators of {@code executedPlan} left to Spark, as "name: reason", with their counts. */
  public static Map<String, Integer> computing(SparkPlan executedPlan) {
    Map<String, Integer> computing = new TreeMap<>();
    for (SparkPlan node : PlanNodes.all(executedPlan)) {
      if (PlanNodes.isWeld(node) || PlanNodes.isPlumbing(node) || isDataMovement(node)) {
        continue;
      }
      Option<String> reason = node.getTagValue(REASON);
      String why = reason.isDefined() ? reason.get() : "no reason recorded";
      computing.merge(node.nodeName().strip() + ": " + why, 1, Integer::sum);
    }
    return computing;
  }

  private static boolean isDataMovement(SparkPlan node) {
    String name = node.nodeName().strip();
    return DATA_MOVEMENT.stream().anyMatch(name::startsWith);
  }

  /** Per query, the computing operators left to Spark with their reasons (empty lists included). */
  public static synchronized Map<String, Map<String, Integer>> computingFallbacks() {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    entries.forEach((q, e) -> out.put(q, e.computing()));
    return out;
  }

  /** Writes the queries recorded so far to {@code file}; returns it. */
  public static synchronized Path write(Path file, String title) {
    StringBuilder out = new StringBuilder("# Weld fallback report\n\n").append(title).append("\n\n")
        .append("| query | rows | Weld stages | of which joins | computing operators left to Spark (reason) "
            + "| exchanges, scans, subqueries (Spark's by design) |\n|---|---:|---:|---:|---|---|\n");
    int totalWeld = 0;
    int totalJoins = 0;
    int totalComputing = 0;
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry entry = e.getValue();
      totalWeld += entry.weldStages();
      totalJoins += entry.joinStages();
      totalComputing += entry.computing().values().stream().mapToInt(Integer::intValue).sum();
      out.append("| ").append(e.getKey()).append(" | ").append(entry.rows()).append(" | ").append(entry.weldStages())
          .append(" | ").append(entry.joinStages()).append(" | ").append(list(entry.computing(), "none"))
          .append(" | ").append(list(entry.dataMovement(), "")).append(" |\n");
    }
    out.append("\n").append(entries.size()).append(" queries, ").append(totalWeld).append(" Weld stages in all, ")
        .append(totalJoins).append(" of them with joins; ").append(totalComputing)
        .append(" computing operators left to Spark.\n");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static String list(Map<String, Integer> counts, String empty) {
    if (counts.isEmpty()) {
      return empty;
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .map(o -> (o.getValue() > 1 ? o.getKey() + " (x" + o.getValue() + ")" : o.getKey()).replace("|", "\\|"))
        .collect(Collectors.joining("; "));
  }
}
