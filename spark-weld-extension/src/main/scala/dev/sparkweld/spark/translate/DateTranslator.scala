package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.types.{ByteType, DateType, IntegerType, ShortType}

/**
 * Date functions on day counts (days since 1970-01-01, proleptic Gregorian as Spark's DATE): `year`, `month`,
 * `day`/`dayofmonth`, `quarter`, `dayofyear` by the civil-from-days algorithm in integer math, and the day
 * arithmetic `date_add`, `date_sub`, `datediff`. `EXTRACT(YEAR FROM d)` and friends reach here as the same
 * expressions.
 */
object DateTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[Year], classOf[Month], classOf[DayOfMonth], classOf[Quarter],
    classOf[DayOfYear], classOf[DateAdd], classOf[DateSub], classOf[DateDiff])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = e match {
    case Year(child) => field(child, tr, scope)((c, _) => c.year)
    case Month(child) => field(child, tr, scope)((c, _) => c.month)
    case DayOfMonth(child) => field(child, tr, scope)((c, _) => c.day)
    case Quarter(child) => field(child, tr, scope)((c, s) => s.bind(s"(${c.month} - 1) / 3 + 1"))
    case DayOfYear(child) => field(child, tr, scope)((c, s) => c.dayOfYear(s))
    case DateAdd(start, days) => shift(start, days, "+", tr, scope)
    case DateSub(start, days) => shift(start, days, "-", tr, scope)
    case DateDiff(end, start) =>
      val (a, b) = (tr(end, scope), tr(start, scope))
      // An int subtraction in Spark too (wrapping, as Weld's default).
      WVal(scope.bind(s"${a.value} - ${b.value}"), tr.anyNull(scope, a, b), "i32")
  }

  private def field(child: Expression, tr: ExprTranslation, scope: Scope)(pick: (Civil, Scope) => String): WVal = {
    if (child.dataType != DateType) Fallback(s"date field of ${child.dataType.simpleString}")
    val d = tr(child, scope)
    WVal(scope.bind(s"i32(${pick(Civil(d.value, scope), scope)})"), d.isNull, "i32")
  }

  /** `date ± days`, in i64: a result beyond the int range hands the partition to Spark's plan, whose answer it is. */
  private def shift(start: Expression, days: Expression, op: String, tr: ExprTranslation, scope: Scope): WVal = {
    days.dataType match {
      case IntegerType | ShortType | ByteType =>
      case other => Fallback(s"date arithmetic with ${other.simpleString} days")
    }
    val (d, n) = (tr(start, scope), tr(days, scope))
    val wide = scope.bind(s"i64(${d.value}) $op i64(${n.value})")
    val isNull = tr.anyNull(scope, d, n)
    val fits = scope.bind(s"$wide >= -2147483648L && $wide <= 2147483647L")
    scope.bind(if (isNull == "false") s"assert($fits)" else s"assert($isNull || $fits)")
    WVal(scope.bind(s"i32($wide)"), isNull, "i32")
  }

  /** Year, month and day of a day count (Howard Hinnant's days-to-civil, eras of 400 years from 0000-03-01). */
  private final case class Civil(days: String, scope: Scope) {
    private val z = scope.bind(s"i64($days) + 719468L")
    private val era = scope.bind(s"if($z >= 0L, $z, $z - 146096L) / 146097L")
    private val doe = scope.bind(s"$z - $era * 146097L")
    private val yoe = scope.bind(s"($doe - $doe / 1460L + $doe / 36524L - $doe / 146096L) / 365L")
    private val doy = scope.bind(s"$doe - (365L * $yoe + $yoe / 4L - $yoe / 100L)")
    private val mp = scope.bind(s"(5L * $doy + 2L) / 153L")
    lazy val day: String = scope.bind(s"$doy - (153L * $mp + 2L) / 5L + 1L")
    lazy val month: String = scope.bind(s"if($mp < 10L, $mp + 3L, $mp - 9L)")
    lazy val year: String = scope.bind(s"$yoe + $era * 400L + if($mp >= 10L, 1L, 0L)")

    /** Day of the year, 1-based: from the March-based day of the era year, January and February being its end. */
    def dayOfYear(s: Scope): String = {
      val leap = s.bind(s"if(($year % 4L == 0L && $year % 100L != 0L) || $year % 400L == 0L, 1L, 0L)")
      s.bind(s"if($mp >= 10L, $doy - 305L, $doy + 60L + $leap)")
    }
  }
}
