package dev.sparkweld.spark.exec

import dev.sparkweld.spark.translate.SortPlan

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, SortOrder}
import org.apache.spark.sql.catalyst.plans.physical.{Distribution, Partitioning}
import org.apache.spark.sql.execution.{SortExec, SparkPlan, UnaryExecNode}
import org.apache.spark.sql.execution.metric.SQLMetric

/**
 * Spark's `SortExec` on Weld: each partition sorted by a kernel (see [[SortRunner]]), with Spark's own sort over the
 * same input as the per-partition fallback.
 */
case class WeldSortExec(plan: SortPlan, original: SortExec, child: SparkPlan, weldConf: Map[String, String],
    batchRows: Int) extends UnaryExecNode {
  override lazy val metrics: Map[String, SQLMetric] = WeldMetrics.create(sparkContext)

  override def output: Seq[Attribute] = child.output
  override def outputOrdering: Seq[SortOrder] = original.sortOrder
  override def outputPartitioning: Partitioning = child.outputPartitioning
  override def requiredChildDistribution: Seq[Distribution] = original.requiredChildDistribution
  override def nodeName: String = "WeldSort"

  override def simpleString(maxFields: Int): String = s"WeldSort [${plan.summary}]${if (original.global) " global" else ""}"

  override def verboseStringWithOperatorId(): String =
    ProgramText(super.verboseStringWithOperatorId(), plan.program)

  override protected def doExecute(): RDD[InternalRow] = {
    val m = WeldMetrics.of(metrics)
    val task = SortTask(plan, weldConf, batchRows, None)
    val vanilla = original.withNewChildren(Seq(child)).execute()
    new LazyZipRDD[InternalRow, InternalRow, InternalRow](sparkContext, child.execute(), vanilla,
      (rows, spark) => SortRunner.run(task, m, rows, spark))
  }

  override protected def withNewChildInternal(newChild: SparkPlan): WeldSortExec = copy(child = newChild)
}
