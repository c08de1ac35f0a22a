package dev.sparkweld.spark.exec

import java.math.BigInteger

import dev.sparkweld.spark.translate.RowOutput
import dev.sparkweld.weld.abi.{AbiLayout, Memory}
import dev.sparkweld.weld.ir.StructType

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{BaseGenericInternalRow, UnsafeRow}
import org.apache.spark.sql.execution.sparkweld.{ColumnBlock, ColumnBlockBuilder, PartitionIds}
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.Platform
import org.apache.spark.unsafe.types.UTF8String

/**
 * Rows of a filter/project stage written straight from the kernel's result vectors (docs/abi.md layouts) into one
 * reused `UnsafeRow`, as Spark's generated code hands its rows on (a consumer that keeps a row copies it): the
 * result is `{vec[T0], vec[bool], vec[T1], ...}`, read while the run's memory is alive.
 */
final class NativeRows(address: Long, resultType: StructType, out: RowOutput) {
  private val layout = AbiLayout.of(resultType)
  private val n = out.columns.size
  private val data = Array.tabulate(n)(i => Memory.getLong(address + layout.offset(2 * i)))
  private val nulls = Array.tabulate(n)(i => Memory.getLong(address + layout.offset(2 * i + 1)))
  private val widths = out.columns.map(c => NativeColumns.width(c.weldType)).toArray
  private val types = out.columns.map(_.dataType).toArray
  private val kinds = types.map(NativeColumns.unsafeKind)
  // Spark's writer nulls a decimal that does not fit its precision; the same test on the unscaled long.
  private val longDecimalBound = types.map {
    case d: DecimalType if d.precision <= Decimal.MAX_LONG_DIGITS => math.pow(10, d.precision).toLong
    case _ => Long.MaxValue
  }
  private val writer = new UnsafeRowWriter(n)

  /** Whether `v`, column `c`'s unscaled long, has more digits than its decimal type (never for other types). */
  private def beyondPrecision(c: Int, v: Long): Boolean =
    longDecimalBound(c) != Long.MaxValue && (v >= longDecimalBound(c) || v <= -longDecimalBound(c))

  val rows: Int = if (n == 0) 0 else Memory.getLong(address + layout.offset(0) + 8).toInt

  /**
   * Whether column `c` of row `r` is null as [[row]] writes it: its null byte, or a decimal beyond its precision (a
   * kernel's result Spark's writer would null).
   */
  def isNull(c: Int, r: Int): Boolean = {
    if (Memory.getByte(nulls(c) + r) != 0) return true
    val a = data(c) + r.toLong * widths(c)
    (kinds(c): @scala.annotation.switch) match {
      case NativeColumns.K_LONG => beyondPrecision(c, Memory.getLong(a))
      case NativeColumns.K_WIDE_DECIMAL => !NativeRows.fitsDigits(a, types(c).asInstanceOf[DecimalType].precision)
      case _ => false
    }
  }

  private val unsafeFixedBytes = UnsafeRow.calculateBitSetWidthInBytes(n) + 8 * n

  /**
   * Rows [from, until) into the builders of their partitions (`builders(pids(r - from))`), column by column: one
   * loop per column, its type resolved once, instead of a dispatch per value; no UnsafeRow in between. Returns the
   * bytes the rows would take as UnsafeRows, which AQE's statistics count (a null wide decimal keeps its 16).
   */
  def scatter(from: Int, until: Int, pids: Array[Int], builders: Array[ColumnBlockBuilder]): Long = {
    var size = unsafeFixedBytes.toLong * (until - from)
    var c = 0
    while (c < n) {
      val base = data(c)
      val w = widths(c)
      // Decimals may be null beyond their precision: those ask isNull; other columns only their null byte.
      val plain = kinds(c) != NativeColumns.K_WIDE_DECIMAL && longDecimalBound(c) == Long.MaxValue
      val nb = nulls(c)
      var r = from
      if (kinds(c) == NativeColumns.K_STRING) {
        while (r < until) {
          val b = builders(pids(r - from))
          if (Memory.getByte(nb + r) != 0) b.putNull(c)
          else {
            val a = base + r.toLong * 16
            val len = Memory.getLong(a + 8).toInt
            b.putBytes(c, null, Memory.getLong(a), len)
            size += (len + 7) & ~7
          }
          r += 1
        }
      } else if (kinds(c) == NativeColumns.K_WIDE_DECIMAL) {
        size += 16L * (until - from) // Spark's writer reserves them for a null too
        while (r < until) {
          val b = builders(pids(r - from))
          if (isNull(c, r)) b.putNull(c)
          else { val a = base + r.toLong * 16; b.putWide(c, Memory.getLong(a), Memory.getLong(a + 8)) }
          r += 1
        }
      } else (w: @scala.annotation.switch) match {
        case 1 => while (r < until) {
            val b = builders(pids(r - from))
            if (Memory.getByte(nb + r) != 0) b.putNull(c) else b.putByte(c, Memory.getByte(base + r))
            r += 1
          }
        case 2 => while (r < until) {
            val b = builders(pids(r - from))
            if (Memory.getByte(nb + r) != 0) b.putNull(c) else b.putShort(c, Memory.getShort(base + 2L * r))
            r += 1
          }
        case 4 => while (r < until) {
            val b = builders(pids(r - from))
            if (Memory.getByte(nb + r) != 0) b.putNull(c) else b.putInt(c, Memory.getInt(base + 4L * r))
            r += 1
          }
        case _ => while (r < until) {
            val b = builders(pids(r - from))
            if (if (plain) Memory.getByte(nb + r) != 0 else isNull(c, r)) b.putNull(c)
            else b.putLong(c, Memory.getLong(base + 8L * r))
            r += 1
          }
      }
      c += 1
    }
    size
  }

  /**
   * Folds column `c` of rows [from, until) into `hashes` as Spark's Murmur3Hash folds a key (a null leaves the hash
   * as it is); false, with `hashes` untouched, for a type it hashes otherwise (wide decimals, collated strings).
   */
  def murmur3(c: Int, from: Int, until: Int, hashes: Array[Int]): Boolean = {
    import org.apache.spark.unsafe.hash.Murmur3_x86_32.{hashInt, hashLong, hashUnsafeBytes}
    val base = data(c)
    val nb = nulls(c)
    def valueAt(r: Int): Boolean = Memory.getByte(nb + r) == 0
    var r = from
    types(c) match {
      case BooleanType => while (r < until) {
          if (valueAt(r)) hashes(r - from) = hashInt(if (Memory.getByte(base + r) != 0) 1 else 0, hashes(r - from))
          r += 1
        }
      case ByteType => while (r < until) {
          if (valueAt(r)) hashes(r - from) = hashInt(Memory.getByte(base + r), hashes(r - from))
          r += 1
        }
      case ShortType => while (r < until) {
          if (valueAt(r)) hashes(r - from) = hashInt(Memory.getShort(base + 2L * r), hashes(r - from))
          r += 1
        }
      case IntegerType | DateType => while (r < until) {
          if (valueAt(r)) hashes(r - from) = hashInt(Memory.getInt(base + 4L * r), hashes(r - from))
          r += 1
        }
      case LongType | TimestampType | TimestampNTZType => while (r < until) {
          if (valueAt(r)) hashes(r - from) = hashLong(Memory.getLong(base + 8L * r), hashes(r - from))
          r += 1
        }
      case d: DecimalType if d.precision <= Decimal.MAX_LONG_DIGITS => while (r < until) {
          if (!isNull(c, r)) hashes(r - from) = hashLong(Memory.getLong(base + 8L * r), hashes(r - from))
          r += 1
        }
      case FloatType => while (r < until) {
          if (valueAt(r)) {
            val f = Memory.getFloat(base + 4L * r)
            hashes(r - from) = hashInt(if (f == -0.0f) 0 else java.lang.Float.floatToIntBits(f), hashes(r - from))
          }
          r += 1
        }
      case DoubleType => while (r < until) {
          if (valueAt(r)) {
            val d = Memory.getDouble(base + 8L * r)
            hashes(r - from) = hashLong(if (d == -0.0d) 0L else java.lang.Double.doubleToLongBits(d), hashes(r - from))
          }
          r += 1
        }
      case s: StringType if PartitionIds.hashesBytes(s) => while (r < until) {
          if (valueAt(r)) {
            val a = base + 16L * r
            hashes(r - from) = hashUnsafeBytes(null, Memory.getLong(a), Memory.getLong(a + 8).toInt, hashes(r - from))
          }
          r += 1
        }
      case _ => return false
    }
    true
  }

  /** Whether [[scatter]] writes the values of blocks whose columns have `blockKinds`. */
  def writesBlocks(blockKinds: Array[Int]): Boolean = blockKinds.length == n && (0 until n).forall { c =>
    ColumnBlock.kind(types(c)) == blockKinds(c) &&
      (blockKinds(c) == ColumnBlock.STRING || ColumnBlock.width(blockKinds(c)) == widths(c))
  }

  /** Row `r` as Spark's getters read it, in place (what a partition-id projection reads); moved by [[View.at]]. */
  final class View extends BaseGenericInternalRow {
    private var r = 0
    def at(row: Int): View = { r = row; this }
    override def numFields: Int = n
    override def isNullAt(c: Int): Boolean = isNull(c, r)
    private def addr(c: Int): Long = data(c) + r.toLong * widths(c)
    override def getBoolean(c: Int): Boolean = Memory.getByte(addr(c)) != 0
    override def getByte(c: Int): Byte = Memory.getByte(addr(c))
    override def getShort(c: Int): Short = Memory.getShort(addr(c))
    override def getInt(c: Int): Int = Memory.getInt(addr(c))
    override def getLong(c: Int): Long = Memory.getLong(addr(c))
    override def getFloat(c: Int): Float = Memory.getFloat(addr(c))
    override def getDouble(c: Int): Double = Memory.getDouble(addr(c))
    override def getUTF8String(c: Int): UTF8String =
      UTF8String.fromAddress(null, Memory.getLong(addr(c)), Memory.getLong(addr(c) + 8).toInt)
    override def getDecimal(c: Int, precision: Int, scale: Int): Decimal =
      if (precision <= Decimal.MAX_LONG_DIGITS) Decimal.createUnsafe(Memory.getLong(addr(c)), precision, scale)
      else Decimal(new java.math.BigDecimal(Memory.getI128(addr(c)), scale), precision, scale)
    override protected def genericGet(c: Int): Any =
      if (isNullAt(c)) null else org.apache.spark.sql.catalyst.InternalRow.getAccessor(types(c))(this, c)
    override def setNullAt(i: Int): Unit = throw new UnsupportedOperationException
    override def update(i: Int, value: Any): Unit = throw new UnsupportedOperationException
  }

  /** Row `r`, in the one row object this reader reuses. */
  def row(r: Int): InternalRow = {
    writer.reset()
    writer.zeroOutNullBytes()
    var c = 0
    while (c < n) {
      if (Memory.getByte(nulls(c) + r) != 0) writer.setNullAt(c)
      else {
        val a = data(c) + r.toLong * widths(c)
        (kinds(c): @scala.annotation.switch) match {
          case NativeColumns.K_INT => writer.write(c, Memory.getInt(a))
          case NativeColumns.K_LONG =>
            val v = Memory.getLong(a)
            if (beyondPrecision(c, v)) {
              writer.setNullAt(c)
            } else writer.write(c, v)
          case NativeColumns.K_DOUBLE => writer.write(c, Memory.getDouble(a))
          case NativeColumns.K_STRING =>
            writer.write(c, UTF8String.fromAddress(null, Memory.getLong(a), Memory.getLong(a + 8).toInt))
          case _ => NativeRows.write(writer, c, types(c), a)
        }
      }
      c += 1
    }
    writer.getRow
  }
}

object NativeRows {
  /**
   * A decimal of more than 18 digits from the i128 at `a`, byte for byte as `UnsafeRowWriter.write(Decimal)` lays it
   * out (16 bytes reserved, the unscaled value's shortest big-endian two's complement bytes, as
   * `BigInteger.toByteArray`) without a Decimal, BigDecimal and BigInteger per value; null (in the writer's own
   * layout) when it has more digits than the type.
   */
  def writeWideDecimal(w: UnsafeRowWriter, c: Int, a: Long, d: DecimalType): Unit =
    writeWideDecimal(w, c, Memory.getLong(a), Memory.getLong(a + 8), d)

  /** The same from the i128's low and high words. */
  def writeWideDecimal(w: UnsafeRowWriter, c: Int, lo: Long, hi: Long, d: DecimalType): Unit = {
    if (!fitsDigits(lo, hi, d.precision)) {
      w.write(c, null.asInstanceOf[Decimal], d.precision, d.scale)
      return
    }
    val (h, l) = if (hi < 0) (~hi, ~lo) else (hi, lo)
    val bitLength = if (h != 0) 128 - java.lang.Long.numberOfLeadingZeros(h) else 64 - java.lang.Long.numberOfLeadingZeros(l)
    val n = bitLength / 8 + 1
    w.grow(16)
    val buf = w.getBuffer
    val start = w.cursor()
    Platform.putLong(buf, start, 0L)
    Platform.putLong(buf, start + 8, 0L)
    var i = 0
    while (i < n) {
      val b = if (i < 8) lo >>> (8 * i) else hi >>> (8 * (i - 8))
      Platform.putByte(buf, start + n - 1 - i, b.toByte)
      i += 1
    }
    w.increaseCursor(n)
    w.setOffsetAndSizeFromPreviousCursor(c, start)
    w.increaseCursor(16 - n)
  }

  /** Whether the i128 at `a` has fewer than `precision` digits (no BigInteger when it fits a long). */
  def fitsDigits(a: Long, precision: Int): Boolean = fitsDigits(Memory.getLong(a), Memory.getLong(a + 8), precision)

  def fitsDigits(lo: Long, hi: Long, precision: Int): Boolean = {
    if (hi == (lo >> 63) && precision >= 19) true // fits a long: fewer than 19 digits
    else if (hi == (lo >> 63)) lo != Long.MinValue && math.abs(lo) < BigInteger.TEN.pow(precision).longValue()
    else Memory.i128(lo, hi).abs().compareTo(BigInteger.TEN.pow(precision)) < 0
  }

  def write(w: UnsafeRowWriter, c: Int, dt: DataType, a: Long): Unit = dt match {
    case BooleanType => w.write(c, Memory.getByte(a) != 0)
    case ByteType => w.write(c, Memory.getByte(a))
    case ShortType => w.write(c, Memory.getShort(a))
    case IntegerType | DateType => w.write(c, Memory.getInt(a))
    case LongType | TimestampType | TimestampNTZType => w.write(c, Memory.getLong(a))
    case FloatType => w.write(c, Memory.getFloat(a))
    case DoubleType => w.write(c, Memory.getDouble(a))
    case d: DecimalType if d.precision <= 18 =>
      w.write(c, Decimal.createUnsafe(Memory.getLong(a), d.precision, d.scale), d.precision, d.scale)
    case d: DecimalType => writeWideDecimal(w, c, a, d)
    case _: StringType =>
      w.write(c, UTF8String.fromAddress(null, Memory.getLong(a), Memory.getLong(a + 8).toInt))
    case other => throw new IllegalStateException(s"cannot write ${other.simpleString}")
  }
}
