package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.sql.catalyst.expressions.UnsafeRow
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.Platform

/**
 * A block's rows as UnsafeRows, for Spark's operators reading a columnar exchange: one reused row, as Spark's row
 * deserializer hands rows on, laid out as Spark's UnsafeProjection lays them out (a null decimal of more than 18
 * digits keeps its 16 reserved bytes).
 */
final class ColumnBlockRows(types: Array[DataType]) {
  private val n = types.length
  private val kinds = types.map(ColumnBlock.kind)
  private val widths = kinds.map(ColumnBlock.width)
  private val writer = new UnsafeRowWriter(n)

  def rows(block: ColumnBlock): Iterator[UnsafeRow] = new Iterator[UnsafeRow] {
    private var r = 0
    override def hasNext: Boolean = r < block.rows
    override def next(): UnsafeRow = {
      if (r >= block.rows) throw new NoSuchElementException
      val row = write(block, r)
      r += 1
      row
    }
  }

  private def write(b: ColumnBlock, r: Int): UnsafeRow = {
    writer.reset()
    writer.zeroOutNullBytes()
    val bytes = b.bytes
    var c = 0
    while (c < n) {
      val at = Platform.BYTE_ARRAY_OFFSET + b.valuesAt(c) + r.toLong * widths(c)
      if (b.isNull(c, r)) {
        types(c) match {
          case d: DecimalType if kinds(c) == ColumnBlock.WIDE_DECIMAL =>
            writer.write(c, null.asInstanceOf[Decimal], d.precision, d.scale)
          case _ => writer.setNullAt(c)
        }
      } else (kinds(c): @scala.annotation.switch) match {
        case ColumnBlock.BOOL => writer.write(c, Platform.getByte(bytes, at) != 0)
        case ColumnBlock.BYTE => writer.write(c, Platform.getByte(bytes, at))
        case ColumnBlock.SHORT => writer.write(c, Platform.getShort(bytes, at))
        case ColumnBlock.INT => writer.write(c, Platform.getInt(bytes, at))
        case ColumnBlock.LONG => writer.write(c, Platform.getLong(bytes, at))
        case ColumnBlock.FLOAT => writer.write(c, Platform.getFloat(bytes, at))
        case ColumnBlock.DOUBLE => writer.write(c, Platform.getDouble(bytes, at))
        case ColumnBlock.WIDE_DECIMAL =>
          val d = types(c).asInstanceOf[DecimalType]
          dev.sparkweld.spark.exec.NativeRows.writeWideDecimal(writer, c, Platform.getLong(bytes, at),
            Platform.getLong(bytes, at + 8), d)
        case ColumnBlock.STRING =>
          val start = b.stringStart(c, r)
          writer.write(c, bytes, b.bytesAt(c) + start, b.stringStart(c, r + 1) - start)
      }
      c += 1
    }
    writer.getRow
  }
}
