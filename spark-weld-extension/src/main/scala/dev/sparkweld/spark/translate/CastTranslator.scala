package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.types._

/**
 * Casts between numeric types and decimals. Widening casts are exact; double to float rounds as Java does; decimals
 * of up to 18 digits become integers truncated toward zero; integers and booleans become their text. Narrowing
 * integral casts wrap (LEGACY) or fail (ANSI); integral to decimal checks the target precision; decimal to decimal is
 * exact when the scale does not drop and rounds half up as Spark does when it drops. Everything else (casts from
 * strings, of other types to strings, float to decimal) falls back.
 */
object CastTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[Cast])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = {
    val c = e.asInstanceOf[Cast]
    if (c.evalMode == EvalMode.TRY) Fallback("try_cast")
    val ansi = c.evalMode == EvalMode.ANSI
    val v = tr(c.child, scope)
    val t = tr.weldType(c)
    (c.child.dataType, c.dataType) match {
      case (from, to) if from == to => v
      case (from @ Integral(), to @ Integral()) =>
        val narrowing = from.defaultSize > to.defaultSize
        val code = if (narrowing && ansi) s"@(overflow:check)($t(${v.value}))" else s"$t(${v.value})"
        WVal(scope.bind(code), v.isNull, t)
      case (Integral(), FloatType | DoubleType) => WVal(scope.bind(s"$t(${v.value})"), v.isNull, t)
      case (FloatType, DoubleType) => WVal(scope.bind(s"f64(${v.value})"), v.isNull, t)
      // Java's (float) narrowing, also in ANSI mode: round to nearest even, beyond float's range infinity, NaN kept.
      case (DoubleType, FloatType) => WVal(scope.bind(s"f32(${v.value})"), v.isNull, t)
      case (from @ Integral(), d: DecimalType) =>
        val digits = from match {
          case ByteType => 3
          case ShortType => 5
          case IntegerType => 10
          case _ => 19
        }
        if (digits + d.scale > 38) Fallback(s"cast of ${from.simpleString} to $d")
        val value = scope.bind(Decimals.rescale(v.value, v.weldType, 0, d.scale, t))
        if (digits <= d.precision - d.scale) WVal(value, v.isNull, t)
        else inRange(v, d.precision - d.scale, value, t, ansi, scope)
      case (from: DecimalType, to: DecimalType) if to.scale >= from.scale =>
        val value = scope.bind(Decimals.rescale(v.value, v.weldType, from.scale, to.scale, t))
        if (from.precision - from.scale <= to.precision - to.scale) WVal(value, v.isNull, t)
        else inRange(v, to.precision - to.scale + from.scale, value, t, ansi, scope)
      case (from: DecimalType, to: DecimalType) =>
        // The scale drops: Spark's changePrecision rounds half up (away from zero), then checks the precision.
        val wt = if (v.weldType == "i128" || t == "i128") "i128" else "i64"
        val w = scope.bind(Decimals.widen(v.value, v.weldType, wt))
        val rounded = Decimals.roundHalfUp(w, wt, from.scale - to.scale, scope)
        val checked = Decimals.checkPrecision(rounded, v.isNull, to.precision, wt, ansi, scope)
        checked.copy(value = scope.bind(Decimals.widen(checked.value, wt, t)), weldType = t)
      case (from: DecimalType, to @ Integral()) if from.precision <= 18 =>
        // Spark truncates toward zero (the compact unscaled long over 10^scale), then LEGACY wraps to the target as
        // `toLong.toInt` does. In ANSI mode Spark checks the range, by way of a double for decimals it holds as
        // BigDecimals, which differs at the range's edges: only casts that cannot overflow are taken.
        val q = if (from.scale == 0) v.value else scope.bind(s"${v.value} / ${WeldTypes.pow10(from.scale, "i64")}")
        val intDigits = from.precision - from.scale
        val fits = to match {
          case LongType => true
          case IntegerType => intDigits <= 9
          case ShortType => intDigits <= 4
          case _ => intDigits <= 2
        }
        if (ansi && !fits) Fallback(s"cast from $from to ${to.simpleString} in ANSI mode (may overflow)")
        WVal(scope.bind(if (t == "i64") q else s"$t($q)"), v.isNull, t)
      case (BooleanType, s: StringType) if s == StringType =>
        WVal(scope.bind(s"if(${v.value}, ${LeafTranslator.string("true")}, ${LeafTranslator.string("false")})"),
          v.isNull, "vec[u8]")
      case (Integral(), s: StringType) if s == StringType => WVal(integerText(v.value, scope), v.isNull, "vec[u8]")
      case (from: DecimalType, DoubleType) if from.precision <= 18 =>
        // Spark's Decimal.toDouble for compact decimals is exactly this: the unscaled long over 10^scale.
        val pow = LeafTranslator.constant(java.lang.Math.pow(10, from.scale), DoubleType)
        WVal(scope.bind(s"f64(${v.value}) / $pow"), v.isNull, t)
      case (from, to) => Fallback(s"cast from ${from.simpleString} to ${to.simpleString}")
    }
  }

  private val powersOf10 = (0 to 18).map(k => s"${BigInt(10).pow(k)}i128").mkString("[", ", ", "]")

  /**
   * An integer's decimal text, as Java's `toString` (Spark's cast): its magnitude in 128 bits (so that the smallest
   * long has one), the digit count from the powers of ten it reaches, then a `-` and the digits, most significant
   * first.
   */
  private def integerText(x: String, scope: Scope): String = {
    val w = scope.bind(s"i128($x)")
    val neg = scope.bind(s"$w < 0i128")
    val a = scope.bind(s"if($neg, 0i128 - $w, $w)")
    val pows = scope.bind(powersOf10)
    val reached = scope.bind(s"result(for($pows, merger[i64, +], |b, i, p| if(p <= $a, merge(b, 1L), b)))")
    val digits = scope.bind(s"if($reached == 0L, 1L, $reached)")
    val lead = scope.bind(s"if($neg, 1L, 0L)")
    scope.bind(s"result(for(rangeiter(0L, $digits + $lead, 1L), appender[u8]($digits + $lead), |b, i, j| " +
      s"if(j < $lead, merge(b, 45u8), merge(b, u8(i64(48i128 + ($a / lookup($pows, $digits - 1L - (j - $lead))) " +
      s"% 10i128))))))")
  }

  /**
   * `value` (the source scaled up) where the unscaled source `src` has fewer than `digits` digits; otherwise null
   * (LEGACY) or a runtime error (ANSI). Checked on the source, before scaling could wrap around.
   */
  private def inRange(src: WVal, digits: Int, value: String, t: String, ansi: Boolean, scope: Scope): WVal = {
    val st = if (src.weldType == "i128") "i128" else "i64"
    val w = scope.bind(Decimals.widen(src.value, src.weldType, st))
    val bound = WeldTypes.pow10(digits, st)
    val fits = scope.bind(s"$w > -$bound && $w < $bound")
    if (ansi) {
      scope.bind(if (src.isNull == "false") s"assert($fits)" else s"assert(${src.isNull} || $fits)")
      WVal(value, src.isNull, t)
    } else WVal(value, if (src.isNull == "false") scope.bind(s"!$fits") else scope.bind(s"${src.isNull} || !$fits"), t)
  }
}
