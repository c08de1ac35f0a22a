package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._

/** IF, CASE WHEN and COALESCE: each branch is evaluated only when taken, as in Spark. */
object ConditionalTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[If], classOf[CaseWhen], classOf[Coalesce])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = {
    val t = tr.weldType(e)
    val pair = e match {
      case If(p, a, b) => cases(Seq(p -> a), Some(b), t, tr, scope)
      case CaseWhen(branches, elseValue) => cases(branches.toSeq, elseValue, t, tr, scope)
      case Coalesce(children) => coalesce(children, t, tr, scope)
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

  private def pair(e: Expression, t: String, tr: ExprTranslation, scope: Scope): String = {
    val v = tr(e, scope)
    if (v.weldType != t) Fallback(s"branch of type ${v.weldType} where $t is expected")
    s"{${v.isNull}, ${v.value}}"
  }
}
