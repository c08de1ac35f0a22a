package dev.sparkweld.spark.exec

import dev.sparkweld.spark.translate.StageInput
import dev.sparkweld.weld.abi.Memory

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.UnsafeRow
import org.apache.spark.sql.execution.sparkweld.ColumnBlock
import org.apache.spark.sql.types._
import org.apache.spark.sql.execution.vectorized.WritableColumnVector
import org.apache.spark.sql.vectorized.ColumnVector
import org.apache.spark.unsafe.Platform

/**
 * Off-heap columns in the Weld ABI (docs/abi.md) gathered from Spark's input: per column a values array and, for a
 * nullable column, a byte per row (1 = null, as in Spark's own vectors). Null slots hold zero, never the garbage
 * Spark's vectors may keep there, so that arithmetic on them cannot fail. Strings are `{ptr, len}` pairs into one
 * byte arena. Reused across chunks of a partition; [[close]] frees everything.
 */
object NativeColumns {
  /** Bytes of the fixed buffers for `capacity` rows (string bytes come on top, as they arrive). */
  def bytesFor(inputs: Seq[StageInput], capacity: Int): Long =
    inputs.map(in => (width(in.weldType) + (if (in.nullable) 1 else 0)).toLong * capacity).sum

  // Value kinds of an UnsafeRow slot (NativeColumns.appendUnsafe); K_OTHER reads through InternalRow's getters.
  final val K_OTHER = 0
  final val K_BYTE = 1
  final val K_SHORT = 2
  final val K_INT = 3
  final val K_LONG = 4
  final val K_FLOAT = 5
  final val K_DOUBLE = 6
  final val K_WIDE_DECIMAL = 7
  final val K_STRING = 8

  def unsafeKind(dt: DataType): Int = dt match {
    case ByteType => K_BYTE
    case ShortType => K_SHORT
    case IntegerType | DateType => K_INT
    // A decimal of up to 18 digits is its unscaled long in the slot (UnsafeRow.getDecimal).
    case LongType | TimestampType | TimestampNTZType => K_LONG
    case d: DecimalType if d.precision <= Decimal.MAX_LONG_DIGITS => K_LONG
    case _: DecimalType => K_WIDE_DECIMAL
    case FloatType => K_FLOAT
    case DoubleType => K_DOUBLE
    case _: StringType => K_STRING
    case _ => K_OTHER
  }

  /**
   * Whether column blocks of a columnar exchange can be copied into columns of `inputs`: each base input's values
   * have the block's width (strings are copied into the arena).
   */
  def readsBlocks(inputs: Seq[StageInput]): Boolean = inputs.filter(_.derived.isEmpty).forall { in =>
    val k = ColumnBlock.kind(in.attr.dataType)
    k == ColumnBlock.STRING || (k >= 0 && ColumnBlock.width(k) == width(in.weldType))
  }

  def width(weldType: String): Int = weldType match {
    case "bool" | "i8" => 1
    case "i16" => 2
    case "i32" | "f32" => 4
    case "i64" | "f64" => 8
    case "i128" | "vec[u8]" => 16
    case other => throw new IllegalArgumentException(other)
  }
}

final class NativeColumns(inputs: Seq[StageInput], private var capacity: Int) extends AutoCloseable {
  private val n = inputs.size
  // Derived inputs come last; the append methods fill the others, [[putDerived]] these.
  private val nBase = inputs.count(_.derived.isEmpty)
  require(inputs.drop(nBase).forall(_.derived.isDefined), "derived inputs must follow the others")
  private val width: Array[Int] = inputs.map(in => NativeColumns.width(in.weldType)).toArray
  // Per column, its ordinal in the input rows or batches (`inputs` may be a List: no indexing per value).
  private val ordinals: Array[Int] = inputs.map(_.ordinal).toArray
  private val kinds: Array[DataType] = inputs.map(_.attr.dataType).toArray
  private val values: Array[Long] = width.map(w => Memory.allocate(math.max(1L, w.toLong * capacity)))
  private val nulls: Array[Long] = inputs.map(in => if (in.nullable) Memory.allocate(math.max(1, capacity)) else 0L)
    .toArray
  private var arena = 0L
  private var arenaCap = 0L
  private var arenaUsed = 0L
  /** Rows in the chunk being gathered. */
  var rows = 0

  def isFull: Boolean = rows >= capacity
  def clear(): Unit = { rows = 0; arenaUsed = 0; dictionaries.clear() }

  /**
   * Per dictionary of a string column (Parquet's, per column chunk), where each entry already sits in the arena of
   * this chunk: a row then costs its 16-byte slot, not a copy of its bytes. Keyed by identity (of what Spark wraps
   * per batch, [[VectorAccess.dictionaryKey]]); forgotten with the arena at [[clear]].
   */
  private val dictionaries = new java.util.IdentityHashMap[AnyRef, Array[Long]]()

  private def copyDictionaryStrings(c: Int, w: WritableColumnVector, from: Int, take: Int, hasNull: Boolean): Unit = {
    val dict = VectorAccess.dictionary(w)
    val ids = w.getDictionaryIds
    val key = VectorAccess.dictionaryKey(dict)
    // Spark's dictionary does not tell its size: the slots grow with the ids met.
    var entries = dictionarySlots(key, 16)
    var r = 0
    while (r < take) {
      if (!(hasNull && w.isNullAt(from + r))) {
        val id = ids.getInt(from + r)
        if (id >= entries.length) {
          val grown = Array.fill(math.max(entries.length * 2, id + 1))(-1L)
          System.arraycopy(entries, 0, grown, 0, entries.length)
          entries = grown
          dictionaries.put(key, entries)
        }
        val a = values(c) + (rows + r).toLong * 16
        if (entries(id) < 0) {
          val bytes = dict.decodeToBinary(id)
          putDictionaryString(a, entries, id, bytes, Platform.BYTE_ARRAY_OFFSET, bytes.length)
        } else putDictionaryString(a, entries, id, null, 0L, 0)
      }
      r += 1
    }
  }

  /** Where column `c`'s values and null bytes (0 when not nullable) start, for readers that fill them in place. */
  def valuesAt(c: Int): Long = values(c)
  def nullsAt(c: Int): Long = nulls(c)

  /** Counts `n` rows a reader filled in place (from [[rows]] on) into every column. */
  def advance(n: Int): Unit = rows += n

  /** A string's bytes into the arena, its slot at `slot`. */
  def putString(slot: Long, base: AnyRef, offset: Long, len: Int): Unit = putBytes(slot, base, offset, len)

  /**
   * The arena slots of a dictionary's entries already copied into this chunk (as [[copyDictionaryStrings]] keeps
   * them, keyed by the identity of `key`), for [[putDictionaryString]].
   */
  def dictionarySlots(key: AnyRef, size: Int): Array[Long] = {
    var entries = dictionaries.get(key)
    if (entries == null || entries.length < size) {
      entries = Array.fill(math.max(size, 1))(-1L)
      dictionaries.put(key, entries)
    }
    entries
  }

  /** Dictionary entry `id` (bytes at base/offset) into the slot at `slot`, copied once per chunk. */
  def putDictionaryString(slot: Long, entries: Array[Long], id: Int, base: AnyRef, offset: Long, len: Int): Unit = {
    val known = entries(id)
    if (known < 0) {
      putBytes(slot, base, offset, len)
      if (len < (1 << 23)) entries(id) = (Memory.getLong(slot) << 23) | len
    } else {
      Memory.putLong(slot, known >>> 23)
      Memory.putLong(slot + 8, known & ((1L << 23) - 1))
    }
  }

  /**
   * Doubles the capacity, keeping the rows gathered so far (for stages that must see all of a partition's input in
   * one kernel run); the caller accounts the extra [[NativeColumns.bytesFor]] `capacity` bytes first.
   */
  def grow(): Unit = {
    val fresh = math.min(capacity.toLong * 2, Int.MaxValue.toLong).toInt
    if (fresh <= capacity) throw new IllegalStateException("native columns cannot grow beyond " + capacity + " rows")
    var c = 0
    while (c < n) {
      values(c) = moved(values(c), width(c).toLong * capacity, width(c).toLong * fresh)
      if (nulls(c) != 0) nulls(c) = moved(nulls(c), capacity, fresh)
      c += 1
    }
    capacity = fresh
  }

  def rowCapacity: Int = capacity

  private def moved(from: Long, used: Long, size: Long): Long = {
    val to = Memory.allocate(size)
    Memory.copy(from, to, used)
    Memory.free(from)
    to
  }

  /**
   * Appends rows [from, from + count) of a column batch; returns how many fitted. Spark's own vectors are copied in
   * bulk from their storage (values and null bytes); dictionary-encoded ones are decoded row by row; null slots are
   * zeroed afterwards.
   */
  def append(columns: IndexedSeq[ColumnVector], from: Int, count: Int): Int = {
    val take = math.min(count, capacity - rows)
    var c = 0
    while (c < nBase) {
      val v = columns(ordinals(c))
      if (allNull(v)) {
        // A column missing from the file: Spark marks the vector all-null, its null bytes stay unset.
        var r = 0
        while (r < take) { setNull(c, rows + r); r += 1 }
      } else appendVector(c, v, from, take)
      c += 1
    }
    rows += take
    take
  }

  private def appendVector(c: Int, v: ColumnVector, from: Int, take: Int): Unit = {
    val hasNull = v.hasNull
    if (nulls(c) != 0) copyNulls(v, from, take, hasNull, nulls(c) + rows)
    val dst = values(c) + rows.toLong * width(c)
    v match {
      case w: WritableColumnVector if !kinds(c).isInstanceOf[StringType] => copyWritable(c, w, from, take, dst, hasNull)
      case w: WritableColumnVector if w.hasDictionary => copyDictionaryStrings(c, w, from, take, hasNull)
      case _ =>
        var r = 0
        while (r < take) {
          if (!(hasNull && v.isNullAt(from + r))) putFromVector(c, rows + r, v, from + r)
          r += 1
        }
    }
    if (hasNull) {
      var r = 0
      if (nulls(c) != 0) {
        val flags = nulls(c) + rows
        while (r < take) {
          if (Memory.getByte(flags + r) != 0) setNull(c, rows + r)
          r += 1
        }
      } else {
        while (r < take) {
          if (v.isNullAt(from + r)) setNull(c, rows + r)
          r += 1
        }
      }
    }
  }

  private def allNull(v: ColumnVector): Boolean = v match {
    case w: WritableColumnVector => w.isAllNull
    case _ => false
  }

  private def copyNulls(v: ColumnVector, from: Int, take: Int, hasNull: Boolean, dst: Long): Unit = {
    if (!hasNull) { Memory.zero(dst, take); return }
    val loc = v match {
      case w: WritableColumnVector => VectorAccess.nulls(w)
      case _ => null
    }
    if (loc != null) Platform.copyMemory(loc.base, loc.offset + from, null, dst, take.toLong)
    else {
      var r = 0
      while (r < take) {
        Memory.putByte(dst + r, if (v.isNullAt(from + r)) 1.toByte else 0.toByte)
        r += 1
      }
    }
  }

  /** How a column's vector stores its values ([[VectorAccess]]), or -1 when it is not a plain number. */
  private val storage: Array[Int] = kinds.map {
    case IntegerType | DateType => VectorAccess.INTS
    case d: DecimalType if d.precision <= 9 => VectorAccess.INTS // widened to the i64 the program takes
    case LongType | TimestampType | TimestampNTZType => VectorAccess.LONGS
    case d: DecimalType if d.precision <= 18 => VectorAccess.LONGS
    case DoubleType => VectorAccess.DOUBLES
    case _ => -1
  }

  private def copyWritable(c: Int, w: WritableColumnVector, from: Int, take: Int, dst: Long, hasNull: Boolean): Unit = {
    val st = storage(c)
    val widen = st == VectorAccess.INTS && width(c) == 8
    if (st < 0) {
      var r = 0
      while (r < take) {
        if (!w.isNullAt(from + r)) putFromVector(c, rows + r, w, from + r)
        r += 1
      }
    } else if (w.hasDictionary) copyDictionaryNumbers(c, w, st, widen, from, take, dst, hasNull)
    else {
      val loc = VectorAccess.values(w, st)
      if (loc == null) {
        var r = 0
        while (r < take) {
          if (!(hasNull && w.isNullAt(from + r))) putFromVector(c, rows + r, w, from + r)
          r += 1
        }
      } else if (widen) {
        var r = 0
        while (r < take) { Memory.putLong(dst + r * 8L, Platform.getInt(loc.base, loc.offset + (from + r) * 4L)); r += 1 }
      } else Platform.copyMemory(loc.base, loc.offset + from.toLong * width(c), null, dst, take.toLong * width(c))
    }
  }

  /**
   * Dictionary-encoded numbers: the ids read straight from their vector, each decoded by the dictionary. A column
   * chunk's dictionary small enough for the batch (at most 4 entries a row) is decoded once into an array, kept per
   * column while batches of that chunk come (keyed by the Parquet dictionary Spark wraps anew for every batch,
   * [[VectorAccess.dictionaryKey]]); larger ones are decoded per row, through the wrapper (two calls a value).
   */
  private def copyDictionaryNumbers(c: Int, w: WritableColumnVector, st: Int, widen: Boolean, from: Int, take: Int,
      dst: Long, hasNull: Boolean): Unit = {
    val dict = VectorAccess.dictionary(w)
    val ids = w.getDictionaryIds
    val idLoc = VectorAccess.values(ids, VectorAccess.INTS)
    val decoded = decodedDictionary(c, dict, st, take)
    var r = 0
    while (r < take) {
      // A null row's id may be anything (even out of this dictionary's range): never decoded.
      if (!(hasNull && w.isNullAt(from + r))) {
        val id = if (idLoc != null) Platform.getInt(idLoc.base, idLoc.offset + (from + r) * 4L) else ids.getInt(from + r)
        if (decoded != null) {
          if (width(c) == 4) Memory.putInt(dst + r * 4L, decoded(id).toInt) else Memory.putLong(dst + r * 8L, decoded(id))
        } else st match {
          case VectorAccess.INTS =>
            if (widen) Memory.putLong(dst + r * 8L, dict.decodeToInt(id).toLong)
            else Memory.putInt(dst + r * 4L, dict.decodeToInt(id))
          case VectorAccess.LONGS => Memory.putLong(dst + r * 8L, dict.decodeToLong(id))
          case _ => Memory.putDouble(dst + r * 8L, dict.decodeToDouble(id))
        }
      }
      r += 1
    }
  }

  private val decodedKeys = new Array[AnyRef](n)
  private val decodedValues = new Array[Array[Long]](n)

  /** The entries of `dict` as the 8 bytes each row gets (doubles as their bits), or null to decode per row. */
  private def decodedDictionary(c: Int, dict: org.apache.spark.sql.execution.vectorized.Dictionary, st: Int,
      take: Int): Array[Long] = {
    val key = VectorAccess.dictionaryKey(dict)
    if (key eq decodedKeys(c)) return decodedValues(c)
    val size = key match {
      case p: org.apache.parquet.column.Dictionary if !(key eq dict) => p.getMaxId + 1
      case _ => -1
    }
    if (size <= 0 || size > 4L * take) return null
    val values = new Array[Long](size)
    var id = 0
    while (id < size) {
      values(id) = st match {
        case VectorAccess.INTS => dict.decodeToInt(id).toLong
        case VectorAccess.LONGS => dict.decodeToLong(id)
        case _ => java.lang.Double.doubleToRawLongBits(dict.decodeToDouble(id))
      }
      id += 1
    }
    decodedKeys(c) = key
    decodedValues(c) = values
    values
  }

  /** Per column, what [[appendUnsafe]] reads: one int switch per value instead of a match on the DataType. */
  private val unsafeKinds: Array[Int] = kinds.map(NativeColumns.unsafeKind)

  /**
   * Appends rows [from, from + count) of a column block ([[NativeColumns.readsBlocks]] holds); returns how many
   * fitted. Null bytes and values are copied in bulk, a column's string bytes in one copy into the arena.
   */
  def appendBlock(b: ColumnBlock, from: Int, count: Int): Int = {
    val take = math.min(count, capacity - rows)
    val bytes = b.bytes
    val at = Platform.BYTE_ARRAY_OFFSET
    var c = 0
    while (c < nBase) {
      val ord = ordinals(c)
      val nullsAt = b.nullsAt(ord)
      if (nulls(c) != 0) {
        if (nullsAt >= 0) Platform.copyMemory(bytes, at + nullsAt + from, null, nulls(c) + rows, take.toLong)
        else Memory.zero(nulls(c) + rows, take)
      } else if (nullsAt >= 0) {
        var r = 0
        while (r < take) { if (bytes(nullsAt + from + r) != 0) setNull(c, rows + r); r += 1 } // throws
      }
      if (unsafeKinds(c) == NativeColumns.K_STRING) {
        val start = b.stringStart(ord, from)
        val len = b.stringStart(ord, from + take) - start
        reserveArena(len)
        Platform.copyMemory(bytes, at + b.bytesAt(ord) + start, null, arena + arenaUsed, len.toLong)
        var r = 0
        var s = start
        while (r < take) {
          val next = b.stringStart(ord, from + r + 1)
          val slot = values(c) + (rows + r).toLong * 16
          Memory.putLong(slot, arenaUsed + (s - start))
          Memory.putLong(slot + 8, (next - s).toLong)
          s = next
          r += 1
        }
        arenaUsed += len
      } else {
        val w = width(c)
        Platform.copyMemory(bytes, at + b.valuesAt(ord) + from.toLong * w, null, values(c) + rows.toLong * w,
          take.toLong * w)
      }
      c += 1
    }
    rows += take
    take
  }

  /** Appends one row of a row-based input. */
  def append(row: InternalRow): Unit = row match {
    case u: UnsafeRow => appendUnsafe(u)
    case _ => appendGeneric(row)
  }

  /**
   * An `UnsafeRow` (what exchanges and Spark's operators hand over) read from its fixed slots: decimals up to 18
   * digits are their unscaled long there, wider ones big-endian two's complement bytes, strings offset and size;
   * no `Decimal` or `UTF8String` is created per value.
   */
  private def appendUnsafe(row: UnsafeRow): Unit = {
    val base = row.getBaseObject
    val offset = row.getBaseOffset
    var c = 0
    while (c < nBase) {
      val ord = ordinals(c)
      if (row.isNullAt(ord)) setNull(c, rows) else {
        if (nulls(c) != 0) Memory.putByte(nulls(c) + rows, 0.toByte)
        val a = values(c) + rows.toLong * width(c)
        (unsafeKinds(c): @scala.annotation.switch) match {
          case NativeColumns.K_BYTE => Memory.putByte(a, row.getByte(ord))
          case NativeColumns.K_SHORT => Memory.putShort(a, row.getShort(ord))
          case NativeColumns.K_INT => Memory.putInt(a, row.getInt(ord))
          case NativeColumns.K_LONG => Memory.putLong(a, row.getLong(ord))
          case NativeColumns.K_FLOAT => Memory.putFloat(a, row.getFloat(ord))
          case NativeColumns.K_DOUBLE => Memory.putDouble(a, row.getDouble(ord))
          case NativeColumns.K_WIDE_DECIMAL =>
            val offsetAndSize = row.getLong(ord)
            putBigEndian(a, base, offset + (offsetAndSize >>> 32), offsetAndSize.toInt)
          case NativeColumns.K_STRING =>
            val offsetAndSize = row.getLong(ord)
            putBytes(a, base, offset + (offsetAndSize >>> 32), offsetAndSize.toInt)
          case _ => putFromRow(c, rows, row, ord)
        }
      }
      c += 1
    }
    rows += 1
  }

  private val words = new Array[Long](2)

  /** A big-endian two's complement integer of at most 16 bytes (`BigInteger.toByteArray`) as an i128. */
  private def putBigEndian(a: Long, base: AnyRef, at: Long, size: Int): Unit = {
    ColumnBlock.bigEndianWords(base, at, size, words)
    Memory.putLong(a, words(0))
    Memory.putLong(a + 8, words(1))
  }

  private def appendGeneric(row: InternalRow): Unit = {
    var c = 0
    while (c < nBase) {
      val ord = ordinals(c)
      if (row.isNullAt(ord)) setNull(c, rows) else {
        if (nulls(c) != 0) Memory.putByte(nulls(c) + rows, 0.toByte)
        putFromRow(c, rows, row, ord)
      }
      c += 1
    }
    rows += 1
  }

  /** The derived inputs of gathered row `row`: field j of `values` is derived input j. */
  def putDerived(row: Int, values: InternalRow): Unit = {
    var c = nBase
    while (c < n) {
      val j = c - nBase
      if (values.isNullAt(j)) setNull(c, row) else {
        if (nulls(c) != 0) Memory.putByte(nulls(c) + row, 0.toByte)
        putFromRow(c, row, values, j)
      }
      c += 1
    }
  }

  /**
   * A view of gathered row `at(row)`'s base inputs in ordinal order (how Spark's projection of the derived inputs is
   * bound), for input that was decoded into these columns rather than handed over as rows or batches. Strings are
   * read in place from the arena (valid until the next string is appended).
   */
  final class BaseRow extends org.apache.spark.sql.catalyst.expressions.BaseGenericInternalRow {
    private val columnAt: Array[Int] = inputs.indices.filter(inputs(_).derived.isEmpty).sortBy(inputs(_).ordinal).toArray
    private var row = 0

    def at(r: Int): BaseRow = { row = r; this }

    override def numFields: Int = columnAt.length

    override protected def genericGet(ordinal: Int): Any = {
      val c = columnAt(ordinal)
      if (nulls(c) != 0 && Memory.getByte(nulls(c) + row) != 0) return null
      val a = values(c) + row.toLong * width(c)
      kinds(c) match {
        case BooleanType => Memory.getByte(a) != 0
        case ByteType => Memory.getByte(a)
        case ShortType => Memory.getShort(a)
        case IntegerType | DateType => Memory.getInt(a)
        case LongType | TimestampType | TimestampNTZType => Memory.getLong(a)
        case FloatType => Memory.getFloat(a)
        case DoubleType => Memory.getDouble(a)
        case d: DecimalType if d.precision <= Decimal.MAX_LONG_DIGITS =>
          Decimal.createUnsafe(Memory.getLong(a), d.precision, d.scale)
        case _: StringType =>
          org.apache.spark.unsafe.types.UTF8String.fromAddress(null, arena + Memory.getLong(a), Memory.getLong(a + 8).toInt)
        case other => throw new IllegalStateException(s"derived input over a column of type $other")
      }
    }

    override def setNullAt(i: Int): Unit = throw new UnsupportedOperationException
    override def update(i: Int, value: Any): Unit = throw new UnsupportedOperationException
  }

  private def setNull(c: Int, row: Int): Unit = {
    if (nulls(c) == 0) {
      throw new IllegalStateException(s"a null in input column ${inputs(c).attr.name}, which the plan says is never null")
    }
    Memory.putByte(nulls(c) + row, 1.toByte)
    val a = values(c) + row.toLong * width(c)
    if (width(c) == 16) { Memory.putLong(a, 0L); Memory.putLong(a + 8, 0L) }
    else Memory.zero(a, width(c))
  }

  private def putFromVector(c: Int, row: Int, v: ColumnVector, i: Int): Unit = {
    val a = values(c) + row.toLong * width(c)
    kinds(c) match {
      case BooleanType => Memory.putByte(a, if (v.getBoolean(i)) 1.toByte else 0.toByte)
      case ByteType => Memory.putByte(a, v.getByte(i))
      case ShortType => Memory.putShort(a, v.getShort(i))
      case IntegerType | DateType => Memory.putInt(a, v.getInt(i))
      case LongType | TimestampType | TimestampNTZType => Memory.putLong(a, v.getLong(i))
      case FloatType => Memory.putFloat(a, v.getFloat(i))
      case DoubleType => Memory.putDouble(a, v.getDouble(i))
      case d: DecimalType => putDecimal(a, v.getDecimal(i, d.precision, d.scale), d)
      case _: StringType =>
        val s = v.getUTF8String(i)
        putBytes(a, s.getBaseObject, s.getBaseOffset, s.numBytes)
      case other => throw new IllegalStateException(s"column of type $other")
    }
  }

  private def putFromRow(c: Int, row: Int, r: InternalRow, ord: Int): Unit = {
    val a = values(c) + row.toLong * width(c)
    kinds(c) match {
      case BooleanType => Memory.putByte(a, if (r.getBoolean(ord)) 1.toByte else 0.toByte)
      case ByteType => Memory.putByte(a, r.getByte(ord))
      case ShortType => Memory.putShort(a, r.getShort(ord))
      case IntegerType | DateType => Memory.putInt(a, r.getInt(ord))
      case LongType | TimestampType | TimestampNTZType => Memory.putLong(a, r.getLong(ord))
      case FloatType => Memory.putFloat(a, r.getFloat(ord))
      case DoubleType => Memory.putDouble(a, r.getDouble(ord))
      case d: DecimalType => putDecimal(a, r.getDecimal(ord, d.precision, d.scale), d)
      case _: StringType =>
        val s = r.getUTF8String(ord)
        putBytes(a, s.getBaseObject, s.getBaseOffset, s.numBytes)
      case other => throw new IllegalStateException(s"column of type $other")
    }
  }

  private def putDecimal(a: Long, d: org.apache.spark.sql.types.Decimal, t: DecimalType): Unit = {
    if (t.precision <= 18) Memory.putLong(a, d.toUnscaledLong)
    else {
      val u = d.toJavaBigDecimal.unscaledValue()
      Memory.putLong(a, u.longValue())
      Memory.putLong(a + 8, u.shiftRight(64).longValue())
    }
  }

  /** Strings are gathered as arena offsets; [[vectors]] turns them into pointers once the arena stops moving. */
  private def putBytes(a: Long, base: AnyRef, offset: Long, len: Int): Unit = {
    reserveArena(len)
    val to = arena + arenaUsed
    if (len <= 32) {
      // Most strings are short: word and byte moves cost less than Unsafe's bulk copy's setup.
      var i = 0
      while (i + 8 <= len) { Platform.putLong(null, to + i, Platform.getLong(base, offset + i)); i += 8 }
      while (i < len) { Platform.putByte(null, to + i, Platform.getByte(base, offset + i)); i += 1 }
    } else Platform.copyMemory(base, offset, null, to, len)
    Memory.putLong(a, arenaUsed)
    Memory.putLong(a + 8, len.toLong)
    arenaUsed += len
  }

  /** Room for `len` more bytes in the arena (which moves when it grows: slots hold offsets until [[vectors]]). */
  private def reserveArena(len: Int): Unit = {
    if (arenaUsed + len > arenaCap) {
      val cap = math.max(arenaCap * 2, math.max(1L << 16, arenaUsed + len))
      val fresh = Memory.allocate(cap)
      if (arena != 0) {
        Memory.copy(arena, fresh, arenaUsed)
        Memory.free(arena)
      }
      arena = fresh
      arenaCap = cap
    }
  }

  /** The `vec` arguments in parameter order: per input `c<i>` then, if nullable, `n<i>`, as (pointer, length). */
  def vectors: Seq[(Long, Long)] = {
    var c = 0
    while (c < n) {
      if (kinds(c).isInstanceOf[StringType]) {
        var r = 0
        while (r < rows) {
          val slot = values(c) + r.toLong * 16
          Memory.putLong(slot, arena + Memory.getLong(slot))
          r += 1
        }
      }
      c += 1
    }
    args
  }

  private def args: Seq[(Long, Long)] = inputs.indices.flatMap { c =>
    Seq((values(c), rows.toLong)) ++ (if (nulls(c) != 0) Seq((nulls(c), rows.toLong)) else Nil)
  }

  override def close(): Unit = {
    values.foreach(Memory.free)
    nulls.filter(_ != 0).foreach(Memory.free)
    if (arena != 0) Memory.free(arena)
    arena = 0
  }
}
