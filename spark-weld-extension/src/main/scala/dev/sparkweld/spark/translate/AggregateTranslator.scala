package dev.sparkweld.spark.translate

import scala.collection.mutable.ArrayBuffer

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.catalyst.expressions.aggregate._
import org.apache.spark.sql.types._

/**
 * Partial aggregates as Weld accumulators. Every buffer value of Spark's partial aggregate is derived from
 * accumulators of one of three operators (`+`, `min`, `max`), so that per group one dictmerger per operator holds
 * them all (with a struct value) and a global aggregate uses one merger each:
 *  - sum: `+` of the value (0 for nulls) and `+` of the non-null count (a sum of no values is null; a decimal sum
 *    reports `isEmpty` instead);
 *  - avg: `+` of the value in the sum type, and the count;
 *  - count: `+` of 1 for rows whose arguments are all non-null;
 *  - min/max: `min`/`max` of the value (the type's extreme for nulls) and the non-null count (floats: see
 *    [[floatExtreme]]).
 * Decimal sums are i128 and checked against the buffer's precision when the rows are written (Spark's partial sum
 * becomes null there; in ANSI mode the stage re-runs on Spark, which raises the error).
 */
final class AggregateTranslator(tr: ExprTranslation) {
  private val plus = ArrayBuffer[(String, String)]() // (type, value code)
  private val mins = ArrayBuffer[(String, String)]()
  private val maxs = ArrayBuffer[(String, String)]()

  def plusComponents: Seq[(String, String)] = plus.toSeq
  def minComponents: Seq[(String, String)] = mins.toSeq
  def maxComponents: Seq[(String, String)] = maxs.toSeq

  /** The buffer values of `agg` (in Spark's buffer attribute order), adding the accumulators it needs. */
  def translate(agg: AggregateExpression, scope: Scope): Seq[BufferValue] = {
    // Spark plans a DISTINCT aggregate as a grouping by its arguments first, then the function over the distinct
    // rows in partial/merge/final modes; it keeps the flag only for EXPLAIN (AggUtils.planAggregateWithOneDistinct).
    // Only a complete-mode one would have to remove duplicates itself, and that mode is not translated.
    if (agg.isDistinct && agg.mode == Complete) Fallback(s"${agg.aggregateFunction.prettyName}(DISTINCT ...)")
    val f = agg.filter match {
      case None => agg.aggregateFunction
      // FILTER (WHERE c) skips the rows c does not pass (null included): for the functions translated here that is
      // aggregating IF(c, x, NULL) instead of x (count(*) counts IF(c, 1, NULL)), with x evaluated only where c
      // holds, as Spark evaluates it. Spark keeps the filter in the partial aggregate only.
      case Some(c) if agg.mode == Partial =>
        agg.aggregateFunction.mapChildren(x => If(c, x, Literal.create(null, x.dataType)))
          .asInstanceOf[AggregateFunction]
      case Some(_) => Fallback(s"${agg.aggregateFunction.prettyName}(...) FILTER (WHERE ...) in ${agg.mode} mode")
    }
    val buffer = f.aggBufferAttributes
    val values = agg.mode match {
      case Partial => update(f, scope)
      case Final | PartialMerge => merge(f, scope)
      case other => Fallback(s"aggregate mode $other")
    }
    if (values.size != buffer.size) {
      Fallback(s"${f.prettyName} has buffer ${buffer.map(_.dataType.simpleString)}, expected ${values.size} values")
    }
    values
  }

  /** Partial mode: the buffers of the rows' values. */
  private def update(f: AggregateFunction, scope: Scope): Seq[BufferValue] = f match {
      case s: Sum => sum(s, scope)
      case a: Average => average(a, scope)
      case c: Count => count(c, scope)
      case m: Min => extreme(m.child, "min", scope)
      case m: Max => extreme(m.child, "max", scope)
      case other => Fallback(s"aggregate function ${other.prettyName}")
  }

  /**
   * Final and partial-merge modes: the input rows are other tasks' buffers (`inputAggBufferAttributes`), merged as
   * Spark's `mergeExpressions` do. A null partial sum that is not empty means it overflowed, which makes the merged
   * sum null (Spark's evaluation then gives null, or its ANSI error); counts and non-null flags are sums too.
   */
  private def merge(f: AggregateFunction, scope: Scope): Seq[BufferValue] = {
    val in = f.inputAggBufferAttributes.map(a => tr(a, scope))
    def checkMode(mode: EvalMode.Value): Unit =
      if ((mode == EvalMode.ANSI) != tr.ansi) Fallback(s"${f.prettyName} in $mode mode")
    f match {
      case s: Sum =>
        checkMode(s.evalContext.evalMode)
        s.dataType match {
          case d: DecimalType if in.size == 2 =>
            val (sum, isEmpty) = (in(0), in(1))
            val addend = valueOrZero(sum.copy(value = Decimals.widen(sum.value, sum.weldType, "i128"),
              weldType = "i128"), "i128", scope)
            val value = addPlus("i128", addend)
            val nonEmpty = addPlus("i64", scope.bind(s"if(${isEmpty.value}, 0L, 1L)"))
            val overflowed = addPlus("i64",
              if (sum.nullable) scope.bind(s"if(!${isEmpty.value} && ${sum.isNull}, 1L, 0L)") else "0L")
            // Beyond the buffer's precision Spark's merge fails in ANSI mode (and the sum is null otherwise).
            Seq(SumValue(value, None, OutCol(d, "i128"), Some(d.precision), nullIfAny = Some(overflowed),
              failWhenTooWide = tr.ansi, prefixBounds = prefixBounds(addend, scope)), IsEmptyValue(nonEmpty))
          case other =>
            val sum = in.head
            if (other == LongType && !tr.ansi) wrappingSums = true
            val value = addPlus(sum.weldType, valueOrZero(sum, sum.weldType, scope))
            Seq(SumValue(value, Some(nonNullCount(sum, scope)), OutCol(other, sum.weldType), None))
        }
      case a: Average =>
        checkMode(a.evalMode)
        val (sum, count) = (in(0), in(1))
        val sumType = a.aggBufferAttributes.head.dataType
        val t = if (sumType.isInstanceOf[DecimalType]) "i128" else sum.weldType
        val addend = valueOrZero(sum.copy(value = Decimals.widen(sum.value, sum.weldType, t), weldType = t), t, scope)
        val value = addPlus(t, addend)
        val nullSums = addPlus("i64", if (sum.nullable) scope.bind(s"if(${sum.isNull}, 1L, 0L)") else "0L")
        val precision = sumType match {
          case d: DecimalType => Some(d.precision)
          case _ => None
        }
        val counts = addPlus("i64", valueOrZero(count, "i64", scope))
        // Spark's merge adds the sums with an ANSI overflow check; a sum beyond the buffer's precision is an error
        // there, which only Spark's own plan can raise with its message.
        val bounds = if (precision.isDefined) prefixBounds(addend, scope) else None
        Seq(SumValue(value, None, OutCol(sumType, t), precision, nullIfAny = Some(nullSums), failWhenTooWide = tr.ansi,
          prefixBounds = bounds), SumValue(counts, None, OutCol(LongType, "i64"), None))
      case _: Count =>
        Seq(SumValue(addPlus("i64", valueOrZero(in.head, "i64", scope)), None, OutCol(LongType, "i64"), None))
      case m: Min => extremeOf(in.head, m.child.dataType, "min", scope)
      case m: Max => extremeOf(in.head, m.child.dataType, "max", scope)
      case other => Fallback(s"aggregate function ${other.prettyName}")
    }
  }

  /** Whether a `+` accumulator must wrap on overflow (a non-ANSI long sum) rather than fail. */
  def needsWrapping: Boolean = wrappingSums

  private var wrappingSums = false

  private def addPlus(t: String, code: String): Int = { plus += ((t, code)); plus.size - 1 }

  /** The positive and negative parts of the i128 addends `x`, summed apart (see [[SumValue.prefixBounds]]). */
  private def prefixBounds(x: String, scope: Scope): Option[(Int, Int)] =
    Some((addPlus("i128", scope.bind(s"if($x > 0i128, $x, 0i128)")),
      addPlus("i128", scope.bind(s"if($x < 0i128, $x, 0i128)"))))

  /**
   * Bounds for the sum of `child` values into `target` digits, unless no running sum can overflow: a kernel run sees
   * fewer than 2^31 rows, so values of `p` digits stay below 10^(p + 10). Spark's sum type has exactly 10 more
   * digits than its input unless capped at 38, so only sums of 29 digits and more pay for the bounds.
   */
  private def updateBounds(child: Expression, target: DataType, x: String, scope: Scope): Option[(Int, Int)] =
    (child.dataType, target) match {
      case (in: DecimalType, out: DecimalType) if in.precision + 10 <= out.precision => None
      case (_, _: DecimalType) => prefixBounds(x, scope)
      case _ => None
    }

  private def nonNullCount(v: WVal, scope: Scope): Int =
    addPlus("i64", if (v.nullable) scope.bind(s"if(${v.isNull}, 0L, 1L)") else "1L")

  private def valueOrZero(v: WVal, t: String, scope: Scope): String =
    if (v.nullable) scope.bind(s"if(${v.isNull}, ${WeldTypes.zero(t)}, ${v.value})") else v.value

  /** The child converted to a sum type (long, double or a decimal of the same scale). */
  private def toSumType(child: Expression, v: WVal, target: DataType, scope: Scope): (String, String) = {
    val t = WeldTypes.of(target) match {
      case scala.util.Right("i64") if target.isInstanceOf[DecimalType] => "i128" // accumulate wide, check at the end
      case scala.util.Right(x) => x
      case scala.util.Left(r) => Fallback(r)
    }
    val code = (child.dataType, target) match {
      case (a: DecimalType, b: DecimalType) if a.scale == b.scale => Decimals.widen(v.value, v.weldType, t)
      case (_: DecimalType, _) => Fallback(s"sum of ${child.dataType} into $target")
      case (Integral(), LongType) => Decimals.widen(v.value, v.weldType, t)
      case (_: NumericType, DoubleType) => Decimals.widen(v.value, v.weldType, t)
      case (a, b) => Fallback(s"sum of ${a.simpleString} into ${b.simpleString}")
    }
    (t, scope.bind(code))
  }

  private def sum(s: Sum, scope: Scope): Seq[BufferValue] = {
    if ((s.evalContext.evalMode == EvalMode.ANSI) != tr.ansi) Fallback(s"sum in ${s.evalContext.evalMode} mode")
    val v = tr(s.child, scope)
    val target = s.dataType
    if (target == LongType && !tr.ansi) wrappingSums = true
    val (t, converted) = toSumType(s.child, v, target, scope)
    val addend = valueOrZero(v.copy(value = converted, weldType = t), t, scope)
    val value = addPlus(t, addend)
    val count = nonNullCount(v, scope)
    target match {
      case d: DecimalType =>
        Seq(SumValue(value, None, OutCol(d, t), Some(d.precision),
          prefixBounds = updateBounds(s.child, d, addend, scope)), IsEmptyValue(count))
      case other => Seq(SumValue(value, Some(count), OutCol(other, t), None))
    }
  }

  private def average(a: Average, scope: Scope): Seq[BufferValue] = {
    val v = tr(a.child, scope)
    val sumType = a.aggBufferAttributes.head.dataType
    val (t, converted) = toSumType(a.child, v, sumType, scope)
    val addend = valueOrZero(v.copy(value = converted, weldType = t), t, scope)
    val value = addPlus(t, addend)
    val count = nonNullCount(v, scope)
    val precision = sumType match {
      case d: DecimalType => Some(d.precision)
      case _ => None
    }
    Seq(SumValue(value, None, OutCol(sumType, t), precision, prefixBounds = updateBounds(a.child, sumType, addend, scope)),
      SumValue(count, None, OutCol(LongType, "i64"), None))
  }

  private def count(c: Count, scope: Scope): Seq[BufferValue] = {
    val args = c.children.map(x => tr(x, scope))
    val anyNull = tr.anyNull(scope, args: _*)
    val one = if (anyNull == "false") "1L" else scope.bind(s"if($anyNull, 0L, 1L)")
    Seq(SumValue(addPlus("i64", one), None, OutCol(LongType, "i64"), None))
  }

  private def extreme(child: Expression, op: String, scope: Scope): Seq[BufferValue] =
    extremeOf(tr(child, scope), child.dataType, op, scope)

  private def extremeOf(value: WVal, dataType: DataType, op: String, scope: Scope): Seq[BufferValue] = {
    // false < true: booleans as 0 and 1 in an i8 merger (there is no min/max merger of bools), read back as one byte.
    val v = if (dataType != BooleanType) value
      else value.copy(value = scope.bind(s"if(${value.value}, i8(1), i8(0))"), weldType = "i8")
    val bound = dataType match {
      case ByteType | ShortType | IntegerType | LongType | DateType | TimestampType | TimestampNTZType | BooleanType =>
        limit(v.weldType, op)
      case _: DecimalType => limit(v.weldType, op)
      case FloatType | DoubleType => return floatExtreme(v, dataType, op, scope)
      case other => Fallback(s"$op of ${other.simpleString} (string ordering not yet in Weld stages)")
    }
    val code = if (v.nullable) scope.bind(s"if(${v.isNull}, $bound, ${v.value})") else v.value
    val target = if (op == "min") mins else maxs
    target += ((v.weldType, code))
    val count = nonNullCount(v, scope)
    Seq(ExtremeValue(op, target.size - 1, count, OutCol(dataType, v.weldType)))
  }

  /**
   * min/max of floats in Spark's order, where NaN is above every number and -0.0 equals 0.0. The kernel's float
   * min/max propagate NaN and order -0.0 below 0.0: max agrees on NaN; min reads NaN as +infinity and counts the
   * other values (none: the minimum is NaN, [[ExtremeValue.numbers]]). Of equal values Spark keeps the first, so a
   * zero's sign depends on row order: a -0.0 asserts, handing the partition to Spark's plan (aggregate stages
   * compute their whole partition before handing anything on).
   */
  private def floatExtreme(v: WVal, dataType: DataType, op: String, scope: Scope): Seq[BufferValue] = {
    val f = if (v.weldType == "f32") "f" else ""
    val negativeZero = s"(${v.value} == 0.0$f && 1.0$f / ${v.value} < 0.0$f)"
    val checked = scope.bind(s"assert(!(${if (v.nullable) s"!${v.isNull} && " else ""}$negativeZero))")
    val isNan = s"${v.value} != ${v.value}"
    val (value, numbers) = if (op == "min") {
      val number = scope.bind(s"if($isNan, inf$f, ${v.value})")
      val counted = if (v.nullable) s"if(${v.isNull} || $isNan, 0L, 1L)" else s"if($isNan, 0L, 1L)"
      (number, Some(addPlus("i64", scope.bind(counted))))
    } else (v.value, None)
    val neutral = if (op == "min") s"inf$f" else s"-inf$f"
    val code = scope.bind(s"if($checked, ${if (v.nullable) s"if(${v.isNull}, $neutral, $value)" else value}, $neutral)")
    val target = if (op == "min") mins else maxs
    target += ((v.weldType, code))
    Seq(ExtremeValue(op, target.size - 1, nonNullCount(v, scope), OutCol(dataType, v.weldType), numbers))
  }

  /** The neutral element of min (the type's largest value) or max (its smallest). */
  private def limit(t: String, op: String): String = {
    val big = op == "min"
    t match {
      case "i8" => if (big) "i8(127)" else "i8(-128)"
      case "i16" => if (big) "i16(32767)" else "i16(-32768)"
      case "i32" => if (big) "2147483647" else "-2147483648"
      case "i64" => if (big) "9223372036854775807L" else "-9223372036854775808L"
      case "i128" => if (big) "170141183460469231731687303715884105727i128"
        else "-170141183460469231731687303715884105728i128"
      case other => Fallback(s"$op over $other")
    }
  }
}
