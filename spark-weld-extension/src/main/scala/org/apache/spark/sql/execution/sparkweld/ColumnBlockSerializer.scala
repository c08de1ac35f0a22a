package org.apache.spark.sql.execution.sparkweld

import java.io.{DataInputStream, EOFException, InputStream, OutputStream}
import java.nio.ByteBuffer

import scala.reflect.ClassTag

import org.apache.spark.serializer.{DeserializationStream, SerializationStream, Serializer, SerializerInstance}

/**
 * Shuffle records that are [[ColumnBlock]]s: a 4-byte big-endian size, then the block's bytes. Each record is
 * self-contained, so Spark's serialized sort shuffle may relocate them. Reading gives every block an array of its
 * own: a Weld stage may still be copying one block's columns when it asks for the next.
 */
final class ColumnBlockSerializer extends Serializer with Serializable {
  override def newInstance(): SerializerInstance = new ColumnBlockSerializerInstance
  override private[spark] def supportsRelocationOfSerializedObjects: Boolean = true
}

private final class ColumnBlockSerializerInstance extends SerializerInstance {
  override def serializeStream(out: OutputStream): SerializationStream = new BlocksOut(out)
  override def deserializeStream(in: InputStream): DeserializationStream = new BlocksIn(in)

  // Shuffles only stream records.
  override def serialize[T: ClassTag](t: T): ByteBuffer = throw new UnsupportedOperationException
  override def deserialize[T: ClassTag](bytes: ByteBuffer): T = throw new UnsupportedOperationException
  override def deserialize[T: ClassTag](bytes: ByteBuffer, loader: ClassLoader): T =
    throw new UnsupportedOperationException
}

private final class BlocksOut(out: OutputStream) extends SerializationStream {
  private[this] val size = new Array[Byte](4)

  override def writeKey[T: ClassTag](key: T): SerializationStream = this // the partition id, used on the map side only

  override def writeValue[T: ClassTag](value: T): SerializationStream = {
    val bytes = value.asInstanceOf[ColumnBlock].bytes
    val n = bytes.length
    size(0) = (n >>> 24).toByte
    size(1) = (n >>> 16).toByte
    size(2) = (n >>> 8).toByte
    size(3) = n.toByte
    out.write(size)
    out.write(bytes)
    this
  }

  override def writeObject[T: ClassTag](t: T): SerializationStream = throw new UnsupportedOperationException
  override def writeAll[T: ClassTag](iter: Iterator[T]): SerializationStream = throw new UnsupportedOperationException
  override def flush(): Unit = out.flush()
  override def close(): Unit = out.close()
}

private final class BlocksIn(in: InputStream) extends DeserializationStream {
  private[this] val data = new DataInputStream(in)
  private[this] var pending: ColumnBlock = _
  private[this] var ended = false

  /** Reads the next block into `pending`; false at the stream's end. */
  private def fetch(): Boolean = {
    if (pending != null) return true
    if (ended) return false
    val first = data.read()
    if (first < 0) { ended = true; return false }
    val n = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedByte() << 8) | data.readUnsignedByte()
    if (n < 0) { ended = true; return false }
    val bytes = new Array[Byte](n)
    try data.readFully(bytes) catch {
      case e: EOFException => throw new EOFException(s"shuffle block ends inside a column block of $n bytes")
    }
    pending = new ColumnBlock(bytes)
    true
  }

  private def nextBlock(): ColumnBlock = {
    if (!fetch()) throw new NoSuchElementException
    val b = pending
    pending = null
    b
  }

  override def asKeyValueIterator: Iterator[(Int, ColumnBlock)] = new Iterator[(Int, ColumnBlock)] {
    override def hasNext: Boolean = fetch()
    override def next(): (Int, ColumnBlock) = (0, nextBlock()) // the key was not written; readers drop it
  }

  override def asIterator: Iterator[Any] = asKeyValueIterator.map(_._2)
  override def readKey[T: ClassTag](): T = null.asInstanceOf[T]
  override def readValue[T: ClassTag](): T = {
    if (!fetch()) throw new EOFException
    nextBlock().asInstanceOf[T]
  }
  override def readObject[T: ClassTag](): T = throw new UnsupportedOperationException
  override def close(): Unit = in.close()
}
