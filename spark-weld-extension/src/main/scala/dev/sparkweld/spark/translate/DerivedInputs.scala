package dev.sparkweld.spark.translate

import scala.collection.mutable.ArrayBuffer

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.types.{BooleanType, DateType, NumericType, StringType}

/**
 * Input columns whose values Spark's own expressions compute while a stage's rows are gathered, for functions the
 * kernel does not compute exactly for every value (`upper`/`lower` of non-ASCII strings need Spark's Unicode case
 * mapping) or at all (`initcap`, `replace`, `translate`, `substring_index`, `instr`, `locate`, `concat_ws`,
 * `reverse`, `ascii`, `soundex`, `levenshtein`, `octet_length`, `bit_length`): the kernel reads them like any input
 * column, and the rest of the stage stays on Weld. They are computed for every gathered row, before the stage's
 * filters, so only expressions that cannot fail qualify (these functions of the stage's own input columns and
 * literals). They follow the base inputs, in the order first asked for; an expression asked for twice is one column.
 */
final class DerivedInputs(base: Seq[StageInput]) {
  private val baseIds = base.map(_.attr.exprId).toSet
  private val columns = ArrayBuffer[StageInput]()

  /** `e` as a derived column, if it is one of those functions over the stage's input columns. */
  def column(e: Expression): Option[WVal] =
    if (e.deterministic && e.references.nonEmpty && e.references.forall(a => baseIds(a.exprId)) && cannotFail(e)) {
      WeldTypes.of(e.dataType).toOption.map(of(e, _))
    } else None

  private def cannotFail(e: Expression): Boolean = e match {
    case _: AttributeReference | _: Literal => true
    case _: Upper | _: Lower | _: InitCap | _: StringReplace | _: StringTranslate | _: SubstringIndex |
         _: StringInstr | _: StringLocate | _: Ascii | _: SoundEx | _: Levenshtein | _: OctetLength | _: BitLength =>
      e.children.forall(cannotFail)
    case c: ConcatWs => c.children.forall(x => x.dataType.isInstanceOf[StringType] && cannotFail(x))
    // Numbers, booleans, dates and strings have a string form (concat_ws of a number casts it).
    case c: Cast if c.dataType.isInstanceOf[StringType] => (c.child.dataType match {
      case _: NumericType | BooleanType | DateType | _: StringType => true
      case _ => false
    }) && cannotFail(c.child)
    case r: Reverse => r.dataType.isInstanceOf[StringType] && cannotFail(r.child)
    case _ => false
  }

  private def of(e: Expression, weldType: String): WVal = {
    val in = columns.find(_.derived.exists(_.semanticEquals(e))).getOrElse {
      val in = StageInput(base.size + columns.size, AttributeReference(s"derived${columns.size}", e.dataType,
        e.nullable)(), weldType, e.nullable, Some(e))
      columns += in
      in
    }
    WVal(s"v${in.ordinal}", if (in.nullable) s"z${in.ordinal}" else "false", in.weldType)
  }

  def all: Seq[StageInput] = columns.toSeq
}
