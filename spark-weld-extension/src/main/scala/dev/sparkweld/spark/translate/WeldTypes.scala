package dev.sparkweld.spark.translate

import org.apache.spark.sql.types._

/**
 * How Spark values are represented in Weld programs: dates as i32 days, timestamps as i64 micros, decimals as their
 * unscaled integer (i64 up to precision 18, i128 up to 38), strings as `vec[u8]` of UTF-8 bytes (u8, not i8, so that
 * ordering is Spark's unsigned byte order). A nullable value travels as two Weld values: its null flag and its
 * value, the value being meaningless when the flag is set.
 */
object WeldTypes {
  def of(dt: DataType): Either[String, String] = dt match {
    case BooleanType => Right("bool")
    case ByteType => Right("i8")
    case ShortType => Right("i16")
    case IntegerType => Right("i32")
    case LongType => Right("i64")
    case FloatType => Right("f32")
    case DoubleType => Right("f64")
    case DateType => Right("i32")
    case TimestampType | TimestampNTZType => Right("i64")
    case d: DecimalType if d.precision <= 18 => Right("i64")
    case _: DecimalType => Right("i128")
    case s: StringType if s == StringType => Right("vec[u8]") // the default UTF8_BINARY collation
    case s: StringType => Left(s"string collation ${s.typeName} (only binary collation)")
    case other => Left(s"type ${other.simpleString}")
  }

  /** A Weld constant of the type (the placeholder value of a null). */
  def zero(t: String): String = t match {
    case "bool" => "false"
    case "i8" => "i8(0)"
    case "i16" => "i16(0)"
    case "i32" => "0"
    case "i64" => "0L"
    case "i128" => "0i128"
    case "f32" => "0.0f"
    case "f64" => "0.0"
    case "vec[u8]" => "u8empty"
    case other => throw new IllegalArgumentException("no zero for " + other)
  }

  def isDecimal(dt: DataType): Boolean = dt.isInstanceOf[DecimalType]

  /** `10^n` as a Weld literal of an integer type. */
  def pow10(n: Int, t: String): String = {
    val v = BigInt(10).pow(n)
    t match {
      case "i64" => s"${v}L"
      case "i128" => s"${v}i128"
      case other => throw new IllegalArgumentException(other)
    }
  }
}

/** Spark's integral types (its own `IntegralType` is not public). */
object Integral {
  def unapply(dt: DataType): Boolean = dt match {
    case ByteType | ShortType | IntegerType | LongType => true
    case _ => false
  }
}

object Fractional {
  def unapply(dt: DataType): Boolean = dt == FloatType || dt == DoubleType
}
