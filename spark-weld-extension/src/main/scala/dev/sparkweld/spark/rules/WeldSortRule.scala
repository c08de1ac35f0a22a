package dev.sparkweld.spark.rules

import dev.sparkweld.spark.WeldSparkConf
import dev.sparkweld.spark.exec.{WeldSortExec, WeldTakeOrderedExec}
import dev.sparkweld.spark.translate.{Fallback, ScalarSubqueries, SortTranslator}
import dev.sparkweld.weld.WeldFrontEnd

import org.apache.spark.sql.execution.{SortExec, SparkPlan, TakeOrderedAndProjectExec}
import org.apache.spark.sql.internal.SQLConf

/** Sorts and top-N operators on Weld (see [[SortTranslator]]); what cannot be translated keeps its reason. */
object WeldSortRule {
  def apply(plan: SparkPlan, conf: SQLConf): SparkPlan = {
    val on = WeldSparkConf.SORT.get(conf)
    lazy val weldConf = WeldColumnarRule.weldConfOf(conf)
    lazy val batchRows = WeldColumnarRule.batchRowsOf(conf)
    def attempt(node: SparkPlan)(make: => SparkPlan): SparkPlan =
      if (!on) {
        node.setTagValue(WeldColumnarRule.FALLBACK_REASON, "spark.weld.sort.enabled is off")
        node
      } else try make catch {
        case f: Fallback =>
          node.setTagValue(WeldColumnarRule.FALLBACK_REASON, f.reason)
          node
        case e: dev.sparkweld.weld.diag.WeldCompileException =>
          node.setTagValue(WeldColumnarRule.FALLBACK_REASON, s"internal: generated program rejected: ${e.getMessage}")
          node
      }
    // Sort nodes carry no subquery expressions for Spark to prepare: a sort key reading one stays on Spark.
    def noSubqueries(program: String): Unit =
      if (ScalarSubqueries.has(program)) Fallback("sort key reads a scalar subquery")
    plan.transformUp {
      case s: SortExec =>
        attempt(s) {
          val sp = SortTranslator.translate(s.sortOrder, s.child.output, conf.ansiEnabled, None)
          noSubqueries(sp.program)
          WeldFrontEnd.compile(sp.program)
          WeldSortExec(sp, s, s.child, weldConf, batchRows)
        }
      case t: TakeOrderedAndProjectExec =>
        attempt(t) {
          val sp = SortTranslator.translate(t.sortOrder, t.child.output, conf.ansiEnabled, Some(t.limit))
          noSubqueries(sp.program)
          WeldFrontEnd.compile(sp.program)
          WeldTakeOrderedExec(sp, t, t.child, weldConf, batchRows)
        }
    }
  }
}
