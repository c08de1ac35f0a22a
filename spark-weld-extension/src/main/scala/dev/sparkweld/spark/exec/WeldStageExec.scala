package dev.sparkweld.spark.exec

import dev.sparkweld.spark.translate.StagePlan

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.Attribute
import org.apache.spark.sql.catalyst.plans.physical.Partitioning
import org.apache.spark.sql.execution.{SparkPlan, UnaryExecNode}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics}

/**
 * One fused Weld stage in place of Spark's operators `original` (e.g. partial aggregate <- project <- filter): it
 * runs `plan.program` on each partition of `child` (column batches when `columnarInput`, rows otherwise) and keeps
 * `original`, Spark's execution of the same operators, as the per-partition fallback (see [[StageRunner]]).
 */
case class WeldStageExec(
    plan: StagePlan,
    output: Seq[Attribute],
    child: SparkPlan,
    original: SparkPlan,
    columnarInput: Boolean,
    operators: Seq[String],
    weldConf: Map[String, String],
    batchRows: Int) extends UnaryExecNode {

  override lazy val metrics: Map[String, SQLMetric] = Map(
    "numInputRows" -> SQLMetrics.createMetric(sparkContext, "number of input rows"),
    "numOutputRows" -> SQLMetrics.createMetric(sparkContext, "number of output rows"),
    "compileTime" -> SQLMetrics.createTimingMetric(sparkContext, "Weld compile time"),
    "kernelTime" -> SQLMetrics.createTimingMetric(sparkContext, "Weld kernel time"),
    "kernelCalls" -> SQLMetrics.createMetric(sparkContext, "Weld kernel calls"),
    "fallbacks" -> SQLMetrics.createMetric(sparkContext, "partitions run by Spark's plan"),
    "inputTime" -> SQLMetrics.createTimingMetric(sparkContext, "input time (scan and gathering)"))

  override def outputPartitioning: Partitioning = original.outputPartitioning

  override def nodeName: String = "WeldStage"

  override def simpleString(maxFields: Int): String =
    s"WeldStage [${operators.mkString(" <- ")}] (${plan.summary}, ${if (columnarInput) "columnar" else "row"} input)"

  override def verboseStringWithOperatorId(): String =
    s"""${super.verboseStringWithOperatorId()}
       |Weld program:
       |${plan.program}
       |""".stripMargin

  override protected def doExecute(): RDD[InternalRow] = {
    val m = StageMetrics(metrics("numInputRows"), metrics("numOutputRows"), metrics("compileTime"),
      metrics("kernelTime"), metrics("kernelCalls"), metrics("fallbacks"), metrics("inputTime"))
    val task = StageTask(plan, weldConf, batchRows, schema, columnarInput)
    val input: RDD[Any] =
      if (columnarInput) child.executeColumnar().asInstanceOf[RDD[Any]] else child.execute().asInstanceOf[RDD[Any]]
    val vanilla = original.execute()
    new LazyZipRDD[Any, InternalRow, InternalRow](sparkContext, input, vanilla,
      (in, spark) => StageRunner.run(task, m, in, spark))
  }

  override protected def withNewChildInternal(newChild: SparkPlan): WeldStageExec = copy(child = newChild)
}
