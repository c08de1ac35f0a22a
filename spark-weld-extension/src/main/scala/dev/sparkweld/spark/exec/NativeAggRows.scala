package dev.sparkweld.spark.exec

import java.math.{BigDecimal => JBigDecimal}

import scala.collection.mutable.ArrayBuffer
import scala.jdk.CollectionConverters._

import dev.sparkweld.spark.translate._
import dev.sparkweld.weld.abi.{AbiLayout, Memory}
import dev.sparkweld.weld.ir.{StructType => WStruct, VecType}

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter
import org.apache.spark.sql.types._

/**
 * Partial aggregate rows of a grouped stage written straight from the kernel's result into `UnsafeRow`s (the decoded
 * Java form cost about 1 us a group): the result is `{vec[{key, plus}], vec[{key, min}], ...}` whose entries line
 * up, every dictionary having seen the same keys in the same order.
 */
object NativeAggRows {
  def read(address: Long, resultType: WStruct, out: AggOutput): ArrayBuffer[InternalRow] = {
    val ops = Seq("+" -> out.plusTypes, "min" -> out.minTypes, "max" -> out.maxTypes).filter(_._2.nonEmpty).map(_._1)
    val resultLayout = AbiLayout.of(resultType)
    val entries = ops.indices.map(g => Memory.getLong(address + resultLayout.offset(g)))
    val n = Memory.getLong(address + resultLayout.offset(0) + 8).toInt
    val entryTypes = ops.indices.map(g => resultType.fields().get(g).asInstanceOf[VecType].elem().asInstanceOf[WStruct])
    val entrySize = entryTypes.map(t => AbiLayout.of(t).size())
    // Where each operator's accumulators start in an entry, and each component's offset there.
    val valueBase = entryTypes.map(t => AbiLayout.of(t).offset(1))
    val componentOffsets = entryTypes.map { t =>
      val v = t.fields().get(1).asInstanceOf[WStruct]
      val l = AbiLayout.of(v)
      v.fields().asScala.indices.map(l.offset).toArray
    }
    val keyType = entryTypes.head.fields().get(0).asInstanceOf[WStruct]
    val keyLayout = AbiLayout.of(keyType)
    val keyFields = keyType.fields().asScala.indices.map { i =>
      val kt = keyType.fields().get(i).asInstanceOf[WStruct]
      (keyLayout.offset(i), AbiLayout.of(kt).offset(1))
    }
    val opIndex = ops.zipWithIndex.toMap
    val nKeys = out.keys.size
    val writer = new UnsafeRowWriter(nKeys + out.buffers.size)
    val rows = new ArrayBuffer[InternalRow](n)
    var r = 0
    while (r < n) {
      def component(op: String, i: Int): Long = {
        val g = opIndex(op)
        entries(g) + r.toLong * entrySize(g) + valueBase(g) + componentOffsets(g)(i)
      }
      def count(i: Int): Long = Memory.getLong(component("+", i))
      writer.reset()
      writer.zeroOutNullBytes()
      val key = entries(0) + r.toLong * entrySize(0)
      var k = 0
      while (k < nKeys) {
        val (fieldOffset, valueOffset) = keyFields(k)
        if (Memory.getByte(key + fieldOffset) != 0) writer.setNullAt(k)
        else NativeRows.write(writer, k, out.keys(k).dataType, key + fieldOffset + valueOffset)
        k += 1
      }
      var b = 0
      for (buffer <- out.buffers) {
        val ordinal = nKeys + b
        buffer match {
          case s @ SumValue(i, nonNull, col, precision, nullIfAny, _, _) =>
            if (s.failWhenTooWide && nullIfAny.exists(c => count(c) != 0)) throw OutputRows.tooWide(col.dataType)
            if (nonNull.exists(c => count(c) == 0) || nullIfAny.exists(c => count(c) != 0)) writer.setNullAt(ordinal)
            else {
              for ((pos, neg) <- s.prefixBounds; p <- precision) {
                if (NativeRows.fitsDigits(component("+", i), p) &&
                    (!NativeRows.fitsDigits(component("+", pos), p) || !NativeRows.fitsDigits(component("+", neg), p))) {
                  throw OutputRows.overflowMidway(col.dataType)
                }
              }
              writeSum(writer, ordinal, col, precision, s.failWhenTooWide, component("+", i))
            }
          case IsEmptyValue(c) => writer.write(ordinal, count(c) == 0)
          case ExtremeValue(op, i, c, col) =>
            if (count(c) == 0) writer.setNullAt(ordinal) else NativeRows.write(writer, ordinal, col.dataType, component(op, i))
        }
        b += 1
      }
      rows += writer.getRow.copy()
      r += 1
    }
    rows
  }

  /** A sum accumulator; decimals are i128 and become null beyond the buffer's precision, as in Spark. */
  private def writeSum(w: UnsafeRowWriter, ordinal: Int, col: OutCol, precision: Option[Int], fail: Boolean,
      a: Long): Unit =
    (col.dataType, col.weldType) match {
      case (d: DecimalType, "i128") =>
        if (precision.exists(p => !NativeRows.fitsDigits(a, p))) {
          if (fail) throw OutputRows.tooWide(d)
          w.write(ordinal, null.asInstanceOf[Decimal], d.precision, d.scale)
        } else {
          val lo = Memory.getLong(a)
          if (d.precision > Decimal.MAX_LONG_DIGITS) NativeRows.writeWideDecimal(w, ordinal, a, d)
          else if (Memory.getLong(a + 8) == (lo >> 63)) w.write(ordinal, Decimal(lo, d.precision, d.scale), d.precision, d.scale)
          else w.write(ordinal, Decimal(new JBigDecimal(Memory.getI128(a), d.scale), d.precision, d.scale), d.precision,
            d.scale)
        }
      case (dt, _) => NativeRows.write(w, ordinal, dt, a)
    }
}
