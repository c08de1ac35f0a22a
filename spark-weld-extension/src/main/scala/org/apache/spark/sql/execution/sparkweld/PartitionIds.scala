package org.apache.spark.sql.execution.sparkweld

import dev.sparkweld.spark.exec.NativeRows

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, BindReferences, BoundReference, Expression,
  UnsafeProjection}
import org.apache.spark.sql.types.StringType

/**
 * Spark's partition id of a row for an exchange with `numPartitions` partitions: `idExpression` (its
 * `partitionIdExpression` over `output`, or none for a single partition) over a row, or over a range of a Weld
 * stage's kernel result. Hash keys that are plain columns hash straight from the result's vectors, column by column,
 * as Spark's Murmur3Hash with seed 42 then pmod: the same ids, without a row view and a projection per row.
 */
final class PartitionIds(idExpression: Option[Expression], keys: Seq[Expression], output: Seq[Attribute],
    numPartitions: Int) {
  private lazy val projection = idExpression.map(e => UnsafeProjection.create(e :: Nil, output)).orNull

  // Null once a key's type is hashed otherwise (murmur3 says so on the first batch).
  private var keyColumns: Array[Int] = {
    val bound = keys.map(BindReferences.bindReference(_, output, allowFailures = true))
    if (bound.forall(_.isInstanceOf[BoundReference])) bound.map(_.asInstanceOf[BoundReference].ordinal).toArray
    else null
  }
  private var hashes = new Array[Int](0)

  def of(row: InternalRow): Int = if (projection == null) 0 else projection(row).getInt(0)

  /** The ids of rows [from, until) of `batch` into `out` (from index 0). */
  def of(batch: NativeRows, from: Int, until: Int, out: Array[Int]): Unit = {
    val k = until - from
    if (projection == null) { java.util.Arrays.fill(out, 0, k, 0); return }
    if (keyColumns != null) {
      if (hashes.length < k) hashes = new Array[Int](out.length)
      java.util.Arrays.fill(hashes, 0, k, 42)
      var i = 0
      var direct = true
      while (direct && i < keyColumns.length) { direct = batch.murmur3(keyColumns(i), from, until, hashes); i += 1 }
      if (direct) {
        i = 0
        while (i < k) {
          val m = hashes(i) % numPartitions
          out(i) = if (m < 0) m + numPartitions else m
          i += 1
        }
        return
      }
      keyColumns = null
    }
    val view = new batch.View
    var r = from
    while (r < until) { out(r - from) = projection(view.at(r)).getInt(0); r += 1 }
  }
}

object PartitionIds {
  /** Whether Murmur3Hash hashes a string of type `s` by its bytes (not by its collation's key). */
  def hashesBytes(s: StringType): Boolean = s.supportsBinaryEquality && !s.usesTrimCollation
}
