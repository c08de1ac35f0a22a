package dev.sparkweld.conformance

import scala.collection.mutable

/** How one golden file went on one side. */
sealed trait Verdict { def label: String }
object Verdict {
  case object Passed extends Verdict { val label = "pass" }
  /** The output differs from the golden file, or the run threw. */
  final case class Failed(message: String) extends Verdict { val label = "FAIL" }
  /** Failed in a way [[ExpectedDifferences]] documents (Weld side only). */
  final case class Expected(message: String, reason: String) extends Verdict { val label = "expected difference" }
}

/**
 * @param executions SQL executions the file ran (queries and commands alike)
 * @param weldExecutions those whose physical plan contained a Weld stage
 */
final case class FileOutcome(file: String, verdict: Verdict, millis: Long, executions: Int, weldExecutions: Int)

/** Both sides' outcomes, kept for the report and for telling Weld-caused failures from vanilla ones. */
object ConformanceResults {
  private val outcomes = mutable.LinkedHashMap.empty[(Side, String), FileOutcome]

  def record(side: Side, outcome: FileOutcome): Unit = synchronized { outcomes((side, outcome.file)) = outcome }

  def get(side: Side, file: String): Option[FileOutcome] = synchronized { outcomes.get((side, file)) }

  def of(side: Side): Seq[FileOutcome] = synchronized {
    outcomes.collect { case ((s, _), o) if s == side => o }.toSeq
  }
}

sealed trait Side { def name: String }
object Side {
  case object Vanilla extends Side { val name = "vanilla Spark" }
  case object Weld extends Side { val name = "with the Weld extension" }
}
