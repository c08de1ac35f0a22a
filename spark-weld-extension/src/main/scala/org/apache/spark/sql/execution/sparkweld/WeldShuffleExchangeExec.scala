package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.ShuffleDependency
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.plans.physical.Partitioning
import org.apache.spark.sql.execution.{SparkPlan, SQLExecution}
import org.apache.spark.sql.execution.exchange.{ShuffleExchangeExec, ShuffleOrigin}
import org.apache.spark.sql.execution.metric.{SQLMetrics, SQLShuffleWriteMetricsReporter}

/**
 * Spark's shuffle exchange (same partitioning, shuffle manager, AQE statistics and reuse, same node name in EXPLAIN)
 * whose rows move through [[BufferedRowSerializer]]. A subclass, not a copy: Spark's rules match exchanges by this
 * class, and any rule that rebuilds one with `copy` just gets Spark's serializer back.
 */
class WeldShuffleExchangeExec(p: Partitioning, c: SparkPlan, o: ShuffleOrigin, a: Option[Long])
  extends ShuffleExchangeExec(p, c, o, a) {

  @transient
  override lazy val shuffleDependency: ShuffleDependency[Int, InternalRow, InternalRow] = {
    val writeKeys = SQLShuffleWriteMetricsReporter.createShuffleWriteMetrics(sparkContext).keySet
    val dep = ShuffleExchangeExec.prepareShuffleDependency(inputRDD, child.output, outputPartitioning,
      new BufferedRowSerializer(child.output.size, longMetric("dataSize")), metrics.filter(m => writeKeys(m._1)))
    metrics("numPartitions").set(dep.partitioner.numPartitions)
    SQLMetrics.postDriverMetricUpdates(sparkContext, sparkContext.getLocalProperty(SQLExecution.EXECUTION_ID_KEY),
      metrics("numPartitions") :: Nil)
    dep
  }

  override protected def withNewChildInternal(newChild: SparkPlan): ShuffleExchangeExec =
    new WeldShuffleExchangeExec(outputPartitioning, newChild, shuffleOrigin, advisoryPartitionSize)

  // Spark's case-class equality would call this node equal to the exchange it replaces, and a transform that sees
  // an "unchanged" node keeps the old one.
  override def canEqual(that: Any): Boolean = that.isInstanceOf[WeldShuffleExchangeExec]
  override def equals(that: Any): Boolean = that.isInstanceOf[WeldShuffleExchangeExec] && super.equals(that)
  override def hashCode(): Int = super.hashCode()
}

object WeldShuffleExchangeExec {
  /** Spark's own row exchanges (not subclasses, not columnar ones of other extensions) get the buffered rows. */
  def replace(plan: SparkPlan): SparkPlan = plan.transformUp {
    case s: ShuffleExchangeExec if s.getClass == classOf[ShuffleExchangeExec] =>
      val w = new WeldShuffleExchangeExec(s.outputPartitioning, s.child, s.shuffleOrigin, s.advisoryPartitionSize)
      w.copyTagsFrom(s)
      w
  }
}
