package dev.sparkweld.spark.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * A generated query as clauses, so that a failing one can be shrunk clause by clause and expression by expression.
 *
 * <p>Queries are deterministic by construction: a LIMIT comes only with an ORDER BY over every output column, and
 * never with a DOUBLE output (-0.0 and 0.0, or two NaNs, are equal sort keys whose bits differ, so which of them a
 * LIMIT keeps is the engine's choice).
 *
 * @param from the FROM clause (tables, joins and their conditions, and the join strategy hints; not shrunk)
 * @param orderBy directions for every output column in order (e.g. {@code "asc nulls first"}), or empty
 * @param limit the LIMIT, or -1
 */
record FuzzQuery(boolean distinct, List<Expr> select, From from, Expr where, List<Expr> groupBy, Expr having,
    List<String> orderBy, int limit) {

  /**
   * A FROM clause and the join strategy hints that go with it (they are written after SELECT).
   *
   * @param hints e.g. {@code MERGE(b), SHUFFLE_HASH(c)}, or empty (Spark picks: broadcasts, for these tables)
   */
  record From(String hints, String clause) {
    static From of(String clause) {
      return new From("", clause);
    }
  }

  FuzzQuery {
    select = List.copyOf(select);
    groupBy = List.copyOf(groupBy);
    orderBy = List.copyOf(orderBy);
  }

  String sql() {
    StringBuilder out = new StringBuilder("select ");
    if (!from.hints().isEmpty()) {
      out.append("/*+ ").append(from.hints()).append(" */ ");
    }
    if (distinct) {
      out.append("distinct ");
    }
    StringJoiner items = new StringJoiner(", ");
    for (int i = 0; i < select.size(); i++) {
      items.add(select.get(i).sql() + " as c" + i);
    }
    out.append(items).append(" from ").append(from.clause());
    if (where != null) {
      out.append(" where ").append(where.sql());
    }
    if (!groupBy.isEmpty()) {
      StringJoiner keys = new StringJoiner(", ");
      groupBy.forEach(k -> keys.add(k.sql()));
      out.append(" group by ").append(keys);
    }
    if (having != null) {
      out.append(" having ").append(having.sql());
    }
    if (!orderBy.isEmpty()) {
      StringJoiner keys = new StringJoiner(", ");
      for (int i = 0; i < orderBy.size(); i++) {
        keys.add((i + 1) + " " + orderBy.get(i));
      }
      out.append(" order by ").append(keys);
    }
    if (limit >= 0) {
      out.append(" limit ").append(limit);
    }
    return out.toString();
  }

  /**
   * Greedy shrinking: takes the first smaller query that still differs, until none does or {@code budget} checks
   * are spent.
   */
  static FuzzQuery shrink(FuzzQuery query, Predicate<FuzzQuery> stillDiffers, int budget) {
    FuzzQuery current = query;
    int checks = 0;
    boolean progress = true;
    while (progress && checks < budget) {
      progress = false;
      for (FuzzQuery smaller : current.shrinks()) {
        if (++checks > budget) {
          break;
        }
        if (stillDiffers.test(smaller)) {
          current = smaller;
          progress = true;
          break;
        }
      }
    }
    return current;
  }

  /** Smaller queries, coarsest first: fewer clauses, fewer outputs, then smaller expressions. */
  List<FuzzQuery> shrinks() {
    List<FuzzQuery> out = new ArrayList<>();
    if (limit >= 0) {
      out.add(new FuzzQuery(distinct, select, from, where, groupBy, having, orderBy, -1));
    }
    if (!orderBy.isEmpty() && limit < 0) {
      out.add(new FuzzQuery(distinct, select, from, where, groupBy, having, List.of(), -1));
    }
    if (having != null) {
      out.add(new FuzzQuery(distinct, select, from, where, groupBy, null, orderBy, limit));
    }
    if (where != null) {
      out.add(new FuzzQuery(distinct, select, from, null, groupBy, having, orderBy, limit));
    }
    if (distinct) {
      out.add(new FuzzQuery(false, select, from, where, groupBy, having, orderBy, limit));
    }
    if (select.size() > 1) {
      for (int i = 0; i < select.size(); i++) {
        List<Expr> fewer = new ArrayList<>(select);
        fewer.remove(i);
        List<String> order = new ArrayList<>(orderBy);
        if (!order.isEmpty()) {
          order.remove(i);
        }
        out.add(new FuzzQuery(distinct, fewer, from, where, groupBy, having, order, limit));
      }
    }
    if (where != null) {
      for (Expr w : where.shrinks()) {
        out.add(new FuzzQuery(distinct, select, from, w, groupBy, having, orderBy, limit));
      }
    }
    if (having != null) {
      for (Expr h : having.shrinks()) {
        out.add(new FuzzQuery(distinct, select, from, where, groupBy, h, orderBy, limit));
      }
    }
    for (int i = 0; i < select.size(); i++) {
      for (Expr e : select.get(i).shrinks()) {
        List<Expr> copy = new ArrayList<>(select);
        copy.set(i, e);
        // A shrunk output that is also a grouping key must shrink in the GROUP BY too.
        List<Expr> keys = new ArrayList<>(groupBy);
        int key = keys.indexOf(select.get(i));
        if (key >= 0) {
          keys.set(key, e);
        }
        out.add(new FuzzQuery(distinct, copy, from, where, keys, having, orderBy, limit));
      }
    }
    return out;
  }
}
