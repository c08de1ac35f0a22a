package dev.sparkweld.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.execution.ReusedSubqueryExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every node of an executed physical plan, looking through what hides nodes from {@code children()}: adaptive
 * plans (their current plan, which after a collect is the final one), query stages (the stage's plan) and
 * subqueries in expressions. Reused exchanges and subqueries are listed themselves but not entered again: their
 * plans are already listed where they first appear.
 */
public final class PlanNodes {
  private PlanNodes() {}

  public static List<SparkPlan> all(SparkPlan root) {
    List<SparkPlan> out = new ArrayList<>();
    walk(root, out);
    return out;
  }

  /** A Weld stage: the extension names its nodes "Weld..." ({@code dev.sparkweld.spark.exec.WeldStageExec}). */
  /** Partitions that Weld nodes of {@code root} handed to Spark's plan (their {@code fallbacks} metrics). */
  public static long fallbacks(SparkPlan root) {
    return all(root).stream().filter(PlanNodes::isWeld)
        .mapToLong(n -> (Long) n.metrics().apply("fallbacks").value()).sum();
  }

  public static boolean isWeld(SparkPlan node) {
    return node.nodeName().startsWith("Weld");
  }

  /** Nodes that only wrap or connect operators (adaptive execution, stages, codegen boundaries, reuse). */
  public static boolean isPlumbing(SparkPlan node) {
    String name = node.getClass().getSimpleName();
    return node instanceof AdaptiveSparkPlanExec || node instanceof QueryStageExec
        || node instanceof ReusedExchangeExec || node instanceof ReusedSubqueryExec
        || name.equals("WholeStageCodegenExec") || name.equals("InputAdapter");
  }

  private static void walk(SparkPlan node, List<SparkPlan> out) {
    out.add(node);
    if (node instanceof AdaptiveSparkPlanExec) {
      walk(((AdaptiveSparkPlanExec) node).executedPlan(), out);
      return;
    }
    if (node instanceof QueryStageExec) {
      walk(((QueryStageExec) node).plan(), out);
      return;
    }
    if (node instanceof ReusedExchangeExec || node instanceof ReusedSubqueryExec) {
      return;
    }
    for (SparkPlan child : CollectionConverters.asJava(node.children())) {
      walk(child, out);
    }
    for (SparkPlan subquery : CollectionConverters.asJava(node.subqueries())) {
      walk(subquery, out);
    }
  }
}
