package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.catalyst.optimizer.{BuildLeft, BuildRight}
import org.apache.spark.sql.catalyst.plans._
import org.apache.spark.sql.execution.{SortExec, SparkPlan}
import org.apache.spark.sql.execution.adaptive.QueryStageExec
import org.apache.spark.sql.execution.joins.{BroadcastHashJoinExec, ShuffledHashJoinExec, SortMergeJoinExec}
import org.apache.spark.sql.types._

/**
 * A Spark equi-join as a Weld stage sees it: the streamed side continues the stage's loop, the build side becomes a
 * table (`groupmerger`) probed per streamed row. A sort-merge join is taken as a hash join building its right side
 * (an inner join: its smaller side): its inputs are already co-partitioned by the keys, and the sorts below it only
 * serve the merge.
 *
 * @param broadcast the build side is a broadcast (one table per executor), else one partition per task
 */
final case class JoinShape(node: SparkPlan, joinType: JoinType, buildLeft: Boolean, leftKeys: Seq[Expression],
    rightKeys: Seq[Expression], condition: Option[Expression], nullAware: Boolean, broadcast: Boolean) {
  private def side(left: Boolean): SparkPlan = {
    val p = if (left) node.children.head else node.children(1)
    p match {
      case s: SortExec if node.isInstanceOf[SortMergeJoinExec] => s.child
      case other => other
    }
  }
  def stream: SparkPlan = side(left = buildLeft == false)
  def build: SparkPlan = side(left = buildLeft)
  def streamKeys: Seq[Expression] = if (buildLeft) rightKeys else leftKeys
  def buildKeys: Seq[Expression] = if (buildLeft) leftKeys else rightKeys

  /** Rows without a match survive (with nulls for the build columns). */
  def outer: Boolean = joinType == LeftOuter || joinType == RightOuter
  /** Only the streamed columns survive (and, for an existence join, whether a match was found). */
  def existence: Boolean = joinType match {
    case LeftSemi | LeftAnti | ExistenceJoin(_) => true
    case _ => false
  }

  /** For reasons and EXPLAIN; an existence join (an EXISTS or IN used as a value) has no SQL name of its own. */
  def name: String = s"${node.nodeName} ${joinType match {
    case ExistenceJoin(_) => "EXISTENCE"
    case other => other.sql
  }}"
}

object JoinShape {
  def unapply(p: SparkPlan): Option[JoinShape] = of(p)

  def of(p: SparkPlan): Option[JoinShape] = p match {
    case j: BroadcastHashJoinExec =>
      Some(JoinShape(j, j.joinType, j.buildSide == BuildLeft, j.leftKeys, j.rightKeys, j.condition,
        j.isNullAwareAntiJoin, broadcast = true))
    case j: ShuffledHashJoinExec =>
      Some(JoinShape(j, j.joinType, j.buildSide == BuildLeft, j.leftKeys, j.rightKeys, j.condition, nullAware = false,
        broadcast = false))
    case j: SortMergeJoinExec =>
      // An inner join may build either side: the smaller one, as far as the materialized stages below tell.
      val leftSmaller = (size(j.left), size(j.right)) match {
        case (Some(l), Some(r)) => l < r
        case _ => false
      }
      val buildLeft = j.joinType == Inner && leftSmaller
      Some(JoinShape(j, j.joinType, buildLeft, j.leftKeys, j.rightKeys, j.condition, nullAware = false,
        broadcast = false))
    case _ => None
  }

  /** Bytes a side produces: the runtime size of the query stage it reads, when adaptive execution has one. */
  private def size(p: SparkPlan): Option[BigInt] =
    p.collectFirst { case q: QueryStageExec => q }.flatMap(q => Option(q.getRuntimeStatistics)).map(_.sizeInBytes)

  /** Why a join cannot be a Weld stage's probe, or None when it can. */
  def unsupported(j: JoinShape): Option[String] = {
    val typeOk = (j.joinType, j.buildLeft) match {
      case (Inner, _) => true
      case (LeftOuter | LeftSemi | LeftAnti | ExistenceJoin(_), false) => true
      case (RightOuter, true) => true
      case _ => false
    }
    val skew = j.node match {
      case s: ShuffledHashJoinExec => s.isSkewJoin
      case s: SortMergeJoinExec => s.isSkewJoin
      case _ => false
    }
    if (!typeOk) Some(s"${j.name} building the ${if (j.buildLeft) "left" else "right"} side")
    else if (skew) Some(s"${j.name}: skew-join partitions")
    else if (j.leftKeys.isEmpty) Some(s"${j.name} without equi-join keys")
    else if (j.nullAware && (j.leftKeys.size != 1 || j.condition.isDefined)) Some(s"${j.name}: null-aware shape")
    else j.leftKeys.zip(j.rightKeys).collectFirst {
      case (l, r) if l.dataType != r.dataType =>
        s"${j.name}: key types differ (${l.dataType.simpleString}, ${r.dataType.simpleString})"
      case (l, _) if !keyType(l.dataType) => s"${j.name}: join key of type ${l.dataType.simpleString}"
    }
  }

  /**
   * Key types whose Weld values are equal exactly when Spark's keys are: integers, dates, decimals (unscaled, one
   * scale per key) and binary-collated strings (bytes). Floats are not (Spark normalizes NaN and -0.0 first).
   */
  private def keyType(dt: DataType): Boolean = dt match {
    case ByteType | ShortType | IntegerType | LongType | DateType | BooleanType => true
    case _: DecimalType => true
    case s: StringType => s == StringType
    case _ => false
  }
}
