package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.{Partition, Partitioner, TaskContext}
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.UnsafeRow
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.types.DataType

/**
 * The rows of a columnar exchange's partitions, as Spark's operators read them, over `blocks`, the shuffle's records
 * as read. A Weld stage reading the exchange asks for `blocks` instead ([[ColumnBlockRowsRDD.blocksOf]]).
 */
final class ColumnBlockRowsRDD(val blocks: RDD[InternalRow], types: Array[DataType])
  extends RDD[InternalRow](blocks) {

  override val partitioner: Option[Partitioner] = blocks.partitioner

  override protected def getPartitions: Array[Partition] = firstParent[InternalRow].partitions

  override protected def getPreferredLocations(split: Partition): Seq[String] =
    firstParent[InternalRow].preferredLocations(split)

  override def compute(split: Partition, context: TaskContext): Iterator[InternalRow] = {
    val decode = new ColumnBlockRows(types)
    firstParent[InternalRow].iterator(split, context).flatMap(b => decode.rows(b.asInstanceOf[ColumnBlock]))
  }
}

object ColumnBlockRowsRDD {
  /** The shuffle's blocks when `rdd` reads a columnar exchange, else `rdd` itself. */
  def blocksOf(rdd: RDD[InternalRow]): RDD[InternalRow] = rdd match {
    case r: ColumnBlockRowsRDD => r.blocks
    case other => other
  }
}

/**
 * The map side of a columnar exchange: (partition id, row) pairs, as Spark's exchange computes them, gathered into
 * one [[ColumnBlockBuilder]] per partition and handed on as (partition id, block) when a block reaches `blockBytes`,
 * the rest at the end. A block is never empty: AQE reads "no rows" from a shuffle that wrote no record.
 */
object ColumnBlockEncoder {
  def encode(pairs: Iterator[Product2[Int, InternalRow]], kinds: Array[Int], numPartitions: Int, blockBytes: Long,
      dataSize: SQLMetric, rowsWritten: SQLMetric): Iterator[Product2[Int, InternalRow]] =
    new Iterator[Product2[Int, InternalRow]] {
      private val builders = new Array[ColumnBlockBuilder](numPartitions)
      private var ready: (Int, InternalRow) = _
      private var drainFrom = -1 // the input is exhausted: builders from here on are emptied in order

      override def hasNext: Boolean = {
        while (ready == null) {
          if (drainFrom < 0) {
            if (pairs.hasNext) add(pairs.next()) else drainFrom = 0
          } else if (drainFrom < numPartitions) {
            val b = builders(drainFrom)
            if (b != null && b.rows > 0) emit(drainFrom, b)
            drainFrom += 1
          } else return false
        }
        true
      }

      override def next(): Product2[Int, InternalRow] = {
        if (!hasNext) throw new NoSuchElementException
        val r = ready
        ready = null
        r
      }

      private def add(pair: Product2[Int, InternalRow]): Unit = {
        val p = pair._1
        val row = pair._2.asInstanceOf[UnsafeRow]
        var b = builders(p)
        if (b == null) { b = new ColumnBlockBuilder(kinds); builders(p) = b }
        b.add(row)
        dataSize.add(row.getSizeInBytes) // what Spark's row serializer counts, for AQE's decisions
        // The size is summed over the columns: looked at every few rows only.
        if ((b.rows & 31) == 0 && b.size >= blockBytes) emit(p, b)
      }

      private def emit(p: Int, b: ColumnBlockBuilder): Unit = {
        rowsWritten.add(b.rows)
        ready = (p, b.build())
      }
    }

  /** Bytes per block: a share of `budget` (all partitions' builders of a task), within [16 KiB, 1 MiB]. */
  def blockBytes(budget: Long, numPartitions: Int): Long =
    math.max(16L << 10, math.min(1L << 20, budget / math.max(1, numPartitions)))
}
