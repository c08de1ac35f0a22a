package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.sql.catalyst.expressions.DynamicPruningExpression
import org.apache.spark.sql.catalyst.plans.physical.BroadcastMode
import org.apache.spark.sql.execution.SparkPlan
import org.apache.spark.sql.execution.exchange.BroadcastExchangeExec
import org.apache.spark.sql.execution.joins.HashedRelationBroadcastMode

/**
 * Spark's broadcast exchange with a [[BuildRowsMode]]: it broadcasts the build side's rows for a Weld join stage.
 * A subclass only so that replacing Spark's exchange sticks: the two are equal as case classes (the modes are
 * equal on purpose), and a transform keeps the old node when the new one is equal to it.
 */
class WeldBroadcastExchangeExec(m: BroadcastMode, c: SparkPlan) extends BroadcastExchangeExec(m, c) {
  override protected def withNewChildInternal(newChild: SparkPlan): BroadcastExchangeExec =
    new WeldBroadcastExchangeExec(mode, newChild)

  override def canEqual(that: Any): Boolean = that.isInstanceOf[WeldBroadcastExchangeExec]
  override def equals(that: Any): Boolean = that.isInstanceOf[WeldBroadcastExchangeExec] && super.equals(that)
  override def hashCode(): Int = super.hashCode()
}

object WeldBroadcastExchangeExec {
  /**
   * Each broadcast exchange directly below a join for which `weldJoin` holds broadcasts rows instead of Spark's
   * hashed relation. Not in plans with dynamic partition pruning: its subquery reuses the join's broadcast and
   * reads the keys of Spark's relation by the relation's class.
   */
  def replace(plan: SparkPlan, weldJoin: SparkPlan => Boolean): SparkPlan =
    if (plan.exists(_.expressions.exists(_.exists(_.isInstanceOf[DynamicPruningExpression])))) plan
    else plan.transformUp {
      case j if weldJoin(j) && j.children.exists(rowsEligible) =>
        j.withNewChildren(j.children.map {
          case b: BroadcastExchangeExec if rowsEligible(b) =>
            val w = new WeldBroadcastExchangeExec(
              BuildRowsModes(b.mode.asInstanceOf[HashedRelationBroadcastMode].key), b.child)
            w.copyTagsFrom(b)
            w
          case other => other
        })
    }

  private def rowsEligible(p: SparkPlan): Boolean = p match {
    case b: BroadcastExchangeExec if b.getClass == classOf[BroadcastExchangeExec] =>
      b.mode match {
        case h: HashedRelationBroadcastMode => h.getClass == classOf[HashedRelationBroadcastMode] && !h.isNullAware
        case _ => false
      }
    case _ => false
  }
}
