package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.sql.catalyst.expressions.{BaseGenericInternalRow, UnsafeRow}
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter
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
  val columns: Int = Platform.getInt(bytes, Platform.BYTE_ARRAY_OFFSET + 4)

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
  // Value kinds of a block column.
  final val BOOL = 0
  final val BYTE = 1
  final val SHORT = 2
  final val INT = 3
  final val LONG = 4
  final val FLOAT = 5
  final val DOUBLE = 6
  final val WIDE_DECIMAL = 7
  final val STRING = 8

  /** The kind of a column of type `dt`, or -1 when blocks cannot hold it (the exchange then moves rows). */
  def kind(dt: DataType): Int = dt match {
    case BooleanType => BOOL
    case ByteType => BYTE
    case ShortType => SHORT
    case IntegerType | DateType => INT
    case LongType | TimestampType | TimestampNTZType => LONG
    case d: DecimalType if d.precision <= Decimal.MAX_LONG_DIGITS => LONG
    case _: DecimalType => WIDE_DECIMAL
    case FloatType => FLOAT
    case DoubleType => DOUBLE
    case _: StringType => STRING
    case _ => -1
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

/**
 * Gathers the rows of one partition until [[build]]: per column, a null byte and a value slot per row in growing
 * arrays, string bytes apart. Reused for the partition's next block.
 */
final class ColumnBlockBuilder(kinds: Array[Int]) {
  private val n = kinds.length
  private val widths = kinds.map(ColumnBlock.width)
  private var capacity = 64
  private val nulls = Array.fill(n)(new Array[Byte](capacity))
  private val hasNull = new Array[Boolean](n)
  private val values = Array.tabulate(n)(c => new Array[Byte](slotBytes(c, capacity)))
  private val strings = kinds.map(k => if (k == ColumnBlock.STRING) new Array[Byte](256) else null)
  private val stringBytes = new Array[Int](n)
  private val words = new Array[Long](2)
  var rows = 0

  private def slotBytes(c: Int, cap: Int): Int = widths(c) * (if (kinds(c) == ColumnBlock.STRING) cap + 1 else cap)

  /** Bytes the block would take now. */
  def size: Long = {
    var s = 8L + 12L * n
    var c = 0
    while (c < n) {
      s += rows.toLong * (1 + widths(c)) + stringBytes(c) + 24
      c += 1
    }
    s
  }

  private def grow(): Unit = {
    val fresh = capacity * 2
    var c = 0
    while (c < n) {
      nulls(c) = java.util.Arrays.copyOf(nulls(c), fresh)
      values(c) = java.util.Arrays.copyOf(values(c), slotBytes(c, fresh))
      c += 1
    }
    capacity = fresh
  }

  /** Appends an UnsafeRow (what every operator hands an exchange), read from its slots. */
  def add(row: UnsafeRow): Unit = {
    val base = row.getBaseObject
    val offset = row.getBaseOffset
    var c = 0
    while (c < n) {
      if (row.isNullAt(c)) putNull(c)
      else (kinds(c): @scala.annotation.switch) match {
        case ColumnBlock.BOOL => putByte(c, if (row.getBoolean(c)) 1.toByte else 0.toByte)
        case ColumnBlock.BYTE => putByte(c, row.getByte(c))
        case ColumnBlock.SHORT => putShort(c, row.getShort(c))
        case ColumnBlock.INT => putInt(c, row.getInt(c))
        case ColumnBlock.LONG => putLong(c, row.getLong(c))
        case ColumnBlock.FLOAT => putInt(c, java.lang.Float.floatToRawIntBits(row.getFloat(c)))
        case ColumnBlock.DOUBLE => putLong(c, java.lang.Double.doubleToRawLongBits(row.getDouble(c)))
        case ColumnBlock.WIDE_DECIMAL =>
          val offsetAndSize = row.getLong(c)
          ColumnBlock.bigEndianWords(base, offset + (offsetAndSize >>> 32), offsetAndSize.toInt, words)
          putWide(c, words(0), words(1))
        case ColumnBlock.STRING =>
          val offsetAndSize = row.getLong(c)
          putBytes(c, base, offset + (offsetAndSize >>> 32), offsetAndSize.toInt)
      }
      c += 1
    }
    endRow()
  }

  // A row is written value by value, every column once, then ended; the slots are those of row `rows`.
  private def slot(c: Int, isNull: Boolean): Long = {
    if (rows == capacity) grow()
    nulls(c)(rows) = if (isNull) 1.toByte else 0.toByte
    Platform.BYTE_ARRAY_OFFSET + rows.toLong * widths(c)
  }

  /** Column `c` of the current row is null: a zero value (a string of no bytes). */
  def putNull(c: Int): Unit = {
    val at = slot(c, isNull = true)
    hasNull(c) = true
    (widths(c): @scala.annotation.switch) match {
      case 1 => Platform.putByte(values(c), at, 0.toByte)
      case 2 => Platform.putShort(values(c), at, 0.toShort)
      case 4 => Platform.putInt(values(c), at, if (kinds(c) == ColumnBlock.STRING) stringBytes(c) else 0)
      case 8 => Platform.putLong(values(c), at, 0L)
      case _ => Platform.putLong(values(c), at, 0L); Platform.putLong(values(c), at + 8, 0L)
    }
  }

  // The slot first: it may grow the arrays.
  def putByte(c: Int, v: Byte): Unit = { val at = slot(c, isNull = false); Platform.putByte(values(c), at, v) }
  def putShort(c: Int, v: Short): Unit = { val at = slot(c, isNull = false); Platform.putShort(values(c), at, v) }
  def putInt(c: Int, v: Int): Unit = { val at = slot(c, isNull = false); Platform.putInt(values(c), at, v) }
  def putLong(c: Int, v: Long): Unit = { val at = slot(c, isNull = false); Platform.putLong(values(c), at, v) }

  def putWide(c: Int, lo: Long, hi: Long): Unit = {
    val at = slot(c, isNull = false)
    Platform.putLong(values(c), at, lo)
    Platform.putLong(values(c), at + 8, hi)
  }

  def putBytes(c: Int, base: AnyRef, offset: Long, len: Int): Unit = {
    val start = stringBytes(c)
    val at = slot(c, isNull = false)
    Platform.putInt(values(c), at, start)
    if (start + len > strings(c).length) {
      strings(c) = java.util.Arrays.copyOf(strings(c), math.max(strings(c).length * 2, start + len))
    }
    Platform.copyMemory(base, offset, strings(c), Platform.BYTE_ARRAY_OFFSET + start, len)
    stringBytes(c) = start + len
  }

  def endRow(): Unit = rows += 1

  /** The gathered rows as one block; the builder starts over. */
  def build(): ColumnBlock = {
    val dirBytes = 8 + 12 * n
    var total = align(dirBytes)
    val at = Array.ofDim[Int](n, 3)
    var c = 0
    while (c < n) {
      if (hasNull(c)) { at(c)(0) = total; total = align(total + rows) } else at(c)(0) = -1
      if (kinds(c) == ColumnBlock.STRING) Platform.putInt(values(c), Platform.BYTE_ARRAY_OFFSET + rows * 4L,
        stringBytes(c))
      at(c)(1) = total
      total = align(total + slotBytes(c, rows))
      if (kinds(c) == ColumnBlock.STRING) { at(c)(2) = total; total = align(total + stringBytes(c)) }
      else at(c)(2) = -1
      c += 1
    }
    val out = new Array[Byte](total)
    Platform.putInt(out, Platform.BYTE_ARRAY_OFFSET, rows)
    Platform.putInt(out, Platform.BYTE_ARRAY_OFFSET + 4, n)
    c = 0
    while (c < n) {
      var k = 0
      while (k < 3) { Platform.putInt(out, Platform.BYTE_ARRAY_OFFSET + 8 + (c * 3 + k) * 4L, at(c)(k)); k += 1 }
      if (at(c)(0) >= 0) System.arraycopy(nulls(c), 0, out, at(c)(0), rows)
      System.arraycopy(values(c), 0, out, at(c)(1), slotBytes(c, rows))
      if (at(c)(2) >= 0) System.arraycopy(strings(c), 0, out, at(c)(2), stringBytes(c))
      hasNull(c) = false
      stringBytes(c) = 0
      c += 1
    }
    rows = 0
    new ColumnBlock(out)
  }

  private def align(x: Int): Int = (x + 7) & ~7
}

/**
 * A block's rows as UnsafeRows, for Spark's operators reading a columnar exchange: one reused row, as Spark's row
 * deserializer hands rows on, laid out as Spark's UnsafeProjection lays them out (a null decimal of more than 18
 * digits keeps its 16 reserved bytes).
 */
final class ColumnBlockRows(types: Array[DataType]) {
  private val n = types.length
  private val kinds = types.map(ColumnBlock.kind)
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
      val at = Platform.BYTE_ARRAY_OFFSET + b.valuesAt(c) + r.toLong * ColumnBlock.width(kinds(c))
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
