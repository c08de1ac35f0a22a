package dev.sparkweld.spark.exec

import dev.sparkweld.spark.rules.WeldColumnarRule
import dev.sparkweld.spark.translate.StagePlan

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.Attribute
import org.apache.spark.sql.catalyst.plans.physical.Partitioning
import org.apache.spark.sql.execution.{ColumnarToRowExec, SparkPlan, UnaryExecNode}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics}

/**
 * One fused Weld stage in place of Spark's operators `original` (e.g. partial aggregate <- project <- filter): it
 * runs `plan.program` on each partition of `child` (column batches when it has them, rows otherwise) and keeps
 * `original`, Spark's operators as planned over `originalInput`, to run them over the same input as the
 * per-partition fallback (see [[StageRunner]]). The fallback is rebuilt over the current child at execution: AQE
 * may have replaced the child since planning (coalesced reads, empty relations), and both sides must read the same
 * partitions.
 */
case class WeldStageExec(
    plan: StagePlan,
    output: Seq[Attribute],
    child: SparkPlan,
    original: SparkPlan,
    originalInput: SparkPlan,
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
    val (in, columnar) = child match {
      case c2r: ColumnarToRowExec => (c2r.child, true)
      case c => (c, c.supportsColumnar)
    }
    val task = StageTask(plan, weldConf, batchRows, schema, columnar)
    val input: RDD[Any] =
      if (columnar) in.executeColumnar().asInstanceOf[RDD[Any]] else in.execute().asInstanceOf[RDD[Any]]
    val vanilla = WeldColumnarRule.replaceInput(original, originalInput, if (columnar) ColumnarToRowExec(in) else in)
      .execute()
    new LazyZipRDD[Any, InternalRow, InternalRow](sparkContext, input, vanilla,
      (rows, spark) => StageRunner.run(task, m, rows, spark))
  }

  override protected def withNewChildInternal(newChild: SparkPlan): WeldStageExec = copy(child = newChild)
}
