package org.apache.spark.sql.execution.sparkweld

import dev.sparkweld.spark.exec.NativeColumns

import org.apache.spark.sql.catalyst.expressions.BaseGenericInternalRow
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.Platform

/**
 * Rows of one shuffle partition laid out by column, as one shuffle record ([[ColumnBlockSerializer]]): Weld stages
 * reading the exchange copy each column in bulk into their native columns, where a row record costs an iterator step
 * and a per-field append. Values have the widths of the Weld ABI (docs/abi.md: booleans one byte, dates i32,
 * timestamps i64, decimals their unscaled i64 or little-endian i128), null slots hold zero, strings are start offsets
 * into the column's bytes (rows + 1 of them). The bytes are in the machine's order: a block never outlives the
 * cluster's executors, which share one architecture.
 *
 * Layout: `rows: i32, columns: i32`, then per column `nullsAt, valuesAt, bytesAt` (i32 each; -1: no null in the
 * block, or not a string), then the regions. An InternalRow only so that Spark's shuffle reader, which types its
 * records as rows, hands it through; it has no fields of its own.
 */
final class ColumnBlock(val bytes: Array[Byte]) extends BaseGenericInternalRow {
  val rows: Int = Platform.getInt(bytes, Platform.BYTE_ARRAY_OFFSET)

  private def dir(c: Int, k: Int): Int = Platform.getInt(bytes, Platform.BYTE_ARRAY_OFFSET + 8 + (c * 3 + k) * 4)

  /** Array offsets (relative to `Platform.BYTE_ARRAY_OFFSET`) of column `c`'s regions; -1 where it has none. */
  def nullsAt(c: Int): Int = dir(c, 0)
  def valuesAt(c: Int): Int = dir(c, 1)
  def bytesAt(c: Int): Int = dir(c, 2)

  def isNull(c: Int, r: Int): Boolean = {
    val n = nullsAt(c)
    n >= 0 && bytes(n + r) != 0
  }

  /** Start of string `r` of column `c` in its bytes (`r == rows`: the end of the last). */
  def stringStart(c: Int, r: Int): Int = Platform.getInt(bytes, Platform.BYTE_ARRAY_OFFSET + valuesAt(c) + r * 4L)

  override def numFields: Int = 0
  override protected def genericGet(ordinal: Int): Any =
    throw new UnsupportedOperationException("a column block is read by column, not as a row")
  override def setNullAt(i: Int): Unit = throw new UnsupportedOperationException
  override def update(i: Int, value: Any): Unit = throw new UnsupportedOperationException
  override def copy(): org.apache.spark.sql.catalyst.expressions.GenericInternalRow =
    throw new UnsupportedOperationException("a column block is not copied as a row")
}

object ColumnBlock {
  // Value kinds of a block column: those of an UnsafeRow slot (NativeColumns), and booleans.
  final val BOOL = 9
  final val BYTE = NativeColumns.K_BYTE
  final val SHORT = NativeColumns.K_SHORT
  final val INT = NativeColumns.K_INT
  final val LONG = NativeColumns.K_LONG
  final val FLOAT = NativeColumns.K_FLOAT
  final val DOUBLE = NativeColumns.K_DOUBLE
  final val WIDE_DECIMAL = NativeColumns.K_WIDE_DECIMAL
  final val STRING = NativeColumns.K_STRING

  /** The kind of a column of type `dt`, or -1 when blocks cannot hold it (the exchange then moves rows). */
  def kind(dt: DataType): Int = dt match {
    case BooleanType => BOOL
    case _ => NativeColumns.unsafeKind(dt) match {
      case NativeColumns.K_OTHER => -1
      case k => k
    }
  }

  /** Bytes per value (a string's slot is its start offset). */
  def width(kind: Int): Int = kind match {
    case BOOL | BYTE => 1
    case SHORT => 2
    case INT | FLOAT | STRING => 4
    case LONG | DOUBLE => 8
    case WIDE_DECIMAL => 16
  }

  def supports(types: Seq[DataType]): Boolean = types.nonEmpty && types.forall(kind(_) >= 0)

  /** A big-endian two's complement integer of at most 16 bytes (`BigInteger.toByteArray`) as (low, high) words. */
  def bigEndianWords(base: AnyRef, at: Long, size: Int, out: Array[Long]): Unit = {
    var hi = if (size > 0 && Platform.getByte(base, at) < 0) -1L else 0L
    var lo = hi
    var i = 0
    while (i < size) {
      hi = (hi << 8) | (lo >>> 56)
      lo = (lo << 8) | (Platform.getByte(base, at + i) & 0xffL)
      i += 1
    }
    out(0) = lo
    out(1) = hi
  }
}
