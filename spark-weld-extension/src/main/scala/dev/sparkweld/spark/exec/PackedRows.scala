package dev.sparkweld.spark.exec

import scala.collection.mutable.ArrayBuffer

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.UnsafeRow
import org.apache.spark.unsafe.Platform

/**
 * UnsafeRows copied back to back into pages of [[PackedRows.PAGE]] bytes (a larger row gets a page of its own), read
 * back through one reused UnsafeRow, as Spark's generated code hands rows on. A grouped aggregate's output was an
 * UnsafeRow object and byte array per group, all alive until the partition's last kernel call: on TPC-H SF 1 Q18 (1.5M
 * groups) the collector then spent more time copying them between heap regions than the kernels took. Pages stay
 * below half a G1 region, so they are ordinary young objects, not humongous ones.
 *
 * Layout per row: its size as an int, then its bytes (sizes are multiples of 8, so rows stay 8-byte aligned after
 * a 4-byte pad).
 */
final class PackedRows(numFields: Int) {
  private val pages = ArrayBuffer[Array[Byte]]()
  private val ends = ArrayBuffer[Int]() // bytes used in each page
  private var count = 0L

  def size: Long = count

  def add(row: UnsafeRow): Unit = {
    val n = row.getSizeInBytes
    val need = 8 + n
    if (pages.isEmpty || ends.last + need > pages.last.length) {
      pages += new Array[Byte](math.max(PackedRows.PAGE, need))
      ends += 0
    }
    val page = pages.last
    val pos = ends.last
    Platform.putInt(page, Platform.BYTE_ARRAY_OFFSET + pos, n)
    Platform.copyMemory(row.getBaseObject, row.getBaseOffset, page, Platform.BYTE_ARRAY_OFFSET + pos + 8, n)
    ends(ends.size - 1) = pos + need
    count += 1
  }

  /** The rows in the order added, each valid until the next call of `next`. */
  def iterator: Iterator[InternalRow] =
    new Iterator[InternalRow] {
      private val row = new UnsafeRow(numFields)
      private var p = 0
      private var at = 0
      override def hasNext: Boolean = {
        while (p < pages.size && at >= ends(p)) { p += 1; at = 0 }
        p < pages.size
      }
      override def next(): InternalRow = {
        if (!hasNext) throw new NoSuchElementException
        val bytes = pages(p)
        val n = Platform.getInt(bytes, Platform.BYTE_ARRAY_OFFSET + at)
        row.pointTo(bytes, Platform.BYTE_ARRAY_OFFSET + at + 8, n)
        at += 8 + n
        row
      }
    }
}

object PackedRows {
  /** 256 KiB: well below half of the smallest G1 region a multi-GiB executor heap gets (1 MiB regions and up). */
  val PAGE: Int = 256 << 10
}
