package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.types._

/**
 * `+ - * /` and unary minus with Spark's semantics. Integral overflow wraps in LEGACY mode and is a runtime error in
 * ANSI mode (the stage then re-runs on Spark, which throws its own exception for the row); TRY mode (null on
 * overflow) falls back. Division by zero is null (LEGACY) or an error (ANSI). Decimals are unscaled integers: add
 * and subtract align scales exactly (or round the exact result half up where Spark's result type keeps fewer fraction
 * digits); multiply is exact when Spark keeps scale s1 + s2; anything else needing rounding
 * falls back.
 */
object ArithmeticTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[Add], classOf[Subtract], classOf[Multiply], classOf[Divide],
    classOf[Remainder], classOf[UnaryMinus], classOf[Abs])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = e match {
    case b: BinaryArithmetic =>
      if (b.evalMode == EvalMode.TRY) Fallback(s"${b.prettyName} in TRY mode")
      val ansi = b.evalMode == EvalMode.ANSI
      b.dataType match {
        case d: DecimalType => decimal(b, d, ansi, tr, scope)
        case Integral() => integral(b, ansi, tr, scope)
        case Fractional() => fractional(b, ansi, tr, scope)
        case other => Fallback(s"${b.prettyName} on ${other.simpleString}")
      }
    case u @ UnaryMinus(child, failOnError) =>
      val c = tr(child, scope)
      val t = tr.weldType(u)
      u.dataType match {
        case Integral() if failOnError => WVal(scope.bind(s"@(overflow:check)(-${c.value})"), c.isNull, t)
        case Integral() | Fractional() => WVal(scope.bind(s"-${c.value}"), c.isNull, t)
        case d: DecimalType if d.precision <= 34 => WVal(scope.bind(s"-${c.value}"), c.isNull, t)
        case d: DecimalType =>
          // Spark negates through Scala's BigDecimal, which rounds to 34 digits (and may then overflow).
          Fallback(s"negation of $d (Spark rounds beyond 34 digits)")
        case other => Fallback(s"negation of ${other.simpleString}")
      }
    case a @ Abs(child, failOnError) =>
      val c = tr(child, scope)
      val t = tr.weldType(a)
      a.dataType match {
        case Integral() if failOnError => WVal(scope.bind(s"@(overflow:check)(abs(${c.value}))"), c.isNull, t)
        case Integral() | Fractional() => WVal(scope.bind(s"abs(${c.value})"), c.isNull, t)
        case d: DecimalType if d.precision <= 34 => WVal(scope.bind(s"abs(${c.value})"), c.isNull, t)
        case other => Fallback(s"abs of ${other.simpleString}")
      }
  }

  private def op(b: BinaryArithmetic): String = b match {
    case _: Add => "+"
    case _: Subtract => "-"
    case _: Multiply => "*"
    case _: Divide => "/"
    case _: Remainder => "%"
  }

  private def integral(b: BinaryArithmetic, ansi: Boolean, tr: ExprTranslation, scope: Scope): WVal = {
    if (b.isInstanceOf[Divide]) Fallback("integral division")
    val l = tr(b.left, scope)
    val r = tr(b.right, scope)
    if (b.isInstanceOf[Remainder]) return byZeroGuarded(b, l, r, ansi, tr, scope)
    val code = s"${l.value} ${op(b)} ${r.value}"
    WVal(scope.bind(if (ansi) s"@(overflow:check)($code)" else s"@(overflow:wrap)($code)"),
      tr.anyNull(scope, l, r), tr.weldType(b))
  }

  private def fractional(b: BinaryArithmetic, ansi: Boolean, tr: ExprTranslation, scope: Scope): WVal = {
    val l = tr(b.left, scope)
    val r = tr(b.right, scope)
    val t = tr.weldType(b)
    b match {
      case _: Divide | _: Remainder => byZeroGuarded(b, l, r, ansi, tr, scope)
      case _ => WVal(scope.bind(s"${l.value} ${op(b)} ${r.value}"), tr.anyNull(scope, l, r), t)
    }
  }

  /**
   * `/` and `%`: by zero, Spark gives null (LEGACY) or DIVIDE_BY_ZERO (ANSI), for doubles too (never inf or NaN).
   * Integral `MIN % -1` is 0 in both Spark and Weld.
   */
  private def byZeroGuarded(b: BinaryArithmetic, l: WVal, r: WVal, ansi: Boolean, tr: ExprTranslation,
      scope: Scope): WVal = {
    val t = tr.weldType(b)
    val zero = WeldTypes.zero(t)
    val byZero = scope.bind(s"${r.value} == ${WeldTypes.zero(r.weldType)}")
    val inputsNull = tr.anyNull(scope, l, r)
    val value = scope.bind(s"if($byZero, $zero, ${l.value} ${op(b)} ${r.value})")
    if (ansi) {
      val guard = if (inputsNull == "false") byZero else s"!$inputsNull && $byZero"
      scope.bind(s"assert(!($guard))")
      WVal(value, inputsNull, t)
    } else {
      WVal(value, if (inputsNull == "false") byZero else scope.bind(s"$inputsNull || $byZero"), t)
    }
  }

  private def decimal(b: BinaryArithmetic, d: DecimalType, ansi: Boolean, tr: ExprTranslation,
      scope: Scope): WVal = {
    val (ld, rd) = (b.left.dataType, b.right.dataType) match {
      case (x: DecimalType, y: DecimalType) => (x, y)
      case _ => Fallback(s"${b.prettyName} of ${b.left.dataType.simpleString} and ${b.right.dataType.simpleString}")
    }
    val l = tr(b.left, scope)
    val r = tr(b.right, scope)
    val t = tr.weldType(b)
    val (code, exactDigits) = b match {
      case _: Add | _: Subtract if d.scale == math.max(ld.scale, rd.scale) =>
        val lv = Decimals.rescale(l.value, l.weldType, ld.scale, d.scale, t)
        val rv = Decimals.rescale(r.value, r.weldType, rd.scale, d.scale, t)
        (s"$lv ${op(b)} $rv", math.max(ld.precision - ld.scale, rd.precision - rd.scale) + d.scale + 1)
      case _: Add | _: Subtract =>
        // Spark keeps fewer fraction digits than its operands only where the exact result could pass 38 digits: it
        // is computed in 128 bits at the larger scale, overflow-checked (a failure hands the whole partition to
        // Spark's plan, which only aggregate stages can do), and rounded half up to the result's scale, as Spark's
        // toPrecision rounds its BigDecimal.
        if (!tr.wholePartition) Fallback(s"decimal ${b.prettyName} with rounding to $d outside an aggregate stage")
        val s = math.max(ld.scale, rd.scale)
        def exact(v: WVal, from: DecimalType) = {
          val w = Decimals.rescale(v.value, v.weldType, from.scale, s, "i128")
          scope.bind(if (from.scale == s) w else s"@(overflow:check)($w)")
        }
        val sum = scope.bind(s"@(overflow:check)(${exact(l, ld)} ${op(b)} ${exact(r, rd)})")
        val rounded = Decimals.roundHalfUp(sum, "i128", s - d.scale, scope)
        (Decimals.widen(rounded, "i128", t), 39)
      case _: Multiply =>
        if (d.scale != ld.scale + rd.scale) Fallback(s"decimal multiply with rounding to $d")
        if (ld.precision + rd.precision > 38 && !ansi) {
          Fallback(s"decimal multiply of $ld and $rd may exceed 38 digits (LEGACY null on overflow)")
        }
        (s"@(overflow:check)(${Decimals.widen(l.value, l.weldType, t)} * ${Decimals.widen(r.value, r.weldType, t)})",
          ld.precision + rd.precision + 1)
      case _ => Fallback(s"decimal ${b.prettyName}")
    }
    val value = scope.bind(code)
    val inputsNull = tr.anyNull(scope, l, r)
    if (exactDigits <= d.precision) WVal(value, inputsNull, t)
    else Decimals.checkPrecision(value, inputsNull, d.precision, t, ansi, scope)
  }
}

/** Unscaled-integer helpers shared by the decimal translators. */
object Decimals {
  def widen(v: String, from: String, to: String): String = if (from == to) v else s"$to($v)"

  def rescale(v: String, from: String, fromScale: Int, toScale: Int, to: String): String = {
    val w = widen(v, from, to)
    if (toScale == fromScale) w else s"$w * ${WeldTypes.pow10(toScale - fromScale, to)}"
  }

  /** Unscaled `v` (of Weld type `wt`) with its last `drop` digits rounded off half up (away from zero), as Spark's
   * `changePrecision` and `toPrecision` round. */
  def roundHalfUp(v: String, wt: String, drop: Int, scope: Scope): String = {
    def lit(n: Int) = if (wt == "i128") s"${n}i128" else s"${n}L"
    val p = WeldTypes.pow10(drop, wt)
    val q = scope.bind(s"$v / $p")
    val r = scope.bind(s"$v - $q * $p")
    scope.bind(s"if($r >= ${lit(0)}, if($r * ${lit(2)} >= $p, $q + ${lit(1)}, $q), " +
      s"if(${lit(0)} - $r * ${lit(2)} >= $p, $q - ${lit(1)}, $q))")
  }

  /** A value that may exceed `precision` digits: null (LEGACY) or a runtime error (ANSI) when it does. */
  def checkPrecision(value: String, isNull: String, precision: Int, t: String, ansi: Boolean,
      scope: Scope): WVal = {
    val fits = scope.bind(s"abs($value) < ${WeldTypes.pow10(precision, t)}")
    if (ansi) {
      val guard = if (isNull == "false") fits else s"$isNull || $fits"
      scope.bind(s"assert($guard)")
      WVal(value, isNull, t)
    } else {
      WVal(value, if (isNull == "false") scope.bind(s"!$fits") else scope.bind(s"$isNull || !$fits"), t)
    }
  }
}
