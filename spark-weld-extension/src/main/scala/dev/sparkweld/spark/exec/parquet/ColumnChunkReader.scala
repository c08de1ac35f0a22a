package dev.sparkweld.spark.exec.parquet

import dev.sparkweld.spark.exec.NativeColumns
import dev.sparkweld.weld.abi.Memory

import org.apache.parquet.column.Encoding
import org.apache.parquet.column.page.{DataPageV1, DataPageV2, DictionaryPage, PageReader}
import org.apache.spark.unsafe.Platform

/**
 * Decodes one flat column of a row group, page after page, straight into native column `c` of a [[NativeColumns]]:
 * definition levels become Spark's null bytes, values are copied from the page (plain) or looked up in the column
 * chunk's dictionary (decoded once per chunk); nulls get zero slots. What a page holds beyond what the footer
 * promised (another encoding, levels of another kind) raises [[ParquetFormatException]].
 *
 * Values of a page with nulls are decoded densely at the start of their rows' slots, then spread backwards over the
 * rows by their null bytes (in place: a value only ever moves to a later slot).
 */
final class ColumnChunkReader(kind: Int, nullable: Boolean, c: Int) {
  import ColumnChunkReader._

  private val width = outWidth(kind)
  private var pages: PageReader = _
  private var maxDef = 0
  // The chunk's dictionary: numbers as longs (floats and doubles as their bits), strings as a byte array and offsets.
  private var dictionary: Array[Long] = _
  private var dictionaryBytes: Array[Byte] = _
  private var dictionaryOffsets: Array[Int] = _
  private var dictionarySize = 0
  // The page being read.
  private var pageLeft = 0
  private var levels: HybridDecoder = _
  private var ids: HybridDecoder = _
  private var booleans: HybridDecoder = _
  private var data: Array[Byte] = _
  private var dataPos = 0
  private var dataEnd = 0
  private var bit = 0
  private var idBuffer = new Array[Int](1024)
  private var levelScratch = 0L
  private var levelScratchSize = 0

  /** Starts on a row group's chunk of this column (`maxDefinitionLevel` 0 or 1). */
  def start(chunk: PageReader, maxDefinitionLevel: Int): Unit = {
    pages = chunk
    maxDef = maxDefinitionLevel
    pageLeft = 0
    dictionary = null
    dictionaryBytes = null
    val page = chunk.readDictionaryPage()
    if (page != null) readDictionary(page)
  }

  private def readDictionary(page: DictionaryPage): Unit = {
    if (page.getEncoding != Encoding.PLAIN_DICTIONARY && page.getEncoding != Encoding.PLAIN) {
      throw new ParquetFormatException(s"dictionary page encoded as ${page.getEncoding}")
    }
    val bytes = page.getBytes.toByteArray
    val n = page.getDictionarySize
    dictionarySize = n
    if (kind == BINARY) {
      val offsets = new Array[Int](n + 1)
      var p = 0
      var i = 0
      while (i < n) {
        if (p + 4 > bytes.length) throw new ParquetFormatException("dictionary page shorter than its entries")
        val len = Platform.getInt(bytes, Platform.BYTE_ARRAY_OFFSET + p.toLong)
        // Offsets point past each entry's length; entry i is bytes[offsets(i), offsets(i + 1) - 4).
        offsets(i) = p + 4
        p += 4 + len
        if (len < 0 || p > bytes.length) throw new ParquetFormatException("dictionary page shorter than its entries")
        i += 1
      }
      offsets(n) = p + 4
      dictionaryBytes = bytes
      dictionaryOffsets = offsets
    } else {
      val in = inWidth(kind)
      if (in <= 0) throw new ParquetFormatException("dictionary of booleans")
      if (n.toLong * in > bytes.length) throw new ParquetFormatException("dictionary page shorter than its entries")
      val values = new Array[Long](n)
      var i = 0
      while (i < n) {
        val at = Platform.BYTE_ARRAY_OFFSET + i.toLong * in
        values(i) = if (in == 4) Platform.getInt(bytes, at).toLong else Platform.getLong(bytes, at)
        i += 1
      }
      dictionary = values
    }
  }

  private def nextPage(): Unit = {
    val page = pages.readPage()
    if (page == null) throw new ParquetFormatException("column chunk ends before its row group's last row")
    page match {
      case v1: DataPageV1 =>
        val page = PageBytes(v1.getBytes)
        val bytes = page.array
        var p = page.from
        if (maxDef > 0) {
          if (v1.getDlEncoding != Encoding.RLE) {
            throw new ParquetFormatException(s"definition levels encoded as ${v1.getDlEncoding}")
          }
          if (page.end - p < 4) throw new ParquetFormatException("page shorter than its levels")
          val len = Platform.getInt(bytes, Platform.BYTE_ARRAY_OFFSET + p.toLong)
          if (len < 0 || len > page.end - p - 4) throw new ParquetFormatException("page shorter than its levels")
          levels = new HybridDecoder(bytes, p + 4, p + 4 + len, 1)
          p += 4 + len
        } else levels = null
        values(bytes, p, page.end, v1.getValueEncoding)
        pageLeft = v1.getValueCount
      case v2: DataPageV2 =>
        if (maxDef > 0) {
          val l = PageBytes(v2.getDefinitionLevels)
          levels = new HybridDecoder(l.array, l.from, l.end, 1)
        } else levels = null
        val d = PageBytes(v2.getData)
        values(d.array, d.from, d.end, v2.getDataEncoding)
        pageLeft = v2.getValueCount
      case other => throw new ParquetFormatException(s"page of kind ${other.getClass.getSimpleName}")
    }
  }

  private def values(bytes: Array[Byte], from: Int, end: Int, encoding: Encoding): Unit = {
    ids = null
    booleans = null
    data = bytes
    dataPos = from
    dataEnd = end
    bit = 0
    encoding match {
      case Encoding.PLAIN_DICTIONARY | Encoding.RLE_DICTIONARY =>
        if (dictionary == null && dictionaryBytes == null) {
          throw new ParquetFormatException("dictionary-encoded page in a chunk without a dictionary")
        }
        if (from >= end) {
          ids = new HybridDecoder(bytes, end, end, 0)
        } else ids = new HybridDecoder(bytes, from + 1, end, bytes(from) & 0xff)
      case Encoding.PLAIN =>
      case Encoding.RLE if kind == BOOLEAN =>
        if (end - from < 4) throw new ParquetFormatException("page shorter than its booleans")
        val len = Platform.getInt(bytes, Platform.BYTE_ARRAY_OFFSET + from.toLong)
        if (len < 0 || len > end - from - 4) throw new ParquetFormatException("page shorter than its booleans")
        booleans = new HybridDecoder(bytes, from + 4, from + 4 + len, 1)
      case other => throw new ParquetFormatException(s"values encoded as $other")
    }
  }

  /** Decodes the next `n` rows of the row group into rows `[row, row + n)` of `columns`. */
  def read(columns: NativeColumns, row: Int, n: Int): Unit = {
    val slots = if (kind == BINARY && dictionaryBytes != null) columns.dictionarySlots(dictionaryBytes, dictionarySize)
      else null
    val valuesAt = columns.valuesAt(c)
    var done = 0
    while (done < n) {
      if (pageLeft == 0) nextPage()
      val k = math.min(pageLeft, n - done)
      val r = row + done
      val nulls = if (nullable) columns.nullsAt(c) + r else 0L
      val present =
        if (levels == null) {
          if (nulls != 0) Memory.zero(nulls, k)
          k
        } else if (nulls != 0) levels.readNullBytes(nulls, k)
        else {
          // A column the stage reads as non-nullable (the footer said required, or the plan knows it has no null).
          val got = levels.readNullBytes(scratch(k), k)
          if (got != k) throw new ParquetFormatException("a null in a column read as non-nullable")
          got
        }
      val dst = valuesAt + r.toLong * width
      dense(columns, r, dst, present, slots)
      if (present < k) spread(dst, nulls, k, present)
      pageLeft -= k
      done += k
    }
  }

  private def scratch(n: Int): Long = {
    if (levelScratchSize < n) {
      if (levelScratch != 0) Memory.free(levelScratch)
      levelScratch = Memory.allocate(n)
      levelScratchSize = n
    }
    levelScratch
  }

  /** `n` values into consecutive slots from `dst` (rows from `row`). */
  private def dense(columns: NativeColumns, row: Int, dst: Long, n: Int, slots: Array[Long]): Unit = {
    if (n == 0) return
    if (ids != null && kind == BINARY) {
      if (idBuffer.length < n) idBuffer = new Array[Int](math.max(n, idBuffer.length * 2))
      val idz = idBuffer
      ids.readInts(idz, 0, n)
      var i = 0
      while (i < n) {
        val id = idz(i)
        if (id < 0 || id >= dictionarySize) throw new ParquetFormatException(s"dictionary id $id of $dictionarySize")
        val from = dictionaryOffsets(id)
        columns.putDictionaryString(dst + i * 16L, slots, id, dictionaryBytes,
          Platform.BYTE_ARRAY_OFFSET + from.toLong, dictionaryOffsets(id + 1) - 4 - from)
        i += 1
      }
    } else if (ids != null) {
      try ids.readLookup(dictionary, dst, width, n) catch {
        case _: ArrayIndexOutOfBoundsException =>
          throw new ParquetFormatException(s"a dictionary id beyond the $dictionarySize entries of its dictionary")
      }
    } else if (booleans != null) {
      val idz = if (idBuffer.length < n) { idBuffer = new Array[Int](n); idBuffer } else idBuffer
      booleans.readInts(idz, 0, n)
      var i = 0
      while (i < n) { Memory.putByte(dst + i, idz(i).toByte); i += 1 }
    } else kind match {
      case BOOLEAN =>
        if (dataPos.toLong * 8 + bit + n > dataEnd.toLong * 8) throw new ParquetFormatException("page shorter than its values")
        var i = 0
        while (i < n) {
          Memory.putByte(dst + i, ((data(dataPos) >> bit) & 1).toByte)
          bit += 1
          if (bit == 8) { bit = 0; dataPos += 1 }
          i += 1
        }
      case BINARY =>
        var i = 0
        while (i < n) {
          if (dataPos + 4 > dataEnd) throw new ParquetFormatException("page shorter than its values")
          val len = Platform.getInt(data, Platform.BYTE_ARRAY_OFFSET + dataPos.toLong)
          if (len < 0 || len > dataEnd - dataPos - 4) throw new ParquetFormatException("page shorter than its values")
          columns.putString(dst + i * 16L, data, Platform.BYTE_ARRAY_OFFSET + dataPos + 4L, len)
          dataPos += 4 + len
          i += 1
        }
      case INT32_WIDENED =>
        if (dataPos + 4L * n > dataEnd) throw new ParquetFormatException("page shorter than its values")
        var i = 0
        while (i < n) {
          Memory.putLong(dst + i * 8L, Platform.getInt(data, Platform.BYTE_ARRAY_OFFSET + dataPos + i * 4L).toLong)
          i += 1
        }
        dataPos += 4 * n
      case _ =>
        val bytes = width.toLong * n
        if (dataPos + bytes > dataEnd) throw new ParquetFormatException("page shorter than its values")
        Platform.copyMemory(data, Platform.BYTE_ARRAY_OFFSET + dataPos.toLong, null, dst, bytes)
        dataPos += bytes.toInt
    }
  }

  /** Moves `present` dense values over `k` rows by their null bytes (1 = null), zeroing null slots. */
  private def spread(dst: Long, nulls: Long, k: Int, present: Int): Unit = {
    var j = present - 1
    var i = k - 1
    while (i >= 0) {
      val at = dst + i.toLong * width
      if (Memory.getByte(nulls + i) != 0) zero(at)
      else {
        if (j != i) {
          val from = dst + j.toLong * width
          width match {
            case 1 => Memory.putByte(at, Memory.getByte(from))
            case 4 => Memory.putInt(at, Memory.getInt(from))
            case 8 => Memory.putLong(at, Memory.getLong(from))
            case _ => Memory.putLong(at, Memory.getLong(from)); Memory.putLong(at + 8, Memory.getLong(from + 8))
          }
        }
        j -= 1
      }
      i -= 1
    }
  }

  private def zero(at: Long): Unit = width match {
    case 1 => Memory.putByte(at, 0.toByte)
    case 4 => Memory.putInt(at, 0)
    case 8 => Memory.putLong(at, 0L)
    case _ => Memory.putLong(at, 0L); Memory.putLong(at + 8, 0L)
  }

  def close(): Unit = {
    if (levelScratch != 0) Memory.free(levelScratch)
    levelScratch = 0
  }
}

/**
 * A page's bytes as a range of an array, without the copy `BytesInput.toByteArray` makes (a decompressed page is
 * already an array of its own; profiled, the copy was a twentieth of the decoding time).
 */
private final case class PageBytes(array: Array[Byte], from: Int, end: Int)

private object PageBytes {
  def apply(in: org.apache.parquet.bytes.BytesInput): PageBytes = {
    val b = in.toByteBuffer()
    if (b.hasArray) PageBytes(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit())
    else {
      val a = in.toByteArray
      PageBytes(a, 0, a.length)
    }
  }
}

object ColumnChunkReader {
  /** What a column holds on disk and becomes in native memory. */
  final val INT32 = 0 // -> i32 (int, date)
  final val INT32_WIDENED = 1 // -> i64 (decimal of up to 9 digits)
  final val INT64 = 2 // -> i64 (bigint, decimal of 10 to 18 digits)
  final val FLOAT = 3
  final val DOUBLE = 4
  final val BOOLEAN = 5 // -> one byte
  final val BINARY = 6 // -> {ptr, len}

  def outWidth(kind: Int): Int = kind match {
    case INT32 | FLOAT => 4
    case INT32_WIDENED | INT64 | DOUBLE => 8
    case BOOLEAN => 1
    case BINARY => 16
  }

  /** Bytes of one plain value on disk (0: bits, -1: length-prefixed). */
  def inWidth(kind: Int): Int = kind match {
    case INT32 | INT32_WIDENED | FLOAT => 4
    case INT64 | DOUBLE => 8
    case BOOLEAN => 0
    case BINARY => -1
  }
}
