package dev.sparkweld.spark.translate

import java.nio.charset.StandardCharsets

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.catalyst.optimizer.NormalizeNaNAndZero
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

/**
 * Column references, literals, and the markers Spark's optimizer wraps values in: KnownNotNull, and the floating
 * point normalization of grouping and join keys (NaN to the one NaN, -0.0 to 0.0), which Weld's dictionaries need as
 * much as Spark's hash maps do: their keys compare bitwise (except NaN), so -0.0 and 0.0 would be two groups.
 */
object LeafTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[AttributeReference], classOf[Literal], classOf[KnownNotNull],
    classOf[Alias], classOf[KnownFloatingPointNormalized], classOf[NormalizeNaNAndZero], classOf[UnscaledValue])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = e match {
    case a: AttributeReference =>
      tr.inputs.getOrElse(a.exprId, Fallback(s"column ${a.name} is not an input of the stage"))
    case Alias(child, _) => tr(child, scope)
    case KnownNotNull(child) => tr(child, scope).copy(isNull = "false")
    case KnownFloatingPointNormalized(child) => tr(child, scope)
    // Spark's optimizer sums small decimals as their unscaled longs (DecimalAggregates): what Weld holds them as.
    case UnscaledValue(child) =>
      val c = tr(child, scope)
      if (c.weldType != "i64") Fallback(s"unscaled value of ${child.dataType.simpleString}")
      c
    case NormalizeNaNAndZero(child) =>
      val c = tr(child, scope)
      val f = c.weldType match {
        case "f64" => ""
        case "f32" => "f"
        case other => Fallback(s"normalizing floats of type $other")
      }
      c.copy(value = scope.bind(s"if(${c.value} != ${c.value}, nan$f, if(${c.value} == 0.0$f, 0.0$f, ${c.value}))"))
    case Literal(null, dt) =>
      val t = tr.weldType(e)
      WVal(WeldTypes.zero(t), "true", t)
    case Literal(v, dt) => WVal(constant(v, dt), "false", tr.weldType(e))
  }

  def constant(v: Any, dt: DataType): String = (v, dt) match {
    case (b: Boolean, BooleanType) => b.toString
    case (b: Byte, ByteType) => s"i8($b)"
    case (s: Short, ShortType) => s"i16($s)"
    case (i: Int, IntegerType | DateType) => i.toString
    case (l: Long, LongType | TimestampType | TimestampNTZType) => s"${l}L"
    case (f: Float, FloatType) => float(f.toDouble, "f")
    case (d: Double, DoubleType) => float(d, "")
    case (d: Decimal, dt: DecimalType) =>
      val unscaled = d.toJavaBigDecimal.setScale(dt.scale).unscaledValue()
      if (dt.precision <= 18) s"${unscaled}L" else s"${unscaled}i128"
    case (s: UTF8String, _: StringType) => bytes(s.getBytes)
    case other => Fallback(s"literal of type ${dt.simpleString}")
  }

  /** A `vec[u8]` constant. */
  def bytes(b: Array[Byte]): String =
    if (b.isEmpty) "u8empty" else b.map(x => s"${x & 0xff}u8").mkString("[", ", ", "]")

  def string(s: String): String = bytes(s.getBytes(StandardCharsets.UTF_8))

  private def float(d: Double, suffix: String): String =
    if (d.isNaN) (if (suffix.isEmpty) "nan" else "nanf")
    else if (d.isInfinite) (if (d > 0) "" else "-") + (if (suffix.isEmpty) "inf" else "inff")
    else if (d == 0.0 && 1.0 / d < 0) s"-0.0$suffix"
    else {
      // Full round-trip precision; Weld reads the same decimal text as Java.
      val text = if (suffix.isEmpty) java.lang.Double.toString(d) else java.lang.Float.toString(d.toFloat)
      text.replace("E", "e") + suffix
    }
}
