package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions.{Expression, IsNotNull, PredicateHelper}
import org.apache.spark.sql.execution.FilterExec

/**
 * The order in which Spark's generated code evaluates a filter's conjuncts, which a stage must follow: the result
 * does not depend on it, but which ANSI error a row raises does. `FilterExec`'s code generation takes the
 * `IsNotNull(a)` conjuncts apart; it evaluates each other conjunct in turn, just after the `IsNotNull` checks of the
 * attributes that conjunct references, and the remaining `IsNotNull` checks last. So in
 * `dt IS NOT NULL AND k <= k + i` Spark computes `k + i` (and may overflow) on rows whose `dt` is null, where a
 * left-to-right AND would have skipped them.
 */
object FilterOrder extends PredicateHelper {
  def conjuncts(f: FilterExec): Seq[Expression] = {
    val (notNull, other) = splitConjunctivePredicates(f.condition).partition {
      case IsNotNull(a) => isNullIntolerant(a) && a.references.subsetOf(f.child.outputSet)
      case _ => false
    }
    val emitted = Array.fill(notNull.size)(false)
    val ordered = other.flatMap { c =>
      val checks = c.references.toSeq.flatMap { r =>
        val idx = notNull.indexWhere(n => n.asInstanceOf[IsNotNull].child.semanticEquals(r))
        if (idx >= 0 && !emitted(idx)) {
          emitted(idx) = true
          Seq(notNull(idx))
        } else Nil
      }
      checks :+ c
    }
    ordered ++ notNull.indices.filterNot(emitted).map(notNull)
  }
}
