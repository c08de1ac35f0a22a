package dev.sparkweld.spark.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A generated SQL expression: a template whose {@code $0}, {@code $1}, ... are replaced by its children's SQL. Kept
 * as a tree (not a string) so that a failing query can be shrunk by replacing a node with one of its children of
 * the same type.
 *
 * @param aggregate whether this node is an aggregate function call (its children are then row expressions)
 */
record Expr(String template, List<Expr> children, SqlType type, boolean aggregate) {
  Expr {
    children = List.copyOf(children);
  }

  static Expr leaf(String sql, SqlType type) {
    return new Expr(sql, List.of(), type, false);
  }

  static Expr of(String template, SqlType type, Expr... children) {
    return new Expr(template, List.of(children), type, false);
  }

  static Expr agg(String template, SqlType type, Expr... children) {
    return new Expr(template, List.of(children), type, true);
  }

  String sql() {
    String out = template;
    // From the highest index down, so that $1 does not match the start of $10.
    for (int i = children.size() - 1; i >= 0; i--) {
      out = out.replace("$" + i, children.get(i).sql());
    }
    return out;
  }

  boolean containsAggregate() {
    return aggregate || children.stream().anyMatch(Expr::containsAggregate);
  }

  boolean anyNode(Predicate<Expr> p) {
    return p.test(this) || children.stream().anyMatch(c -> c.anyNode(p));
  }

  /**
   * Smaller variants of this expression, simplest first: each same-typed descendant in place of the whole, then this
   * node with one child shrunk. A variant may be an invalid query (a bare column in place of an aggregate); the
   * shrinker keeps only variants that still show the difference, which an invalid query cannot.
   */
  List<Expr> shrinks() {
    List<Expr> out = new ArrayList<>();
    for (Expr c : children) {
      if (c.type == type) {
        out.add(c);
      }
    }
    for (int i = 0; i < children.size(); i++) {
      for (Expr smaller : children.get(i).shrinks()) {
        List<Expr> copy = new ArrayList<>(children);
        copy.set(i, smaller);
        out.add(new Expr(template, copy, type, aggregate));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return sql();
  }
}
