package dev.sparkweld.spark.exec.parquet

import dev.sparkweld.weld.abi.Memory

import org.apache.parquet.column.values.bitpacking.{BytePacker, Packer}

/**
 * Parquet's RLE/bit-packing hybrid encoding (definition levels, dictionary ids, RLE booleans) over `buf[pos, end)`:
 * runs, each a ULEB128 header whose low bit tells a bit-packed run (`header >> 1` groups of 8 values, `bitWidth`
 * bytes a group, least significant bit first) from a repeated one (`header >> 1` times one value of
 * `ceil(bitWidth / 8)` little-endian bytes). Values are taken a few at a time across runs; a bit-packed run is
 * unpacked whole when entered (groups through parquet's generated unpackers).
 *
 * Data that ends inside a run (a truncated page) raises [[ParquetFormatException]]; a last group may be shorter than
 * its 8 values on disk (writers pad only to whole bytes), its missing bytes read as zeros.
 */
final class HybridDecoder(buf: Array[Byte], private var pos: Int, end: Int, bitWidth: Int) {
  if (bitWidth < 0 || bitWidth > 32) throw new ParquetFormatException(s"bit width $bitWidth")
  private val packer: BytePacker = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth)
  private val valueBytes = (bitWidth + 7) / 8
  // The current run: repeated (`repeated` set, `value` valid) or bit-packed (`unpacked[next, next + left)`).
  private var left = 0
  private var repeated = false
  private var value = 0
  private var unpacked = new Array[Int](64)
  private var next = 0

  private def nextRun(): Unit = {
    val header = readVarInt()
    if ((header & 1) == 0) {
      repeated = true
      left = header >>> 1
      value = 0
      var i = 0
      if (pos + valueBytes > end) throw new ParquetFormatException("repeated run past the end of its page")
      while (i < valueBytes) { value |= (buf(pos + i) & 0xff) << (8 * i); i += 1 }
      pos += valueBytes
    } else {
      repeated = false
      val groups = header >>> 1
      val count = groups * 8
      if (unpacked.length < count) unpacked = new Array[Int](math.max(count, unpacked.length * 2))
      val bytes = groups.toLong * bitWidth
      if (bytes > end - pos) {
        // The last run of a page may stop short of its groups' bytes: unpack from a zero-padded copy.
        val padded = new Array[Byte](bytes.toInt)
        System.arraycopy(buf, pos, padded, 0, end - pos)
        unpackGroups(padded, 0, groups)
        pos = end
      } else {
        unpackGroups(buf, pos, groups)
        pos += bytes.toInt
      }
      left = count
      next = 0
    }
    if (left == 0 && pos >= end) throw new ParquetFormatException("empty run at the end of a page")
  }

  private def unpackGroups(from: Array[Byte], at: Int, groups: Int): Unit = {
    var g = 0
    while (g < groups) {
      packer.unpack8Values(from, at + g * bitWidth, unpacked, g * 8)
      g += 1
    }
  }

  private def readVarInt(): Int = {
    var result = 0
    var shift = 0
    while (true) {
      if (pos >= end) throw new ParquetFormatException("run header past the end of its page")
      val b = buf(pos)
      pos += 1
      result |= (b & 0x7f) << shift
      if ((b & 0x80) == 0) return result
      shift += 7
      if (shift > 28) throw new ParquetFormatException("run header longer than 5 bytes")
    }
    result
  }

  /** The next `n` values into `dst[off, off + n)`. */
  def readInts(dst: Array[Int], off: Int, n: Int): Unit = {
    var done = 0
    while (done < n) {
      if (left == 0) nextRun()
      val k = math.min(left, n - done)
      if (repeated) java.util.Arrays.fill(dst, off + done, off + done + k, value)
      else { System.arraycopy(unpacked, next, dst, off + done, k); next += k }
      left -= k
      done += k
    }
  }

  /**
   * The next `n` values, as dictionary ids, replaced by their entries of `dict` (numbers; floats and doubles as their
   * bits) written to `dst` as `width`-byte values (4 or 8). An id outside `dict` raises Java's
   * ArrayIndexOutOfBoundsException (ids are never negative below a 32-bit width, and `dict` has exactly the
   * dictionary's entries). Ids are looked up straight from the run: a repeated run writes one entry `k` times.
   */
  def readLookup(dict: Array[Long], dst: Long, width: Int, n: Int): Unit = {
    var done = 0
    while (done < n) {
      if (left == 0) nextRun()
      val k = math.min(left, n - done)
      var at = dst + done.toLong * width
      val stop = at + k.toLong * width
      if (repeated) {
        val v = dict(value)
        if (width == 8) while (at < stop) { Memory.putLong(at, v); at += 8 }
        else { val w = v.toInt; while (at < stop) { Memory.putInt(at, w); at += 4 } }
      } else {
        val ids = unpacked
        var i = next
        if (width == 8) while (at < stop) { Memory.putLong(at, dict(ids(i))); at += 8; i += 1 }
        else while (at < stop) { Memory.putInt(at, dict(ids(i)).toInt); at += 4; i += 1 }
        next += k
      }
      left -= k
      done += k
    }
  }

  /**
   * The next `n` definition levels (0 = null, 1 = a value) as Spark's null bytes at `nulls` (1 = null), or only
   * counted when `nulls` is 0; returns how many rows have a value.
   */
  def readNullBytes(nulls: Long, n: Int): Int = {
    var done = 0
    var values = 0
    while (done < n) {
      if (left == 0) nextRun()
      val k = math.min(left, n - done)
      if (repeated) {
        if (value != 0) values += k
        if (nulls != 0) fill(nulls + done, k, if (value != 0) 0.toByte else 1.toByte)
      } else {
        var i = 0
        while (i < k) {
          val level = unpacked(next + i)
          values += level
          if (nulls != 0) Memory.putByte(nulls + done + i, (1 - level).toByte)
          i += 1
        }
        next += k
      }
      left -= k
      done += k
    }
    values
  }

  private def fill(at: Long, n: Int, b: Byte): Unit =
    org.apache.spark.unsafe.Platform.setMemory(at, b, n.toLong)
}

/** A Parquet file that is not what its footer says, or uses what we do not decode (found while reading pages). */
final class ParquetFormatException(message: String) extends RuntimeException(message)
