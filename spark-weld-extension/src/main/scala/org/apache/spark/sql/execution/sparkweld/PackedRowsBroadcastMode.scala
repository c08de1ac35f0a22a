package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.SparkEnv
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.catalyst.plans.physical.BroadcastMode
import org.apache.spark.sql.execution.SparkPlan
import org.apache.spark.sql.execution.adaptive.BroadcastQueryStageExec
import org.apache.spark.sql.execution.aggregate.HashAggregateExec
import org.apache.spark.sql.execution.exchange.{BroadcastExchangeExec, ReusedExchangeExec}
import org.apache.spark.sql.execution.joins.{HashedRelation, HashedRelationBroadcastMode}

/**
 * Spark's broadcast mode for hash joins, except that the relation it builds is [[PackedRowsRelation]]: the rows
 * packed, for a Weld stage to build its own table from. It is a [[HashedRelationBroadcastMode]] and equal to one
 * with the same keys (and canonicalizes to one), so the join's broadcast requirement still holds and EXPLAIN prints
 * it as Spark does; its exchange is a [[PackedBroadcastExchangeExec]].
 */
final class PackedRowsBroadcastMode(key: Seq[Expression], isNullAware: Boolean)
    extends HashedRelationBroadcastMode(key, isNullAware) {

  override def transform(rows: Array[InternalRow]): HashedRelation = transform(rows.iterator, Some(rows.length.toLong))

  override def transform(rows: Iterator[InternalRow], sizeHint: Option[Long]): HashedRelation =
    if (PackedRowsBroadcastMode.kryoRegistrationRequired) super.transform(rows, sizeHint)
    else PackedRowsRelation.pack(rows, key, isNullAware)
}

/**
 * A broadcast exchange of [[PackedRowsBroadcastMode]] that is equal only to its own kind. With the modes equal, an
 * exchange of Spark's mode would be equal to it in every field, and Catalyst keeps the old node of two equal ones:
 * the plan change would be dropped by the transformation making it (and by every ancestor's). Its canonical form is
 * of its kind too, so Spark never reuses it where it expects its own relation: dynamic partition pruning reads a
 * relation's keys by its class (a long relation's packed multi-column keys).
 */
final class PackedBroadcastExchangeExec(mode: BroadcastMode, child: SparkPlan)
    extends BroadcastExchangeExec(mode, child) {
  override def canEqual(other: Any): Boolean = other.isInstanceOf[PackedBroadcastExchangeExec]
  override def equals(other: Any): Boolean = canEqual(other) && super.equals(other)
  override def hashCode(): Int = super.hashCode()
  override protected def withNewChildInternal(newChild: SparkPlan): BroadcastExchangeExec =
    new PackedBroadcastExchangeExec(mode, newChild)
  override def doCanonicalize(): SparkPlan = new PackedBroadcastExchangeExec(mode.canonicalized, child.canonicalized)
}

object PackedRowsBroadcastMode {
  /**
   * `build` (a join's build side) broadcasting packed rows, when it is a broadcast exchange of Spark's mode;
   * `distinct`: each task's distinct rows only (a grouping-only aggregate under the exchange, which becomes a Weld
   * stage; the exchange's child differs, so it is reused only where the rows are deduplicated too).
   */
  def pack(build: SparkPlan, distinct: Boolean = false): SparkPlan = build match {
    case b @ BroadcastExchangeExec(m: HashedRelationBroadcastMode, _)
        if m.getClass == classOf[HashedRelationBroadcastMode] =>
      val child = b.child match {
        case c if !distinct || c.output.isEmpty || c.isInstanceOf[HashAggregateExec] => c
        case c => HashAggregateExec(None, isStreaming = false, None, c.output, Nil, Nil, 0, c.output, c)
      }
      val packed = new PackedBroadcastExchangeExec(new PackedRowsBroadcastMode(m.key, m.isNullAware), child)
      // AQE finds the logical plan of a query stage through the exchange's tags.
      packed.copyTagsFrom(b)
      packed
    case other => other
  }

  /** Whether `build` broadcasts packed rows (as a query stage, or reused, or not yet executed). */
  def isPacked(build: SparkPlan): Boolean = build match {
    case s: BroadcastQueryStageExec => isPacked(s.plan)
    case r: ReusedExchangeExec => isPacked(r.child)
    case b: BroadcastExchangeExec => b.mode.isInstanceOf[PackedRowsBroadcastMode]
    case _ => false
  }

  // Kryo set to refuse unregistered classes would refuse ours: Spark's relation then, as without us.
  private def kryoRegistrationRequired: Boolean = Option(SparkEnv.get).exists { env =>
    env.conf.get("spark.serializer", "").contains("Kryo") &&
      env.conf.getBoolean("spark.kryo.registrationRequired", defaultValue = false)
  }
}
