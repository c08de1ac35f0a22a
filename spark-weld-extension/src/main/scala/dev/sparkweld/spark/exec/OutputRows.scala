package dev.sparkweld.spark.exec

import java.math.{BigDecimal => JBigDecimal, BigInteger}

import dev.sparkweld.spark.translate._
import dev.sparkweld.weld.value.{StructValue, VecValue}

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{GenericInternalRow, UnsafeProjection, UnsafeRow}
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

/** Decoded kernel results to Spark values and rows (global aggregates; bulk results go through NativeRows). */
object OutputRows {
  def sparkValue(v: Any, col: OutCol): Any = (v, col.dataType) match {
    case (b: java.lang.Byte, ByteType) => b
    case (s: java.lang.Short, ShortType) => s
    case (i: java.lang.Integer, IntegerType | DateType) => i
    case (l: java.lang.Long, LongType | TimestampType | TimestampNTZType) => l
    case (f: java.lang.Float, FloatType) => f
    case (d: java.lang.Double, DoubleType) => d
    case (b: java.lang.Boolean, BooleanType) => b
    case (b: java.lang.Byte, BooleanType) => b != 0 // min/max of booleans accumulate as i8 (AggregateTranslator)
    case (l: java.lang.Long, d: DecimalType) => Decimal(l.longValue(), d.precision, d.scale)
    case (b: BigInteger, d: DecimalType) => Decimal(new JBigDecimal(b, d.scale), d.precision, d.scale)
    case (vec: VecValue, _: StringType) =>
      val bytes = new Array[Byte](vec.size())
      var i = 0
      while (i < bytes.length) { bytes(i) = vec.get(i).asInstanceOf[java.lang.Byte]; i += 1 }
      UTF8String.fromBytes(bytes)
    case (other, dt) => throw new IllegalStateException(s"cannot convert $other to ${dt.simpleString}")
  }

  /** The one partial row of a global aggregate: the result struct holds the accumulators, by operator. */
  def globalAggregate(result: StructValue, out: AggOutput, schema: StructType): UnsafeRow = {
    require(out.keys.isEmpty, "grouped results are read by NativeAggRows")
    val groups = Seq("+" -> out.plusTypes, "min" -> out.minTypes, "max" -> out.maxTypes).filter(_._2.nonEmpty)
    var k = 0
    val accs = groups.map { case (op, types) =>
      val vs = types.indices.map(i => result.get(k + i))
      k += types.size
      op -> vs
    }.toMap
    UnsafeProjection.create(schema)(row(Nil, accs, out)).copy()
  }

  private def row(keys: Seq[Any], accs: Map[String, Seq[Any]], out: AggOutput): InternalRow = {
    def count(i: Int): Long = accs("+")(i).asInstanceOf[java.lang.Long]
    val buffers = out.buffers.map {
      case s @ SumValue(i, nonNull, col, precision, nullIfAny, _, _) =>
        if (s.failWhenTooWide && nullIfAny.exists(c => count(c) != 0)) throw tooWide(col.dataType)
        if (nonNull.exists(c => count(c) == 0) || nullIfAny.exists(c => count(c) != 0)) null
        else {
          val v = accs("+")(i)
          precision match {
            case Some(p) if !fits(v, p) && s.failWhenTooWide => throw tooWide(col.dataType)
            case Some(p) if !fits(v, p) => null // Spark's partial sum overflows its buffer type to null
            case Some(p) if s.prefixBounds.exists { case (pos, neg) => !fits(accs("+")(pos), p) ||
                !fits(accs("+")(neg), p) } => throw overflowMidway(col.dataType)
            case _ => sparkValue(v, col)
          }
        }
      case IsEmptyValue(c) => count(c) == 0
      case ExtremeValue(op, i, c, col, numbers) =>
        if (count(c) == 0) null
        else if (numbers.exists(count(_) == 0)) (if (col.dataType == FloatType) Float.NaN else Double.NaN)
        else sparkValue(accs(op)(i), col)
    }
    new GenericInternalRow((keys ++ buffers).toArray)
  }

  /** A merged sum beyond its buffer type where Spark raises an ANSI error: the partition goes to Spark's plan. */
  def tooWide(t: DataType): RuntimeException =
    new dev.sparkweld.runtime.WeldRuntimeException(dev.sparkweld.runtime.ErrorKind.INTEGER_OVERFLOW,
      s"merged sum exceeds ${t.simpleString}")

  /**
   * A decimal sum whose total fits but whose running sum may have overflowed on the way (SumValue.prefixBounds):
   * Spark's result then depends on its row order, so the partition goes to Spark's plan.
   */
  def overflowMidway(t: DataType): RuntimeException =
    new dev.sparkweld.runtime.WeldRuntimeException(dev.sparkweld.runtime.ErrorKind.INTEGER_OVERFLOW,
      s"a running ${t.simpleString} sum may exceed its precision before the total")

  private def fits(v: Any, precision: Int): Boolean = {
    val b = v match {
      case b: BigInteger => b
      case l: java.lang.Long => BigInteger.valueOf(l)
      case _ => return true
    }
    b.abs().compareTo(BigInteger.TEN.pow(precision)) < 0
  }
}
