package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.types._

/**
 * IF, CASE WHEN and COALESCE: each branch is evaluated only when taken, as in Spark. GREATEST and LEAST evaluate
 * every argument (as Spark does) and keep the first non-null one that no later one beats in Spark's order.
 */
object ConditionalTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[If], classOf[CaseWhen], classOf[Coalesce], classOf[Greatest],
    classOf[Least])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = {
    val t = tr.weldType(e)
    val pair = e match {
      case If(p, a, b) => cases(Seq(p -> a), Some(b), t, tr, scope)
      case CaseWhen(branches, elseValue) => cases(branches.toSeq, elseValue, t, tr, scope)
      case Coalesce(children) => coalesce(children, t, tr, scope)
      case Greatest(children) => extreme(children, greatest = true, t, tr, scope)
      case Least(children) => extreme(children, greatest = false, t, tr, scope)
    }
    val bound = scope.bind(pair)
    WVal(scope.bind(s"$bound.$$1"), if (e.nullable) scope.bind(s"$bound.$$0") else "false", t)
  }

  /** A `{isNull, value}` struct expression, evaluated in `scope`. */
  private def cases(branches: Seq[(Expression, Expression)], otherwise: Option[Expression], t: String,
      tr: ExprTranslation, scope: Scope): String = branches match {
    case Seq() =>
      otherwise match {
        case Some(x) => pair(x, t, tr, scope)
        case None => s"{true, ${WeldTypes.zero(t)}}"
      }
    case (cond, value) +: rest =>
      val c = tr(cond, scope)
      val taken = if (c.nullable) s"!${c.isNull} && ${c.value}" else c.value
      val thenScope = scope.child()
      val thenPair = pair(value, t, tr, thenScope)
      val elseScope = scope.child()
      val elsePair = cases(rest, otherwise, t, tr, elseScope)
      s"if($taken, ${thenScope.render(thenPair)}, ${elseScope.render(elsePair)})"
  }

  private def coalesce(children: Seq[Expression], t: String, tr: ExprTranslation, scope: Scope): String =
    children match {
      case Seq() => s"{true, ${WeldTypes.zero(t)}}"
      case first +: rest =>
        val v = tr(first, scope)
        if (!v.nullable) s"{false, ${v.value}}"
        else {
          val elseScope = scope.child()
          val restPair = coalesce(rest, t, tr, elseScope)
          s"if(!${v.isNull}, {false, ${v.value}}, ${elseScope.render(restPair)})"
        }
    }

  /**
   * Spark's fold: a later argument replaces the kept one only when strictly greater (least: less) in its ordering
   * (NaN above every number, -0.0 equal to 0.0, strings as unsigned bytes), so of equal values the first stays.
   */
  private def extreme(children: Seq[Expression], greatest: Boolean, t: String, tr: ExprTranslation,
      scope: Scope): String = {
    val dt = children.head.dataType
    dt match {
      case ByteType | ShortType | IntegerType | LongType | FloatType | DoubleType | DateType | TimestampType |
           TimestampNTZType | _: DecimalType =>
      case s: StringType if s == StringType =>
      case other => Fallback(s"${if (greatest) "greatest" else "least"} of ${other.simpleString}")
    }
    children.foldLeft(s"{true, ${WeldTypes.zero(t)}}") { (kept, child) =>
      val v = tr(child, scope)
      if (v.weldType != t) Fallback(s"argument of type ${v.weldType} where $t is expected")
      val k = scope.bind(kept)
      val beats = if (greatest) ComparisonTranslator.lt(s"$k.$$1", v.value, dt)
        else ComparisonTranslator.lt(v.value, s"$k.$$1", dt)
      val takes = if (v.nullable) s"!${v.isNull} && ($k.$$0 || $beats)" else s"$k.$$0 || $beats"
      s"if($takes, {false, ${v.value}}, $k)"
    }
  }

  private def pair(e: Expression, t: String, tr: ExprTranslation, scope: Scope): String = {
    val v = tr(e, scope)
    if (v.weldType != t) Fallback(s"branch of type ${v.weldType} where $t is expected")
    s"{${v.isNull}, ${v.value}}"
  }
}
