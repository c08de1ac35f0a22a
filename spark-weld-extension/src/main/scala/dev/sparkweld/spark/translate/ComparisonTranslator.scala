package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.types._

/**
 * `= <=> < <= > >=` with Spark's ordering: for floats NaN equals NaN and is greater than every other value, and -0.0
 * equals 0.0; strings compare as unsigned bytes (hence `vec[u8]`); decimals of different scales are aligned.
 */
object ComparisonTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[EqualTo], classOf[EqualNullSafe], classOf[LessThan],
    classOf[LessThanOrEqual], classOf[GreaterThan], classOf[GreaterThanOrEqual])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = {
    val c = e.asInstanceOf[BinaryComparison]
    val (l, r) = operands(c.left, c.right, tr, scope)
    val dt = c.left.dataType
    val cmp = c match {
      case _: EqualTo | _: EqualNullSafe => eq(l.value, r.value, dt)
      case _: LessThan => lt(l.value, r.value, dt)
      case _: LessThanOrEqual => s"!(${lt(r.value, l.value, dt)})"
      case _: GreaterThan => lt(r.value, l.value, dt)
      case _: GreaterThanOrEqual => s"!(${lt(l.value, r.value, dt)})"
    }
    c match {
      case _: EqualNullSafe =>
        val both = if (!l.nullable && !r.nullable) cmp
        else s"if(${l.isNull} || ${r.isNull}, ${l.isNull} && ${r.isNull}, $cmp)"
        WVal(scope.bind(both), "false", "bool")
      case _ => WVal(scope.bind(cmp), tr.anyNull(scope, l, r), "bool")
    }
  }

  /** Both sides translated, decimals brought to one scale and representation. */
  def operands(le: Expression, re: Expression, tr: ExprTranslation, scope: Scope): (WVal, WVal) = {
    val l = tr(le, scope)
    val r = tr(re, scope)
    (le.dataType, re.dataType) match {
      case (x: DecimalType, y: DecimalType) if x != y =>
        val s = math.max(x.scale, y.scale)
        val digits = math.max(x.precision - x.scale, y.precision - y.scale) + s
        if (digits > 38) Fallback(s"comparison of $x and $y")
        val t = if (digits <= 18) "i64" else "i128"
        (l.copy(value = scope.bind(Decimals.rescale(l.value, l.weldType, x.scale, s, t)), weldType = t),
          r.copy(value = scope.bind(Decimals.rescale(r.value, r.weldType, y.scale, s, t)), weldType = t))
      case (x, y) if x != y => Fallback(s"comparison of ${x.simpleString} and ${y.simpleString}")
      case _ => (l, r)
    }
  }

  def eq(a: String, b: String, dt: DataType): String = dt match {
    case FloatType | DoubleType => s"($a == $b || ($a != $a && $b != $b))"
    case _ => s"$a == $b"
  }

  def lt(a: String, b: String, dt: DataType): String = dt match {
    case FloatType | DoubleType => s"($a < $b || ($a == $a && $b != $b))"
    case _ => s"$a < $b"
  }
}
