package dev.sparkweld.spark.rules

import dev.sparkweld.spark.WeldSparkConf
import dev.sparkweld.spark.exec.WeldJoinStageExec
import dev.sparkweld.spark.translate.{Fallback, JoinShape, ScalarSubqueries, StagePlan}

import org.apache.spark.sql.execution.{SortExec, SparkPlan}
import org.apache.spark.sql.execution.joins.SortMergeJoinExec
import org.apache.spark.sql.execution.sparkweld.PackedRowsBroadcastMode
import org.apache.spark.sql.internal.SQLConf

/**
 * Which joins of `plan` a Weld stage may probe, and the join stage node. A sort-merge join is replaced by a hash
 * join only when no operator left to Spark relies on its output being sorted by the keys (a hash join's output is
 * in streamed order). The nodes whose order a parent requires are collected once, with the parents that require
 * it, looking through the nodes that pass their child's order on (filters, projections, the streamed side of a
 * hash join); a requirement stops counting once the parent itself became part of a Weld stage (stages are made
 * top-down, so a parent is decided before its children).
 */
final class JoinStages(plan: SparkPlan, conf: SQLConf, enabled: Boolean) {
  private type Ordered = java.util.IdentityHashMap[SparkPlan, java.util.List[SparkPlan]]
  private val on = enabled && WeldSparkConf.JOIN.get(conf)
  private val sortMergeOn = WeldSparkConf.JOIN_SORT_MERGE.get(conf)
  private val packOn = WeldSparkConf.JOIN_PACKED_BROADCAST.get(conf)
  private val distinctOn = WeldSparkConf.JOIN_DISTINCT_BROADCAST.get(conf)
  private val maxCached = math.max(1L, math.min(WeldSparkConf.JOIN_CACHED_BUILDS.get(conf), 1024L)).toInt

  // Collected on first use: packBroadcasts only asks which joins are probes.
  private lazy val requiredBy = {
    val by = new Ordered()
    if (on) collectOrdered(plan, by)
    by
  }
  private val inStages: java.util.Set[SparkPlan] =
    java.util.Collections.newSetFromMap(new java.util.IdentityHashMap[SparkPlan, java.lang.Boolean]())

  private def collectOrdered(p: SparkPlan, into: Ordered): Unit = {
    p.children.zip(p.requiredChildOrdering).foreach { case (c, req) => if (req.nonEmpty) markOrdered(c, p, into) }
    p.children.foreach(collectOrdered(_, into))
  }

  private def markOrdered(p: SparkPlan, by: SparkPlan, into: Ordered): Unit = {
    into.computeIfAbsent(p, _ => new java.util.ArrayList[SparkPlan]()).add(by)
    p match {
      case _: SortExec => // sorts its input itself
      // Whatever hands a child's order on (filter, projection, a hash join's streamed side, ...) needs it kept.
      case _ if p.outputOrdering.nonEmpty =>
        p.children.filter(_.outputOrdering.nonEmpty).foreach(markOrdered(_, by, into))
      case _ =>
    }
  }

  private def orderNeeded(top: SparkPlan): Boolean =
    Option(requiredBy.get(top)).exists(by => by.stream().anyMatch(r => !inStages.contains(r)))

  private def reason(j: JoinShape): Option[String] =
    if (j.node.isInstanceOf[SortMergeJoinExec] && !sortMergeOn) Some("sort-merge join (spark.weld.join.sortMerge.enabled is off)")
    else JoinShape.unsupported(j)

  /** A join a stage can probe. */
  object Probe {
    def unapply(p: SparkPlan): Option[JoinShape] =
      if (!on) None else JoinShape.of(p).filter(j => reason(j).isEmpty)
  }

  /** A join left to Spark, with the reason (once per node). */
  object Unsupported {
    def unapply(p: SparkPlan): Option[(SparkPlan, String)] =
      if (!on || p.getTagValue(WeldColumnarRule.FALLBACK_REASON).nonEmpty) None
      else JoinShape.of(p).flatMap(reason).map(r => (p, r))
  }

  def isProbe(p: SparkPlan): Boolean = Probe.unapply(p).isDefined

  /** Fails the stage (to Spark) if it would replace a sort-merge join whose order is needed above `top`. */
  def checkOrder(chain: Seq[SparkPlan], top: SparkPlan): Unit =
    if (chain.exists(_.isInstanceOf[SortMergeJoinExec]) && orderNeeded(top)) {
      Fallback("sort-merge join whose output order an operator above relies on")
    }

  /** `j`'s build side broadcasting packed rows (distinct ones when only its keys matter), when it is a broadcast. */
  def packed(j: JoinShape): SparkPlan = PackedRowsBroadcastMode.pack(j.build, distinctOn && JoinStages.keysOnly(j))

  /** The stage node for `sp`; the build sides are in join order (the translator numbers joins bottom-up). */
  def stage(sp: StagePlan, node: SparkPlan, input: SparkPlan, chain: Seq[SparkPlan], columnar: Boolean,
      operators: Seq[String], weldConf: Map[String, String], batchRows: Int): SparkPlan = {
    val shapes = chain.reverse.flatMap(JoinShape.of)
    val builds = shapes.map(_.build)
    chain.foreach(inStages.add)
    // Without adaptive execution the broadcasts are not running yet: ours can still broadcast packed rows.
    val read = if (packOn) shapes.map(packed) else builds
    WeldJoinStageExec(sp, node.output, input, read, node, input, builds, columnar, operators, weldConf, batchRows,
      maxCached, ScalarSubqueries.in((node +: chain).distinct))
  }
}

object JoinStages {
  /**
   * Before adaptive execution starts the broadcasts (once started, their mode is fixed): each broadcast join a Weld
   * stage may probe broadcasts packed rows. A join that ends up on Spark after all still gets its relation, built
   * from the rows where it is read.
   */
  def packBroadcasts(plan: SparkPlan, conf: SQLConf): SparkPlan =
    if (!WeldSparkConf.JOIN_PACKED_BROADCAST.get(conf)) plan
    else {
      val joins = new JoinStages(plan, conf, enabled = true)
      plan.transformUp {
        case joins.Probe(j) if j.broadcast =>
          val packed = joins.packed(j)
          if (packed eq j.build) j.node
          else j.node.withNewChildren(j.node.children.map(c => if (c eq j.build) packed else c))
      }
    }

  /**
   * An existence join (semi, anti, EXISTS as a value) whose condition reads no build column: a build row tells only
   * that its key is present, so duplicate rows tell nothing more (for a null-aware anti join too: one null key is
   * as good as many).
   */
  def keysOnly(j: JoinShape): Boolean =
    j.existence && j.condition.forall(c => !c.references.exists(j.build.outputSet.contains))
}
