package dev.sparkweld.spark.translate

import scala.collection.mutable.ArrayBuffer

import org.apache.spark.sql.catalyst.expressions.{AttributeReference, Expression}

/**
 * Input columns whose values Spark's own expressions compute while a stage's rows are gathered, for functions the
 * kernel cannot compute exactly for every value (`upper`/`lower` of non-ASCII strings need Spark's Unicode case
 * mapping): the kernel reads them like any input column. They are computed for every gathered row, before the
 * stage's filters, so only expressions that cannot fail qualify, over the stage's own input columns. They follow
 * the base inputs, in the order first asked for; an expression asked for twice is one column.
 */
final class DerivedInputs(base: Seq[StageInput]) {
  private val baseIds = base.map(_.attr.exprId).toSet
  private val columns = ArrayBuffer[StageInput]()

  /** `e` as a derived column, if it is an upper/lower of one of the stage's input columns. */
  def column(e: Expression): Option[WVal] = e match {
    case org.apache.spark.sql.catalyst.expressions.Upper(a: AttributeReference) if baseIds(a.exprId) => Some(of(e))
    case org.apache.spark.sql.catalyst.expressions.Lower(a: AttributeReference) if baseIds(a.exprId) => Some(of(e))
    case _ => None
  }

  private def of(e: Expression): WVal = {
    val in = columns.find(_.derived.exists(_.semanticEquals(e))).getOrElse {
      val weldType = WeldTypes.of(e.dataType).fold(r => Fallback(r), identity)
      val in = StageInput(base.size + columns.size, AttributeReference(s"derived${columns.size}", e.dataType,
        e.nullable)(), weldType, e.nullable, Some(e))
      columns += in
      in
    }
    WVal(s"v${in.ordinal}", if (in.nullable) s"z${in.ordinal}" else "false", in.weldType)
  }

  def all: Seq[StageInput] = columns.toSeq
}
