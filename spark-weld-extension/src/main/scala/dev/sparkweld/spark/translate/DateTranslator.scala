package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._

/** `year(date)`: the proleptic Gregorian year of a day count, by the civil-from-days algorithm in integer math. */
object DateTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[Year])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = {
    val d = tr(e.asInstanceOf[Year].child, scope)
    // Days since 1970-01-01 -> year, shifting to eras of 400 years starting 0000-03-01 (Howard Hinnant's method).
    val z = scope.bind(s"i64(${d.value}) + 719468L")
    val era = scope.bind(s"if($z >= 0L, $z, $z - 146096L) / 146097L")
    val doe = scope.bind(s"$z - $era * 146097L")
    val yoe = scope.bind(s"($doe - $doe / 1460L + $doe / 36524L - $doe / 146096L) / 365L")
    val doy = scope.bind(s"$doe - (365L * $yoe + $yoe / 4L - $yoe / 100L)")
    val mp = scope.bind(s"(5L * $doy + 2L) / 153L")
    val year = scope.bind(s"i32($yoe + $era * 400L + if($mp >= 10L, 1L, 0L))")
    WVal(year, d.isNull, "i32")
  }
}
