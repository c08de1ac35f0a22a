package dev.sparkweld.spark.exec

import org.apache.spark.sql.execution.vectorized.{Dictionary, OffHeapColumnVector, OnHeapColumnVector, WritableColumnVector}
import org.apache.spark.unsafe.Platform

/**
 * Where Spark's own column vectors keep their values and null bytes, so that native columns copy them in bulk: one
 * copy straight from the vector's storage (`getLongs` and friends allocate an array per call and copy twice). Also
 * the dictionary of a dictionary-encoded vector (a protected field).
 *
 * A [[Location]] is read with Platform's accessors: an array and its base offset on heap, no object and the address
 * off heap. None when the vector is of another kind, or Spark's private fields are not where they were (the callers
 * then read through the vector's getters).
 */
object VectorAccess {
  final class Location(val base: AnyRef, val offset: Long)

  /** What a vector stores per row: 4-byte ints (int, date, decimal up to 9 digits), longs, or doubles. */
  final val INTS = 0
  final val LONGS = 1
  final val DOUBLES = 2

  /**
   * The dictionary of `v`, read reflectively: a class of ours in the field's package would not do, since attached
   * with `--jars` the extension's classes come from another class loader, hence another runtime package, and the
   * JVM refuses them the protected field (IllegalAccessError).
   */
  def dictionary(v: WritableColumnVector): Dictionary = dictionaryField.get(v).asInstanceOf[Dictionary]

  /**
   * What identifies `dict` across batches: Spark wraps a Parquet column chunk's dictionary anew for every batch it
   * reads, so the wrapped dictionary when there is one.
   */
  def dictionaryKey(dict: Dictionary): AnyRef =
    if (parquetDictionary != null && parquetDictionary.getDeclaringClass.isInstance(dict)) {
      val inner = parquetDictionary.get(dict)
      if (inner == null) dict else inner
    } else dict

  /** A private field made readable, or null when it is not there. */
  private def field(owner: => Class[_], name: String): java.lang.reflect.Field =
    try {
      val f = owner.getDeclaredField(name)
      f.setAccessible(true)
      f
    } catch {
      case _: ReflectiveOperationException | _: RuntimeException | _: LinkageError => null
    }

  private val dictionaryField = Option(field(classOf[WritableColumnVector], "dictionary"))
    .getOrElse(throw new IllegalStateException("Spark's WritableColumnVector has no dictionary field"))
  private val parquetDictionary =
    field(Class.forName("org.apache.spark.sql.execution.datasources.parquet.ParquetDictionary"), "dictionary")
  private val heapNulls = field(classOf[OnHeapColumnVector], "nulls")
  private val heapValues = Array("intData", "longData", "doubleData").map(field(classOf[OnHeapColumnVector], _))
  private val offHeapNulls = field(classOf[OffHeapColumnVector], "nulls")
  private val arrayOffsets =
    Array(Platform.INT_ARRAY_OFFSET.toLong, Platform.LONG_ARRAY_OFFSET.toLong, Platform.DOUBLE_ARRAY_OFFSET.toLong)

  /** The values of `v`, stored as `storage` ([[INTS]], [[LONGS]] or [[DOUBLES]]); ignores any dictionary. */
  def values(v: WritableColumnVector, storage: Int): Location = v match {
    case off: OffHeapColumnVector => new Location(null, off.valuesNativeAddress())
    case on: OnHeapColumnVector if heapValues(storage) != null =>
      val array = heapValues(storage).get(on)
      if (array == null) null else new Location(array, arrayOffsets(storage))
    case _ => null
  }

  /** The null bytes of `v` (1 = null, as in the Weld ABI). */
  def nulls(v: WritableColumnVector): Location = v match {
    case off: OffHeapColumnVector if offHeapNulls != null => new Location(null, offHeapNulls.getLong(off))
    case on: OnHeapColumnVector if heapNulls != null =>
      val array = heapNulls.get(on)
      if (array == null) null else new Location(array, Platform.BYTE_ARRAY_OFFSET.toLong)
    case _ => null
  }
}
