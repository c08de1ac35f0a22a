package dev.sparkweld.spark.exec

import dev.sparkweld.spark.translate.{ScalarSubqueries, StagePlan}

import org.apache.spark.broadcast.Broadcast
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, Expression}
import org.apache.spark.sql.catalyst.plans.physical.Partitioning
import org.apache.spark.sql.execution.{CollapseCodegenStages, SparkPlan}
import org.apache.spark.sql.execution.sparkweld.{FallbackInput, PackedRowsBroadcastMode}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics}

/**
 * A Weld stage that probes hash joins: like [[WeldStageExec]] over its streamed input `child`, plus one child per
 * join, its build side (`plan.joins` in the same order): a broadcast, or a partitioned side read partition by
 * partition with the input. `original` (Spark's operators, over `originalInput` and `originalBuilds`) is the
 * per-partition fallback, rebuilt over the current children at execution.
 *
 * The node is created after Spark has placed its exchanges and sorts, so it states no distribution or ordering
 * requirements of its own; it keeps the output partitioning of the operators it replaces and promises no order
 * (a sort-merge join is only replaced when nothing above it needs its order).
 */
case class WeldJoinStageExec(
    plan: StagePlan,
    output: Seq[Attribute],
    child: SparkPlan,
    builds: Seq[SparkPlan],
    original: SparkPlan,
    originalInput: SparkPlan,
    originalBuilds: Seq[SparkPlan],
    columnarInput: Boolean,
    operators: Seq[String],
    weldConf: Map[String, String],
    batchRows: Int,
    maxCachedBuilds: Int,
    scalarSubqueries: Seq[Expression] = Nil) extends SparkPlan {

  require(builds.size == plan.joins.size, s"${plan.joins.size} joins, ${builds.size} build sides")

  override def children: Seq[SparkPlan] = child +: builds

  override lazy val metrics: Map[String, SQLMetric] = WeldMetrics.create(sparkContext) +
    ("buildTime" -> SQLMetrics.createTimingMetric(sparkContext, "join tables: build or cache wait time"))

  // As WeldStageExec's: Spark's operators over the current children.
  @transient private lazy val sparkOverChildren: SparkPlan =
    WeldJoinStageExec.replace(original, (originalInput +: originalBuilds).zip(children))

  @transient override lazy val outputPartitioning: Partitioning = sparkOverChildren.outputPartitioning

  @transient private lazy val childInput = ChildInput.of(child, plan.inputs, conf)

  override def nodeName: String = "WeldJoinStage"

  // As WeldStageExec's (exchanges over equal stages are reused).
  override protected def doCanonicalize(): SparkPlan = sparkOverChildren.canonicalized

  override def simpleString(maxFields: Int): String =
    s"WeldJoinStage [${operators.mkString(" <- ")}] (${plan.summary}; " +
      s"${plan.joins.map(_.summary).mkString("; ")}; ${childInput.kind(columnarInput)} input)"

  override def verboseStringWithOperatorId(): String =
    ProgramText(super.verboseStringWithOperatorId(), plan.program,
      plan.joins.map(j => s"Build program of join ${j.index}:\n${j.program}"))

  override protected def doExecute(): RDD[InternalRow] = {
    val m = WeldMetrics.of(metrics)
    val buildTime = metrics("buildTime")
    val bound = plan.bind(scalarSubqueries)
    val task = StageTask(bound, weldConf, batchRows, schema, childInput.columnar)
    val input = childInput.rdd(metrics("parquetRows"), plan.inputs)
    val broadcasts: Seq[Option[Broadcast[Any]]] = plan.joins.zip(builds).map { case (j, b) =>
      if (j.broadcast) Some(b.executeBroadcast[Any]()) else None
    }
    val partitioned = plan.joins.zip(builds).collect { case (j, b) if !j.broadcast =>
      ChildInput.rowsOrBlocks(b.execute(), j.inputs)
    }
    // Spark's plan as vanilla Spark runs it, code generation included (see WeldStageExec); but not over packed
    // broadcast rows: generating a broadcast join's code reads its relation on the driver, which would build Spark's
    // hash map from them for every run of the stage, in case a partition falls back.
    val replacements = (originalInput -> childInput.fallback) +: originalBuilds.zip(builds.map(FallbackInput))
    val fallback = ScalarSubqueries.shared(WeldJoinStageExec.replace(original, replacements), scalarSubqueries)
    val vanilla = (if (builds.exists(PackedRowsBroadcastMode.isPacked)) fallback
      else CollapseCodegenStages()(fallback)).execute()
    val joins = bound.joins
    val maxCached = maxCachedBuilds
    new JoinStageRDD(sparkContext, input, partitioned, vanilla, (rows, parts, spark) =>
      JoinStageRunner.run(task, m, buildTime, joins, broadcasts, parts, maxCached, rows, spark))
  }

  override protected def withNewChildrenInternal(newChildren: IndexedSeq[SparkPlan]): WeldJoinStageExec =
    copy(child = newChildren.head, builds = newChildren.tail)
}

object WeldJoinStageExec {
  /** `node` with each descendant that is (by reference) a key of `replacements` replaced; no descent below them. */
  def replace(node: SparkPlan, replacements: Seq[(SparkPlan, SparkPlan)]): SparkPlan =
    replacements.collectFirst { case (from, to) if from eq node => to }.getOrElse {
      node.withNewChildren(node.children.map(c => replace(c, replacements)))
    }
}
