package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._

/**
 * AND/OR/NOT with three-valued logic, IS [NOT] NULL, ISNAN (false for null), IN. The right side of AND/OR is
 * evaluated only when the left side does not decide, as in Spark, so that an ANSI error there fires only when Spark
 * would raise it.
 */
object LogicTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[And], classOf[Or], classOf[Not], classOf[IsNull], classOf[IsNotNull],
    classOf[In], classOf[InSet], classOf[IsNaN])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = e match {
    case And(left, right) => andOr(left, right, isAnd = true, tr, scope)
    case Or(left, right) => andOr(left, right, isAnd = false, tr, scope)
    case Not(child) =>
      val c = tr(child, scope)
      WVal(scope.bind(s"!${c.value}"), c.isNull, "bool")
    case IsNull(child) => WVal(tr(child, scope).isNull, "false", "bool")
    case IsNotNull(child) =>
      val c = tr(child, scope)
      WVal(if (c.isNull == "false") "true" else scope.bind(s"!${c.isNull}"), "false", "bool")
    case IsNaN(child) =>
      val c = tr(child, scope)
      val nan = s"${c.value} != ${c.value}"
      WVal(scope.bind(if (c.nullable) s"!${c.isNull} && $nan" else nan), "false", "bool")
    case In(value, list) if list.forall(_.foldable) => in(value, list, tr, scope)
    case InSet(value, set) =>
      in(value, set.toSeq.map(v => Literal.create(v, value.dataType)), tr, scope)
    case other => Fallback(s"${other.prettyName} with non-constant list")
  }

  private def andOr(left: Expression, right: Expression, isAnd: Boolean, tr: ExprTranslation, scope: Scope): WVal = {
    val l = tr(left, scope)
    val inner = scope.child()
    val r = tr(right, inner)
    // The left side decides alone when it is a non-null false (AND) or true (OR).
    val decides = if (isAnd) s"!${l.value}" else l.value
    val decided = if (l.nullable) scope.bind(s"!${l.isNull} && $decides") else scope.bind(decides)
    val rDecides = if (isAnd) s"!${r.value}" else r.value
    // Not decided by the left: the right decides if it can, else null if either side is null, else AND -> true,
    // OR -> false.
    val rest = if (!l.nullable && !r.nullable) s"{false, ${r.value}}"
    else {
      val rDecided = if (r.nullable) s"!${r.isNull} && $rDecides" else rDecides
      s"if($rDecided, {false, ${!isAnd}}, {${l.isNull} || ${r.isNull}, $isAnd})"
    }
    val pair = scope.bind(s"if($decided, {false, ${!isAnd}}, ${inner.render(rest)})")
    WVal(scope.bind(s"$pair.$$1"), if (!l.nullable && !r.nullable) "false" else scope.bind(s"$pair.$$0"), "bool")
  }

  private def in(value: Expression, list: Seq[Expression], tr: ExprTranslation, scope: Scope): WVal = {
    if (list.isEmpty) Fallback("IN with an empty list")
    val v = tr(value, scope)
    val items = list.map(x => tr(x, scope))
    val matches = items.filter(!_.nullable).map(i => ComparisonTranslator.eq(v.value, i.value, value.dataType))
    val anyMatch = if (matches.isEmpty) "false" else scope.bind(matches.mkString(" || "))
    // x IN (..., NULL, ...) is null when nothing matches; x NULL gives null.
    val listHasNull = items.exists(_.nullable)
    val isNull =
      if (listHasNull) scope.bind(s"${v.isNull} || !$anyMatch")
      else v.isNull
    WVal(anyMatch, isNull, "bool")
  }
}
