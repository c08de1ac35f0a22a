package dev.sparkweld.spark.exec

import java.math.{BigDecimal => JBigDecimal, BigInteger}

import scala.jdk.CollectionConverters._

import dev.sparkweld.spark.translate._
import dev.sparkweld.weld.value.{StructValue, VecValue}

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{GenericInternalRow, UnsafeProjection}
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

/** Kernel results (decoded Weld values) to Spark rows, following the stage's [[StageOutput]]. */
object OutputRows {
  def sparkValue(v: Any, col: OutCol): Any = (v, col.dataType) match {
    case (b: java.lang.Byte, ByteType) => b
    case (s: java.lang.Short, ShortType) => s
    case (i: java.lang.Integer, IntegerType | DateType) => i
    case (l: java.lang.Long, LongType | TimestampType | TimestampNTZType) => l
    case (f: java.lang.Float, FloatType) => f
    case (d: java.lang.Double, DoubleType) => d
    case (b: java.lang.Boolean, BooleanType) => b
    case (l: java.lang.Long, d: DecimalType) => Decimal(l.longValue(), d.precision, d.scale)
    case (b: BigInteger, d: DecimalType) => Decimal(new JBigDecimal(b, d.scale), d.precision, d.scale)
    case (vec: VecValue, _: StringType) =>
      val bytes = new Array[Byte](vec.size())
      var i = 0
      while (i < bytes.length) { bytes(i) = vec.get(i).asInstanceOf[java.lang.Byte]; i += 1 }
      UTF8String.fromBytes(bytes)
    case (other, dt) => throw new IllegalStateException(s"cannot convert $other to ${dt.simpleString}")
  }

  /** Rows of a filter/project stage: `{values0, nulls0, values1, nulls1, ...}`. */
  def rows(result: StructValue, out: RowOutput, schema: StructType): Iterator[InternalRow] = {
    val cols = out.columns
    val values = cols.indices.map(i => result.get(2 * i).asInstanceOf[VecValue])
    val nulls = cols.indices.map(i => result.get(2 * i + 1).asInstanceOf[VecValue])
    val n = if (cols.isEmpty) 0 else values.head.size()
    val project = UnsafeProjection.create(schema)
    Iterator.range(0, n).map { r =>
      val row = new GenericInternalRow(cols.size)
      var c = 0
      while (c < cols.size) {
        if (nulls(c).get(r).asInstanceOf[java.lang.Boolean]) row.setNullAt(c)
        else row.update(c, sparkValue(values(c).get(r), cols(c)))
        c += 1
      }
      project(row).copy()
    }
  }

  /**
   * Partial aggregate rows. Grouped results are `{vec[{key, plus}], vec[{key, min}], ...}` whose entries line up
   * (every dictionary saw the same keys in the same order); global ones are the accumulators themselves.
   */
  def aggregates(result: StructValue, out: AggOutput, schema: StructType): Seq[InternalRow] = {
    val project = UnsafeProjection.create(schema)
    val groups = Seq("+" -> out.plusTypes, "min" -> out.minTypes, "max" -> out.maxTypes).filter(_._2.nonEmpty)
    if (out.keys.isEmpty) {
      var k = 0
      val accs = groups.map { case (op, types) =>
        val vs = types.indices.map(i => result.get(k + i))
        k += types.size
        op -> vs
      }.toMap
      Seq(project(row(Nil, accs, out)).copy())
    } else {
      val vecs = groups.indices.map(i => result.get(i).asInstanceOf[VecValue])
      val n = vecs.head.size()
      (0 until n).map { r =>
        val entries = vecs.map(_.get(r).asInstanceOf[StructValue])
        val keyStruct = entries.head.get(0).asInstanceOf[StructValue]
        val keys = out.keys.indices.map { i =>
          val kv = keyStruct.get(i).asInstanceOf[StructValue]
          if (kv.get(0).asInstanceOf[java.lang.Boolean]) null else sparkValue(kv.get(1), out.keys(i))
        }
        val accs = groups.zip(entries).map { case ((op, _), e) =>
          val s = e.get(1).asInstanceOf[StructValue]
          op -> (0 until s.size()).map(s.get)
        }.toMap
        project(row(keys, accs, out)).copy()
      }
    }
  }

  private def row(keys: Seq[Any], accs: Map[String, Seq[Any]], out: AggOutput): InternalRow = {
    def count(i: Int): Long = accs("+")(i).asInstanceOf[java.lang.Long]
    val buffers = out.buffers.map {
      case SumValue(i, nonNull, col, precision) =>
        if (nonNull.exists(c => count(c) == 0)) null
        else {
          val v = accs("+")(i)
          precision match {
            case Some(p) if !fits(v, p) => null // Spark's partial sum overflows its buffer type to null
            case _ => sparkValue(v, col)
          }
        }
      case IsEmptyValue(c) => count(c) == 0
      case ExtremeValue(op, i, c, col) => if (count(c) == 0) null else sparkValue(accs(op)(i), col)
    }
    new GenericInternalRow((keys ++ buffers).toArray)
  }

  private def fits(v: Any, precision: Int): Boolean = {
    val b = v match {
      case b: BigInteger => b
      case l: java.lang.Long => BigInteger.valueOf(l)
      case _ => return true
    }
    b.abs().compareTo(BigInteger.TEN.pow(precision)) < 0
  }
}
