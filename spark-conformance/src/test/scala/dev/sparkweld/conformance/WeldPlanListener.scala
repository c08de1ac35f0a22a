package dev.sparkweld.conformance

import scala.collection.mutable

import org.apache.spark.scheduler.{SparkListener, SparkListenerEvent}
import org.apache.spark.sql.execution.SparkPlanInfo
import org.apache.spark.sql.execution.ui.{SparkListenerSQLAdaptiveExecutionUpdate, SparkListenerSQLExecutionStart}

/**
 * Counts SQL executions and those whose plan contains a Weld stage, from the plans Spark posts when an execution
 * starts and each time adaptive execution replans it (a stage inserted per query stage appears only in the update).
 */
final class WeldPlanListener extends SparkListener {
  private val seen = mutable.Set.empty[Long]
  private val withWeld = mutable.Set.empty[Long]

  override def onOtherEvent(event: SparkListenerEvent): Unit = event match {
    case e: SparkListenerSQLExecutionStart => note(e.executionId, e.sparkPlanInfo)
    case e: SparkListenerSQLAdaptiveExecutionUpdate => note(e.executionId, e.sparkPlanInfo)
    case _ =>
  }

  private def note(id: Long, plan: SparkPlanInfo): Unit = synchronized {
    seen += id
    if (hasWeld(plan)) withWeld += id
  }

  private def hasWeld(plan: SparkPlanInfo): Boolean =
    plan.nodeName.startsWith("Weld") || plan.children.exists(hasWeld)

  /** (executions, executions with a Weld stage) since the last call; the listener bus must be drained first. */
  def takeCounts(): (Int, Int) = synchronized {
    val counts = (seen.size, withWeld.size)
    seen.clear()
    withWeld.clear()
    counts
  }
}
