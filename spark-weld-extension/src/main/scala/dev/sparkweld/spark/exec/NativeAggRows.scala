package dev.sparkweld.spark.exec

import java.math.{BigDecimal => JBigDecimal}

import scala.jdk.CollectionConverters._

import dev.sparkweld.spark.translate._
import dev.sparkweld.weld.abi.{AbiLayout, Memory}
import dev.sparkweld.weld.ir.{StructType => WStruct, VecType}

import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter
import org.apache.spark.sql.types._

/**
 * Partial aggregate rows of a grouped stage written straight from the kernel's result into `UnsafeRow`s (the decoded
 * Java form cost about 1 us a group): the result is `{vec[{key, plus}], vec[{key, min}], ...}` whose entries line
 * up, every dictionary having seen the same keys in the same order.
 */
object NativeAggRows {
  /** Appends the groups of one kernel result to `rows`. */
  def read(address: Long, resultType: WStruct, out: AggOutput, rows: PackedRows): Unit = {
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
    val plus = opIndex("+")
    // Per buffer value, resolved once: the offsets of its components in a group's entry (-1: none; sums and counts
    // are in the + group, a min/max in its operator's `group`), so that a row costs loads and stores only.
    def at(op: String, i: Int): Long = valueBase(opIndex(op)) + componentOffsets(opIndex(op))(i)
    val nb = out.buffers.size
    val group = new Array[Int](nb)
    val value = new Array[Long](nb)
    val count = Array.fill(nb)(-1L)
    val nullIf = Array.fill(nb)(-1L)
    val numbers = Array.fill(nb)(-1L)
    val posBound = Array.fill(nb)(-1L)
    val negBound = Array.fill(nb)(-1L)
    for ((buffer, b) <- out.buffers.zipWithIndex) buffer match {
      case s: SumValue =>
        value(b) = at("+", s.index)
        s.nonNullCount.foreach(c => count(b) = at("+", c))
        s.nullIfAny.foreach(c => nullIf(b) = at("+", c))
        for ((pos, neg) <- s.prefixBounds if s.decimalPrecision.isDefined) {
          posBound(b) = at("+", pos)
          negBound(b) = at("+", neg)
        }
      case IsEmptyValue(c) => count(b) = at("+", c)
      case ExtremeValue(op, i, c, _, nums) =>
        group(b) = opIndex(op); value(b) = at(op, i); count(b) = at("+", c)
        nums.foreach(n => numbers(b) = at("+", n))
    }
    val buffers = out.buffers.toArray
    val nKeys = out.keys.size
    val keyTypes = out.keys.map(_.dataType).toArray
    val keyOffsets = keyFields.map(_._1).toArray
    val keyValueOffsets = keyFields.map { case (f, v) => f + v }.toArray
    val writer = new UnsafeRowWriter(nKeys + nb)
    val rowBase = new Array[Long](ops.size)
    var r = 0
    while (r < n) {
      var g = 0
      while (g < rowBase.length) { rowBase(g) = entries(g) + r.toLong * entrySize(g); g += 1 }
      val plusBase = rowBase(plus)
      writer.reset()
      writer.zeroOutNullBytes()
      val key = rowBase(0)
      var k = 0
      while (k < nKeys) {
        if (Memory.getByte(key + keyOffsets(k)) != 0) writer.setNullAt(k)
        else NativeRows.write(writer, k, keyTypes(k), key + keyValueOffsets(k))
        k += 1
      }
      var b = 0
      while (b < nb) {
        val ordinal = nKeys + b
        val empty = count(b) >= 0 && Memory.getLong(plusBase + count(b)) == 0
        buffers(b) match {
          case s: SumValue =>
            val merged = nullIf(b) >= 0 && Memory.getLong(plusBase + nullIf(b)) != 0
            if (s.failWhenTooWide && merged) throw OutputRows.tooWide(s.col.dataType)
            if (empty || merged) writer.setNullAt(ordinal)
            else {
              val a = plusBase + value(b)
              if (posBound(b) >= 0) {
                val p = s.decimalPrecision.get
                if (NativeRows.fitsDigits(a, p) && (!NativeRows.fitsDigits(plusBase + posBound(b), p) ||
                    !NativeRows.fitsDigits(plusBase + negBound(b), p))) {
                  throw OutputRows.overflowMidway(s.col.dataType)
                }
              }
              writeSum(writer, ordinal, s.col, s.decimalPrecision, s.failWhenTooWide, a)
            }
          case _: IsEmptyValue => writer.write(ordinal, empty)
          case e: ExtremeValue =>
            if (empty) writer.setNullAt(ordinal)
            else if (numbers(b) >= 0 && Memory.getLong(plusBase + numbers(b)) == 0) {
              // A float min over NaNs only.
              if (e.col.dataType == FloatType) writer.write(ordinal, Float.NaN) else writer.write(ordinal, Double.NaN)
            } else NativeRows.write(writer, ordinal, e.col.dataType, rowBase(group(b)) + value(b))
        }
        b += 1
      }
      rows.add(writer.getRow)
      r += 1
    }
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
