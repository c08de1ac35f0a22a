package org.apache.spark.sql.execution.sparkweld

import java.io.{EOFException, InputStream, OutputStream}
import java.nio.ByteBuffer

import scala.reflect.ClassTag

import org.apache.spark.serializer.{DeserializationStream, SerializationStream, Serializer, SerializerInstance}
import org.apache.spark.sql.catalyst.expressions.UnsafeRow
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.unsafe.Platform

/**
 * Shuffle rows in the bytes Spark's UnsafeRowSerializer writes (a 4-byte big-endian size, then the row), moved
 * through a buffer of our own. Spark's streams put every size through DataInput/OutputStream byte by byte, each a
 * locked call on a buffered stream: profiled, that was a quarter of the Java time of TPC-H's Weld side. Here a row
 * costs one copy into (or one pointer into) an array.
 *
 * Records are self-contained and `flush` hands every buffered byte on, so serialized records can be relocated
 * (Spark's serialized sort shuffle copies each record's bytes after a flush).
 */
final class BufferedRowSerializer(numFields: Int, dataSize: SQLMetric) extends Serializer with Serializable {
  override def newInstance(): SerializerInstance = new BufferedRowSerializerInstance(numFields, dataSize)
  override private[spark] def supportsRelocationOfSerializedObjects: Boolean = true
}

private final class BufferedRowSerializerInstance(numFields: Int, dataSize: SQLMetric) extends SerializerInstance {
  override def serializeStream(out: OutputStream): SerializationStream = new RowsOut(out, dataSize)
  override def deserializeStream(in: InputStream): DeserializationStream = new RowsIn(in, numFields)

  // Shuffles only stream rows.
  override def serialize[T: ClassTag](t: T): ByteBuffer = throw new UnsupportedOperationException
  override def deserialize[T: ClassTag](bytes: ByteBuffer): T = throw new UnsupportedOperationException
  override def deserialize[T: ClassTag](bytes: ByteBuffer, loader: ClassLoader): T =
    throw new UnsupportedOperationException
}

private final class RowsOut(out: OutputStream, dataSize: SQLMetric) extends SerializationStream {
  // Small: the bypass-merge writer keeps one stream open per reduce partition.
  private[this] var buf = new Array[Byte](16 << 10)
  private[this] var pos = 0

  override def writeKey[T: ClassTag](key: T): SerializationStream = this // the partition id, used on the map side only

  override def writeValue[T: ClassTag](value: T): SerializationStream = {
    val row = value.asInstanceOf[UnsafeRow]
    val size = row.getSizeInBytes
    if (dataSize != null) dataSize.add(size) // AQE's runtime statistics read it
    if (pos + 4 + size > buf.length) {
      drain()
      if (4 + size > buf.length) buf = new Array[Byte](Integer.highestOneBit(4 + size) << 1)
    }
    val b = buf
    b(pos) = (size >>> 24).toByte
    b(pos + 1) = (size >>> 16).toByte
    b(pos + 2) = (size >>> 8).toByte
    b(pos + 3) = size.toByte
    Platform.copyMemory(row.getBaseObject, row.getBaseOffset, b, Platform.BYTE_ARRAY_OFFSET + pos + 4, size)
    pos += 4 + size
    this
  }

  private def drain(): Unit = if (pos > 0) {
    out.write(buf, 0, pos)
    pos = 0
  }

  override def writeObject[T: ClassTag](t: T): SerializationStream = throw new UnsupportedOperationException
  override def writeAll[T: ClassTag](iter: Iterator[T]): SerializationStream = throw new UnsupportedOperationException

  override def flush(): Unit = {
    drain()
    out.flush()
  }

  override def close(): Unit = {
    drain()
    buf = null
    out.close()
  }
}

/**
 * The returned row points into the read buffer. Like Spark's, it is valid until the next `next()`; unlike a single
 * buffer compacted in place, refills go to the other of two buffers, so that `hasNext` (which may refill) never
 * moves the bytes of the row last returned.
 */
private final class RowsIn(in: InputStream, numFields: Int) extends DeserializationStream {
  private[this] var buf = new Array[Byte](64 << 10)
  private[this] var spare = new Array[Byte](64 << 10)
  private[this] var start = 0
  private[this] var end = 0
  private[this] val row = new UnsafeRow(numFields)

  /** Makes `n` bytes available at `start`; false at the stream's end when no byte is left. */
  private def fill(n: Int): Boolean = {
    if (end - start >= n) return true
    val left = end - start
    if (spare.length < n) spare = new Array[Byte](math.max(n, spare.length << 1))
    System.arraycopy(buf, start, spare, 0, left)
    val t = buf
    buf = spare
    spare = t
    start = 0
    end = left
    while (end < n) {
      val r = in.read(buf, end, buf.length - end)
      if (r < 0) {
        if (end == 0) return false
        throw new EOFException(s"shuffle block ends inside a row ($end of $n bytes)")
      }
      end += r
    }
    true
  }

  private def sizeAt(p: Int): Int =
    ((buf(p) & 0xff) << 24) | ((buf(p + 1) & 0xff) << 16) | ((buf(p + 2) & 0xff) << 8) | (buf(p + 3) & 0xff)

  /** The next row, or null at the end of the stream. */
  private def readRow(): UnsafeRow = {
    if (!fill(4)) return null
    val size = sizeAt(start)
    if (size < 0) return null // the end marker older Spark writers put at close
    start += 4
    if (!fill(size)) throw new EOFException("shuffle block ends after a row's size")
    row.pointTo(buf, Platform.BYTE_ARRAY_OFFSET + start, size)
    start += size
    row
  }

  override def asKeyValueIterator: Iterator[(Int, UnsafeRow)] = new Iterator[(Int, UnsafeRow)] {
    private[this] val pair = (0, row) // the key was not written; readers drop it
    override def hasNext: Boolean = fill(4) && sizeAt(start) >= 0
    override def next(): (Int, UnsafeRow) = {
      if (readRow() == null) throw new NoSuchElementException
      pair
    }
  }

  override def asIterator: Iterator[Any] = asKeyValueIterator.map(_._2)
  override def readKey[T: ClassTag](): T = null.asInstanceOf[T]
  override def readValue[T: ClassTag](): T = {
    val r = readRow()
    if (r == null) throw new EOFException
    r.asInstanceOf[T]
  }
  override def readObject[T: ClassTag](): T = throw new UnsupportedOperationException
  override def close(): Unit = in.close()
}
