package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.sql.catalyst.expressions.UnsafeRow
import org.apache.spark.unsafe.Platform

/**
 * Gathers the rows of one partition until [[build]]: per column, a null byte and a value slot per row in growing
 * arrays, string bytes apart. Reused for the partition's next block. Values are written row by row (every column
 * once, then [[endRow]]) or column by column (the same number of values into every column, then [[endRows]]).
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
  private val filled = new Array[Int](n) // values written per column; `rows` once the rows are ended
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

  // The next slot of column `c`.
  private def slot(c: Int, isNull: Boolean): Long = {
    val at = filled(c)
    if (at == capacity) grow()
    nulls(c)(at) = if (isNull) 1.toByte else 0.toByte
    filled(c) = at + 1
    Platform.BYTE_ARRAY_OFFSET + at.toLong * widths(c)
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

  /** `k` rows were written column by column. */
  def endRows(k: Int): Unit = rows += k

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
      filled(c) = 0
      c += 1
    }
    rows = 0
    new ColumnBlock(out)
  }

  private def align(x: Int): Int = (x + 7) & ~7
}
