package dev.sparkweld.weld.types;

import dev.sparkweld.weld.ir.Expr;
import java.util.List;

/**
 * Inference's mirror of one {@link Expr}: the term standing for its type, the mirrors of its children (in
 * {@link Expr#children()} order) and, for a lambda, the terms of its parameters. Mirroring by position rather than
 * keying by node identity keeps two occurrences of one shared subtree (macro arguments are duplicated) independent.
 */
record Node(Expr expr, Term type, List<Node> children, List<Term> params) {
  Node {
    children = List.copyOf(children);
    params = List.copyOf(params);
  }
}
