package dev.sparkweld.spark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.WindowExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the comparison needs to know about a query, read from its analyzed plan: whether the result is ordered
 * (and by which output columns), and which output columns are floating-point values computed from aggregates.
 */
public record QueryShape(boolean ordered, List<Integer> orderKeyColumns, boolean[] aggregatedFloatColumns) {

  /**
   * @param orderKeyColumns output columns of the top-level ORDER BY keys, or null when some key is not an output
   *     column (then rows are compared strictly in order, ties included)
   */
  public QueryShape {
    orderKeyColumns = orderKeyColumns == null ? null : List.copyOf(orderKeyColumns);
  }

  public static QueryShape of(LogicalPlan analyzed) {
    List<Attribute> output = CollectionConverters.asJava(analyzed.output());
    Sort sort = topLevelSort(analyzed);
    List<Integer> keys = null;
    if (sort != null) {
      keys = new ArrayList<>();
      for (SortOrder order : CollectionConverters.asJava(sort.order())) {
        int index = indexOf(output, order.child());
        if (index < 0) {
          keys = null;
          break;
        }
        keys.add(index);
      }
    }
    Set<ExprId> aggregated = new HashSet<>();
    collectAggregated(analyzed, aggregated);
    boolean[] tolerant = new boolean[output.size()];
    for (int i = 0; i < tolerant.length; i++) {
      DataType type = output.get(i).dataType();
      boolean floating = type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType);
      tolerant[i] = floating && aggregated.contains(output.get(i).exprId());
    }
    return new QueryShape(sort != null, keys, tolerant);
  }

  /** The global Sort at the top of the query, under limits and projections only. */
  private static Sort topLevelSort(LogicalPlan plan) {
    LogicalPlan node = plan;
    while (node instanceof Project || node instanceof GlobalLimit || node instanceof LocalLimit) {
      node = node.children().head();
    }
    return node instanceof Sort && ((Sort) node).global() ? (Sort) node : null;
  }

  private static int indexOf(List<Attribute> output, Expression key) {
    if (!(key instanceof AttributeReference)) {
      return -1;
    }
    ExprId id = ((AttributeReference) key).exprId();
    for (int i = 0; i < output.size(); i++) {
      if (output.get(i).exprId().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Ids of the attributes whose value is computed from an aggregate (grouped or windowed) or a subquery, following
   * projections upward; other operators pass attributes through with their ids.
   */
  private static void collectAggregated(LogicalPlan node, Set<ExprId> aggregated) {
    for (LogicalPlan child : CollectionConverters.asJava(node.children())) {
      collectAggregated(child, aggregated);
    }
    List<NamedExpression> defined;
    if (node instanceof Aggregate) {
      defined = CollectionConverters.asJava(((Aggregate) node).aggregateExpressions());
    } else if (node instanceof Project) {
      defined = CollectionConverters.asJava(((Project) node).projectList());
    } else if (node instanceof Window) {
      defined = CollectionConverters.asJava(((Window) node).windowExpressions());
    } else {
      return;
    }
    for (NamedExpression e : defined) {
      boolean derived = any((Expression) e, x -> x instanceof AggregateExpression || x instanceof WindowExpression
          || x instanceof SubqueryExpression
          || (x instanceof AttributeReference && aggregated.contains(((AttributeReference) x).exprId())));
      if (derived) {
        aggregated.add(e.exprId());
      }
    }
  }

  private static boolean any(Expression e, Predicate<Expression> test) {
    if (test.test(e)) {
      return true;
    }
    for (Expression child : CollectionConverters.asJava(e.children())) {
      if (any(child, test)) {
        return true;
      }
    }
    return false;
  }
}
