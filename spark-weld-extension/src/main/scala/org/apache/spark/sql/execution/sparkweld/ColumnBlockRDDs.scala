package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.{Partition, Partitioner, TaskContext}
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.UnsafeRow
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.types.DataType

import dev.sparkweld.spark.exec.NativeRowIterator

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
 * The map side of a columnar exchange: rows gathered into one [[ColumnBlockBuilder]] per partition and handed on as
 * (partition id, block) when a block reaches `blockBytes`, the rest at the end. A block is never empty: AQE reads "no
 * rows" from a shuffle that wrote no record.
 */
object ColumnBlockEncoder {
  /** Rows with the partition ids Spark's exchange computed for them (any partitioning). */
  def encode(pairs: Iterator[Product2[Int, InternalRow]], kinds: Array[Int], numPartitions: Int, blockBytes: Long,
      dataSize: SQLMetric, rowsWritten: SQLMetric): Iterator[Product2[Int, InternalRow]] =
    new Blocks(kinds, numPartitions, blockBytes, dataSize, rowsWritten) {
      override protected def more(): Boolean = pairs.hasNext && {
        val pair = pairs.next()
        addRow(pair._2, pair._1)
        true
      }
    }

  /**
   * A child's rows, each in the partition `ids` gives it (Spark's partition id of the row). A Weld stage's kernel
   * results are read whole ([[NativeRowIterator.takeBatch]]), a slice of rows at a time: their ids computed over the
   * result vectors in place, their values scattered from the vectors into the blocks column by column.
   */
  def encodeRows(rows: Iterator[InternalRow], ids: PartitionIds, kinds: Array[Int], numPartitions: Int,
      blockBytes: Long, dataSize: SQLMetric, rowsWritten: SQLMetric): Iterator[Product2[Int, InternalRow]] =
    new Blocks(kinds, numPartitions, blockBytes, dataSize, rowsWritten) {
      private val native = rows match {
        case n: NativeRowIterator => n
        case _ => null
      }
      private val pids = new Array[Int](SLICE)
      private val counts = new Array[Int](numPartitions)

      override protected def more(): Boolean = rows.hasNext && {
        val batch = if (native != null) native.takeBatch() else null
        if (batch != null && batch.writesBlocks(kinds)) {
          // Slices of rows, column by column; full blocks leave between slices.
          var from = 0
          while (from < batch.rows) {
            val until = math.min(batch.rows, from + SLICE)
            ids.of(batch, from, until, pids)
            var i = 0
            while (i < until - from) { val p = pids(i); builder(p); counts(p) += 1; i += 1 }
            dataSize.add(batch.scatter(from, until, pids, builders))
            var p = 0
            while (p < numPartitions) {
              if (counts(p) > 0) { builders(p).endRows(counts(p)); counts(p) = 0; addedMany(p, builders(p)) }
              p += 1
            }
            from = until
          }
        } else if (batch != null) {
          var r = 0
          while (r < batch.rows) { val row = batch.row(r); addRow(row, ids.of(row)); r += 1 }
        } else {
          val row = rows.next()
          addRow(row, ids.of(row))
        }
        true
      }
    }

  /** Rows a columnar exchange takes from a kernel result at a time. */
  private val SLICE = 1024

  /**
   * Bytes per block: a share of `budget` (all partitions' builders of a task), within [16 KiB, 256 KiB]. Larger
   * blocks are slower (measured: 1 MiB blocks 4% over TPC-H's join queries): the JVM allocates arrays of half its
   * heap region size (1 MiB for a 6 GiB heap) and more as whole regions of their own, for every block read.
   */
  def blockBytes(budget: Long, numPartitions: Int): Long =
    math.max(16L << 10, math.min(256L << 10, budget / math.max(1, numPartitions)))

  /** The blocks of one map task; `more` adds input (false at its end), full blocks queue up for `next`. */
  private abstract class Blocks(kinds: Array[Int], numPartitions: Int, blockBytes: Long, dataSize: SQLMetric,
      rowsWritten: SQLMetric) extends Iterator[Product2[Int, InternalRow]] {
    protected final val builders = new Array[ColumnBlockBuilder](numPartitions)
    private val ready = new java.util.ArrayDeque[(Int, InternalRow)]()
    private var drainFrom = -1 // the input is exhausted: builders from here on are emptied in order

    protected def more(): Boolean

    protected final def builder(p: Int): ColumnBlockBuilder = {
      var b = builders(p)
      if (b == null) { b = new ColumnBlockBuilder(kinds); builders(p) = b }
      b
    }

    /** A row was added to partition `p`'s builder `b`. The size sums over the columns: looked at every few rows. */
    protected final def added(p: Int, b: ColumnBlockBuilder): Unit =
      if ((b.rows & 31) == 0 && b.size >= blockBytes) emit(p, b)

    /** Rows were added to partition `p`'s builder `b`, column by column. */
    protected final def addedMany(p: Int, b: ColumnBlockBuilder): Unit = if (b.size >= blockBytes) emit(p, b)

    protected final def addRow(row: InternalRow, p: Int): Unit = {
      val u = row.asInstanceOf[UnsafeRow]
      val b = builder(p)
      b.add(u)
      dataSize.add(u.getSizeInBytes) // what Spark's row serializer counts, for AQE's decisions
      added(p, b)
    }

    private def emit(p: Int, b: ColumnBlockBuilder): Unit = {
      rowsWritten.add(b.rows)
      ready.add((p, b.build()))
    }

    override def hasNext: Boolean = {
      while (ready.isEmpty) {
        if (drainFrom < 0) {
          if (!more()) drainFrom = 0
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
      ready.poll()
    }
  }
}
