package dev.sparkweld.spark.exec

import dev.sparkweld.spark.rules.WeldColumnarRule
import dev.sparkweld.spark.translate.{ScalarSubqueries, StagePlan}

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, Expression}
import org.apache.spark.sql.catalyst.plans.physical.Partitioning
import org.apache.spark.sql.execution.{CollapseCodegenStages, ColumnarToRowExec, SparkPlan, UnaryExecNode}
import org.apache.spark.sql.execution.sparkweld.{FallbackInput, NativeParquetScan}
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

  /** The input read by our Parquet decoder, when it qualifies (decided on the driver, with the session's conf). */
  @transient private lazy val nativeScan: Option[NativeParquetScan] = NativeParquetScan.of(child, plan.inputs, conf)

  private def inputKind: String =
    if (nativeScan.isDefined) "native Parquet" else if (columnarInput) "columnar" else "row"

  override def nodeName: String = "WeldStage"

  // Spark's operators over the current child: the program's text names expression ids, so two stages computing the
  // same thing (a view or subquery used twice) would never canonicalize alike, and their exchanges never be reused.
  override protected def doCanonicalize(): SparkPlan = sparkOverChild.canonicalized

  override def simpleString(maxFields: Int): String =
    s"WeldStage [${operators.mkString(" <- ")}] (${plan.summary}, ${inputKind} input)"

  override def verboseStringWithOperatorId(): String =
    ProgramText(super.verboseStringWithOperatorId(), plan.program)

  override protected def doExecute(): RDD[InternalRow] = {
    val m = WeldMetrics.of(metrics)
    val (in, columnar) = child match {
      case c2r: ColumnarToRowExec => (c2r.child, true)
      case c => (c, c.supportsColumnar)
    }
    val task = StageTask(plan.bind(scalarSubqueries), weldConf, batchRows, schema, columnar)
    val input: RDD[Any] = nativeScan.map(_.execute(metrics("parquetRows"))).getOrElse(
      if (columnar) in.executeColumnar().asInstanceOf[RDD[Any]] else in.execute().asInstanceOf[RDD[Any]])
    // Spark's plan as Spark would run it, whole-stage code generation included: its interpreted operators differ
    // from the generated ones in corners (which ANSI error a decimal overflow raises), and the fallback must be
    // exactly Spark.
    val fallbackInput = FallbackInput(in)
    // (The subqueries are shared after the input is replaced: the input's scan may read them too.)
    val vanilla = CollapseCodegenStages()(ScalarSubqueries.shared(WeldColumnarRule.replaceInput(original, originalInput,
      if (columnar) ColumnarToRowExec(fallbackInput) else fallbackInput), scalarSubqueries)).execute()
    new LazyZipRDD[Any, InternalRow, InternalRow](sparkContext, input, vanilla,
      (rows, spark) => StageRunner.run(task, m, rows, spark))
  }

  override protected def withNewChildInternal(newChild: SparkPlan): WeldStageExec = copy(child = newChild)
}
