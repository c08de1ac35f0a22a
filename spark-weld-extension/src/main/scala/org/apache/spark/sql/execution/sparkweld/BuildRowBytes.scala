package org.apache.spark.sql.execution.sparkweld

import scala.collection.mutable.ArrayBuffer

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Expression, UnsafeRow}
import org.apache.spark.sql.execution.joins.HashedRelationBroadcastMode
import org.apache.spark.unsafe.Platform

/** What a [[BuildRowsRelation]] (Java, see there) shows Scala code: the rows it carries. */
trait BuildRowsSource {
  def data: BuildRowBytes
}

object BuildRowsModes {
  private lazy val ctor =
    Class.forName("org.apache.spark.sql.execution.sparkweld.BuildRowsMode").getConstructor(classOf[Seq[_]])

  /** Spark's mode of a join on `key` that broadcasts rows instead (see BuildRowsMode.java). */
  def apply(key: Seq[Expression]): HashedRelationBroadcastMode =
    ctor.newInstance(key).asInstanceOf[HashedRelationBroadcastMode]
}

/** The rows of a build side as one block of Spark's shuffle bytes (a 4-byte size, then the UnsafeRow), in chunks. */
final class BuildRowBytes(val chunks: Array[Array[Byte]], val lengths: Array[Int], val rowCount: Long,
    val numFields: Int) {
  def bytes: Long = lengths.foldLeft(0L)(_ + _)

  /** The rows, in one reused row object (a consumer that keeps a row copies it). */
  def rows: Iterator[UnsafeRow] = new Iterator[UnsafeRow] {
    private val row = new UnsafeRow(numFields)
    private var chunk = 0
    private var pos = 0
    private def skipEmpty(): Unit = while (chunk < chunks.length && pos >= lengths(chunk)) { chunk += 1; pos = 0 }
    override def hasNext: Boolean = { skipEmpty(); chunk < chunks.length }
    override def next(): UnsafeRow = {
      skipEmpty()
      val c = chunks(chunk)
      val size = Platform.getInt(c, Platform.BYTE_ARRAY_OFFSET + pos)
      row.pointTo(c, Platform.BYTE_ARRAY_OFFSET + pos + 4, size)
      pos += 4 + size
      row
    }
  }
}

object BuildRowBytes {
  /**
   * The rows last to first. Spark's relations chain a key's rows newest first (a new row becomes the head of its
   * key's list), and a join emits a probe row's matches in that order: a Weld table built from the rows in reverse
   * lists each key's rows as Spark does, so that what the join feeds above (a sum of doubles, whose value depends on
   * the order of its addends) is what Spark's join feeds.
   */
  def newestFirst(d: BuildRowBytes): Iterator[UnsafeRow] = {
    val row = new UnsafeRow(d.numFields)
    d.chunks.indices.reverseIterator.flatMap { c =>
      val chunk = d.chunks(c)
      val starts = ArrayBuffer[Int]()
      var pos = 0
      while (pos < d.lengths(c)) {
        starts += pos
        pos += 4 + Platform.getInt(chunk, Platform.BYTE_ARRAY_OFFSET + pos)
      }
      starts.reverseIterator.map { p =>
        row.pointTo(chunk, Platform.BYTE_ARRAY_OFFSET + p + 4, Platform.getInt(chunk, Platform.BYTE_ARRAY_OFFSET + p))
        row
      }
    }
  }

  private val ChunkBytes = 8 << 20

  def of(rows: Iterator[InternalRow]): BuildRowBytes = {
    val chunks = ArrayBuffer[Array[Byte]]()
    val lengths = ArrayBuffer[Int]()
    var current = new Array[Byte](64 << 10)
    var pos = 0
    var count = 0L
    var numFields = -1
    rows.foreach { r =>
      val row = r.asInstanceOf[UnsafeRow] // broadcast children hand Spark's broadcast UnsafeRows too
      if (numFields < 0) numFields = row.numFields
      val need = 4 + row.getSizeInBytes
      if (pos + need > current.length) {
        if (pos + need <= ChunkBytes) current = java.util.Arrays.copyOf(current, math.min(ChunkBytes,
          math.max(pos + need, current.length * 2)))
        else {
          chunks += current
          lengths += pos
          current = new Array[Byte](math.max(need, math.min(ChunkBytes, 64 << 10)))
          pos = 0
        }
      }
      Platform.putInt(current, Platform.BYTE_ARRAY_OFFSET + pos, row.getSizeInBytes)
      row.writeToMemory(current, Platform.BYTE_ARRAY_OFFSET + pos + 4)
      pos += need
      count += 1
    }
    chunks += current
    lengths += pos
    new BuildRowBytes(chunks.toArray, lengths.toArray, count, math.max(numFields, 0))
  }
}

