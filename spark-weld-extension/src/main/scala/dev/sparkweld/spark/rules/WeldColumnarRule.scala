package dev.sparkweld.spark.rules

import dev.sparkweld.spark.WeldSparkConf
import dev.sparkweld.spark.exec.{WeldJoinStageExec, WeldStageExec}
import dev.sparkweld.spark.translate.{Fallback, JoinShape, ScalarSubqueries, StageTranslator}
import dev.sparkweld.weld.WeldFrontEnd

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.catalyst.expressions.aggregate.{Final, Partial, PartialMerge}
import org.apache.spark.sql.catalyst.rules.Rule
import org.apache.spark.sql.catalyst.trees.TreeNodeTag
import org.apache.spark.sql.execution._
import org.apache.spark.sql.execution.aggregate.{HashAggregateExec, ObjectHashAggregateExec, SortAggregateExec}
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec
import org.apache.spark.sql.execution.sparkweld.{NativeParquetScan, WeldShuffleExchangeExec}
import org.apache.spark.sql.internal.SQLConf

/** Inserts Weld stages before Spark's codegen and columnar transitions (see [[dev.sparkweld.spark.WeldExtensions]]). */
class WeldColumnarRule(session: SparkSession) extends ColumnarRule {
  override def preColumnarTransitions: Rule[SparkPlan] = new Rule[SparkPlan] {
    override def apply(plan: SparkPlan): SparkPlan = {
      val conf = SQLConf.get
      if (!WeldSparkConf.ENABLED.get(conf)) plan
      else {
        val staged = WeldSortRule(WeldColumnarRule.insertStages(plan, conf), conf)
        val out = if (WeldSparkConf.SHUFFLE.get(conf)) WeldShuffleExchangeExec.replace(staged) else staged
        if (WeldSparkConf.STRICT.get(conf)) WeldColumnarRule.checkReasons(out)
        out
      }
    }
  }

  override def postColumnarTransitions: Rule[SparkPlan] = new Rule[SparkPlan] {
    override def apply(plan: SparkPlan): SparkPlan = plan.transformUp {
      // Spark put a columnar-to-row transition under the stage, which reads the batches itself.
      case w: WeldStageExec if w.columnarInput && w.child.isInstanceOf[ColumnarToRowExec] =>
        w.copy(child = w.child.asInstanceOf[ColumnarToRowExec].child)
      case w: WeldJoinStageExec if w.columnarInput && w.child.isInstanceOf[ColumnarToRowExec] =>
        w.copy(child = w.child.asInstanceOf[ColumnarToRowExec].child)
    }
  }
}

object WeldColumnarRule {
  /** Why a node was left to Spark (shown by EXPLAIN and the extended explain provider). */
  val FALLBACK_REASON: TreeNodeTag[String] = TreeNodeTag[String]("weld.fallback")

  /** `node` with `input` (a descendant along the single-child chain) replaced; not a transform, which would descend
   * into the replacement and find `input` again under it. */
  def replaceInput(node: SparkPlan, input: SparkPlan, replacement: SparkPlan): SparkPlan =
    if (node eq input) replacement
    else node.withNewChildren(node.children.map(c => replaceInput(c, input, replacement)))

  /** Strict mode: every candidate operator left to Spark must say why. */
  def checkReasons(plan: SparkPlan): Unit = plan.foreach {
    case p @ (_: FilterExec | _: ProjectExec | _: HashAggregateExec | _: SortExec | _: TakeOrderedAndProjectExec)
        if p.getTagValue(FALLBACK_REASON).isEmpty =>
      throw new IllegalStateException(s"spark.weld.strict: ${p.nodeName} fell back to Spark without a reason:\n" +
        p.treeString)
    case _ =>
  }

  /** The `weld.*` configuration of kernels, from the session's `spark.weld.*` keys. */
  def weldConfOf(conf: SQLConf): Map[String, String] = Map(
    "weld.bounds.check" -> WeldSparkConf.BOUNDS_CHECK.get(conf).toString,
    "weld.memory.limit" -> WeldSparkConf.MEMORY_LIMIT.get(conf).toString,
    "weld.threads" -> WeldSparkConf.THREADS.get(conf).toString) ++
    Option(WeldSparkConf.DUMP_DIR.get(conf)).filter(_.nonEmpty).map("weld.dump.dir" -> _)

  def batchRowsOf(conf: SQLConf): Int = math.max(1024L, math.min(WeldSparkConf.BATCH_ROWS.get(conf), 1L << 26)).toInt

  /**
   * Aggregates whose expressions are all final, or all partial and partial merge (which both output buffers: the
   * third step of a DISTINCT aggregate beside others), or grouping-only ones (DISTINCT). `Complete` stays on Spark.
   */
  private def translatableModes(agg: HashAggregateExec): Boolean = {
    val modes = agg.aggregateExpressions.map(_.mode).toSet
    if (modes.isEmpty) agg.groupingExpressions.nonEmpty // result expressions over the keys: a FinalEval
    else modes == Set(Final) || modes.subsetOf(Set(Partial, PartialMerge))
  }

  /**
   * @param scanInputsOnly replace only chains whose input has no exchange below it: used before AQE creates its query
   *                       stages, when an exchange in the fallback plan would not be the stage AQE materializes
   */
  def insertStages(plan: SparkPlan, conf: SQLConf, scanInputsOnly: Boolean = false): SparkPlan = {
    val ansi = conf.ansiEnabled
    val weldConf = weldConfOf(conf)
    val batchRows = batchRowsOf(conf)
    val aggOn = WeldSparkConf.AGGREGATE.get(conf)
    val filterOn = WeldSparkConf.FILTER.get(conf)
    val projectOn = WeldSparkConf.PROJECT.get(conf)
    val rowStagesOn = WeldSparkConf.ROW_STAGES.get(conf)
    // Joins are decided per query stage (their build sides are exchanges), never before AQE splits the plan.
    val joins = new JoinStages(plan, conf, enabled = !scanInputsOnly)
    // Before AQE splits the plan, a filter/project chain a join streams is left whole for the columnar rule: made a
    // stage of its own here, it would be the join stage's row input instead of part of its loop.
    val joinStreams: java.util.Set[SparkPlan] =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap[SparkPlan, java.lang.Boolean]())
    def markStream(p: SparkPlan): Unit = {
      joinStreams.add(p)
      p match {
        case _: FilterExec | _: ProjectExec => markStream(p.children.head)
        case _ =>
      }
    }
    if (scanInputsOnly) plan.foreach(p => JoinShape.of(p).foreach(j => markStream(j.stream)))

    def chainBelow(p: SparkPlan): (Seq[SparkPlan], SparkPlan) = p match {
      case f: FilterExec if filterOn => val (c, in) = chainBelow(f.child); (f +: c, in)
      case pr: ProjectExec if projectOn => val (c, in) = chainBelow(pr.child); (pr +: c, in)
      case joins.Probe(j) => val (c, in) = chainBelow(j.stream); (j.node +: c, in)
      case other => (Nil, other)
    }

    def stage(top: Option[HashAggregateExec], chain: Seq[SparkPlan], input: SparkPlan, node: SparkPlan): SparkPlan = {
      // A join below is left for the columnar rule too: it may become part of this very stage then.
      if (scanInputsOnly && input.exists(p => p.isInstanceOf[org.apache.spark.sql.execution.exchange.Exchange] ||
          JoinShape.of(p).isDefined)) {
        return node // decided per query stage, by the columnar rule
      }
      try {
        joins.checkOrder(chain, node)
        val sp = StageTranslator.translate(top, chain, input, ansi)
        // Type-check on the driver: a program the front end rejects is a bug of ours, not a reason to fail the query.
        WeldFrontEnd.compile(ScalarSubqueries.withZeros(sp.program))
        sp.joins.foreach(j => WeldFrontEnd.compile(ScalarSubqueries.withZeros(j.program)))
        val columnar = input.supportsColumnar
        if (sp.joins.nonEmpty) joins.stage(sp, node, input, chain, columnar, (top.toSeq ++ chain).map(_.nodeName),
          weldConf, batchRows)
        else WeldStageExec(sp, node.output, input, node, input, columnar, (top.toSeq ++ chain).map(_.nodeName), weldConf,
          batchRows, ScalarSubqueries.in(top.toSeq ++ chain))
      } catch {
        case f: Fallback if chain.exists(joins.isProbe) =>
          // Without its joins the part above them may still be a stage (over the topmost join, left to Spark).
          val above = chain.takeWhile(!joins.isProbe(_))
          val worthIt = top.nonEmpty || (above.exists(_.isInstanceOf[FilterExec]) && rowStagesOn)
          val kept = if (worthIt) stage(top, above, chain(above.size), node) else node
          if (kept eq node) node.setTagValue(FALLBACK_REASON, f.reason)
          kept
        case f: Fallback =>
          node.setTagValue(FALLBACK_REASON, f.reason)
          node
        case e: dev.sparkweld.weld.diag.WeldCompileException =>
          node.setTagValue(FALLBACK_REASON, s"internal: generated program rejected: ${e.getMessage}")
          node
      }
    }

    val scanStagesOn = WeldSparkConf.SHUFFLE_SCAN_STAGES.get(conf) && rowStagesOn && projectOn
    // An exchange right over a scan our Parquet reader takes: a stage that only decodes, so that the exchange's
    // blocks are copied from native columns rather than from Spark's batches turned into rows.
    def scanStage(e: ShuffleExchangeExec, scan: FileSourceScanExec): Option[SparkPlan] = {
      // (A scan without columns, as under count(*), has nothing to decode.)
      if (scan.output.isEmpty) return None
      val project = ProjectExec(scan.output, scan)
      stage(None, Seq(project), scan, project) match {
        case w: WeldStageExec if NativeParquetScan.of(scan, w.plan.inputs, conf).isDefined =>
          Some(e.withNewChildren(Seq(w)))
        case _ => None
      }
    }

    plan.transformDown {
      case e @ ShuffleExchangeExec(_, scan: FileSourceScanExec, _, _)
          if scanStagesOn && WeldShuffleExchangeExec.blocksFromKernels(e, conf) =>
        scanStage(e, scan).getOrElse(e)
      case agg: HashAggregateExec if aggOn && translatableModes(agg) =>
        val (chain, input) = chainBelow(agg.child)
        stage(Some(agg), chain, input, agg)
      case agg: HashAggregateExec if !scanInputsOnly && agg.getTagValue(FALLBACK_REASON).isEmpty =>
        agg.setTagValue(FALLBACK_REASON, if (!aggOn) "spark.weld.aggregate.enabled is off"
          else if (agg.aggregateExpressions.isEmpty) "an aggregate without keys or aggregate functions"
          else s"aggregate modes ${agg.aggregateExpressions.map(_.mode).distinct.mkString(", ")} in one operator")
        agg
      // Spark plans these where a hash aggregate cannot hold the buffers: no Weld translation, but a reason.
      case agg @ (_: SortAggregateExec | _: ObjectHashAggregateExec)
          if !scanInputsOnly && agg.getTagValue(FALLBACK_REASON).isEmpty =>
        agg.setTagValue(FALLBACK_REASON, agg match {
          case _: SortAggregateExec => "sort-based aggregate (buffers such as min/max of strings)"
          case _ => "aggregate of object buffers (collect_list, percentiles, ...)"
        })
        agg
      case joins.Unsupported(j, reason) =>
        j.setTagValue(FALLBACK_REASON, reason)
        j
      case p @ (_: FilterExec | _: ProjectExec) if joinStreams.contains(p) => p
      case p @ (_: FilterExec | _: ProjectExec | joins.Probe(_)) =>
        val (chain, input) = chainBelow(p)
        if (chain.exists(joins.isProbe)) stage(None, chain, input, p)
        else if (chain.exists(_.isInstanceOf[FilterExec]) && rowStagesOn) stage(None, chain, input, p)
        else if (scanInputsOnly) p
        else if (chain.exists(_.isInstanceOf[FilterExec])) {
          p.setTagValue(FALLBACK_REASON, "filter/project without an aggregate (spark.weld.rowStages.enabled is off)")
          p
        }
        else {
          p.setTagValue(FALLBACK_REASON, "projection without a filter (nothing to fuse)")
          p
        }
    }
  }
}

/**
 * Runs the stage insertion once more before AQE splits the plan into query stages, for chains that read a scan
 * directly, so that `EXPLAIN` (which shows that initial plan) already shows their Weld stages and programs; and
 * has the broadcasts of joins Weld stages may probe broadcast packed rows ([[JoinStages.packBroadcasts]]).
 */
class WeldQueryStagePrepRule(session: SparkSession) extends Rule[SparkPlan] {
  override def apply(plan: SparkPlan): SparkPlan = {
    val conf = SQLConf.get
    if (!WeldSparkConf.ENABLED.get(conf)) plan
    else JoinStages.packBroadcasts(WeldColumnarRule.insertStages(plan, conf, scanInputsOnly = true), conf)
  }
}
