package dev.sparkweld.spark.exec

import dev.sparkweld.spark.rules.WeldColumnarRule
import dev.sparkweld.spark.translate.{ScalarSubqueries, StagePlan}

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, Expression}
import org.apache.spark.sql.catalyst.plans.physical.Partitioning
import org.apache.spark.sql.execution.{CollapseCodegenStages, SparkPlan, UnaryExecNode}
import org.apache.spark.sql.execution.metric.SQLMetric

/**
 * One fused Weld stage in place of Spark's operators `original` (e.g. partial aggregate <- project <- filter): it
 * runs `plan.program` on each partition of `child` (column batches when it has them, rows otherwise) and keeps
 * `original`, Spark's operators as planned over `originalInput`, to run them over the same input as the
 * per-partition fallback (see [[StageRunner]]). The fallback is rebuilt over the current child at execution: AQE
 * may have replaced the child since planning (coalesced reads, empty relations), and both sides must read the same
 * partitions. `scalarSubqueries`: the scalar subqueries the program reads (Spark runs them before [[doExecute]]).
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
    batchRows: Int,
    scalarSubqueries: Seq[Expression] = Nil) extends UnaryExecNode {

  override lazy val metrics: Map[String, SQLMetric] = WeldMetrics.create(sparkContext)

  // Spark's operators over the current child: AQE may have coalesced the input since planning, and a partitioning
  // with the planned partition count would mislead a partitioning-aware union above.
  @transient private lazy val sparkOverChild: SparkPlan = WeldColumnarRule.replaceInput(original, originalInput, child)

  @transient override lazy val outputPartitioning: Partitioning = sparkOverChild.outputPartitioning

  @transient private lazy val childInput = ChildInput.of(child, plan.inputs, conf)

  override def nodeName: String = "WeldStage"

  // Spark's operators over the current child: the program's text names expression ids, so two stages computing the
  // same thing (a view or subquery used twice) would never canonicalize alike, and their exchanges never be reused.
  override protected def doCanonicalize(): SparkPlan = sparkOverChild.canonicalized

  override def simpleString(maxFields: Int): String =
    s"WeldStage [${operators.mkString(" <- ")}] (${plan.summary}, ${childInput.kind(columnarInput)} input)"

  override def verboseStringWithOperatorId(): String =
    ProgramText(super.verboseStringWithOperatorId(), plan.program)

  override protected def doExecute(): RDD[InternalRow] = {
    val m = WeldMetrics.of(metrics)
    val task = StageTask(plan.bind(scalarSubqueries), weldConf, batchRows, schema, childInput.columnar)
    val input = childInput.rdd(metrics("parquetRows"), plan.inputs)
    // Spark's plan as Spark would run it, whole-stage code generation included: its interpreted operators differ
    // from the generated ones in corners (which ANSI error a decimal overflow raises), and the fallback must be
    // exactly Spark.
    // (The subqueries are shared after the input is replaced: the input's scan may read them too.)
    val vanilla = CollapseCodegenStages()(ScalarSubqueries.shared(WeldColumnarRule.replaceInput(original, originalInput,
      childInput.fallback), scalarSubqueries)).execute()
    new LazyZipRDD[Any, InternalRow, InternalRow](sparkContext, input, vanilla,
      (rows, spark) => StageRunner.run(task, m, rows, spark))
  }

  override protected def withNewChildInternal(newChild: SparkPlan): WeldStageExec = copy(child = newChild)
}
