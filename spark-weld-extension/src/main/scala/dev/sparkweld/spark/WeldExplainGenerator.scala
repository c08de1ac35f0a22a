package dev.sparkweld.spark

import scala.collection.mutable.ArrayBuffer

import dev.sparkweld.spark.exec.{WeldJoinStageExec, WeldSortExec, WeldStageExec, WeldTakeOrderedExec}
import dev.sparkweld.spark.rules.WeldColumnarRule

import org.apache.spark.sql.ExtendedExplainGenerator
import org.apache.spark.sql.execution.SparkPlan
import org.apache.spark.sql.execution.adaptive.{AdaptiveSparkPlanExec, QueryStageExec}

/**
 * The "Weld" section of `EXPLAIN EXTENDED`/the SQL UI: which stages run on Weld (with their operators) and why every
 * other candidate operator was left to Spark. Enable with
 * `spark.sql.extendedExplainProviders=dev.sparkweld.spark.WeldExplainGenerator`.
 */
class WeldExplainGenerator extends ExtendedExplainGenerator {
  override def title: String = "Weld"

  override def generateExtendedInfo(plan: SparkPlan): String = WeldExplainGenerator.describe(plan).mkString("\n")
}

object WeldExplainGenerator {
  def describe(plan: SparkPlan): Seq[String] = {
    val out = ArrayBuffer[String]()
    def walk(p: SparkPlan): Unit = {
      p match {
        case w: WeldStageExec => out += s"Weld stage: ${w.operators.mkString(" <- ")} (${w.plan.summary})"
        case w: WeldJoinStageExec =>
          out += s"Weld join stage: ${w.operators.mkString(" <- ")} (${w.plan.summary}; " +
            s"${w.plan.joins.map(_.summary).mkString("; ")})"
        case s: WeldSortExec => out += s"Weld sort: ${s.plan.summary}"
        case t: WeldTakeOrderedExec => out += s"Weld top-N: ${t.plan.summary}"
        case _ => p.getTagValue(WeldColumnarRule.FALLBACK_REASON).foreach(r => out += s"${p.nodeName} on Spark: $r")
      }
      p match {
        case a: AdaptiveSparkPlanExec => walk(a.executedPlan)
        case q: QueryStageExec => walk(q.plan)
        case _ =>
      }
      p.children.foreach(walk)
    }
    walk(plan)
    out.toSeq
  }
}
