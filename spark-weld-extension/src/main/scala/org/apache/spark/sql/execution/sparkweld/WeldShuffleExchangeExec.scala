package org.apache.spark.sql.execution.sparkweld

import dev.sparkweld.spark.WeldSparkConf

import org.apache.spark.ShuffleDependency
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.plans.logical.Statistics
import org.apache.spark.sql.catalyst.plans.physical.Partitioning
import org.apache.spark.sql.execution.{ShufflePartitionSpec, ShuffledRowRDD, SparkPlan, SQLExecution}
import org.apache.spark.sql.execution.exchange.{ShuffleExchangeExec, ShuffleOrigin}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics, SQLShuffleWriteMetricsReporter}

/**
 * Spark's shuffle exchange (same partitioning, shuffle manager, AQE statistics and reuse, same node name in EXPLAIN)
 * whose rows move through a serializer of ours: with `spark.weld.shuffle.columnar` and a row type [[ColumnBlock]]s hold, as
 * column blocks (one shuffle record per block, which Weld stages reading the exchange copy column by column and
 * Spark's operators read back as rows), otherwise as Spark's row bytes through [[BufferedRowSerializer]]. A subclass,
 * not a copy: Spark's rules match exchanges by this class, and any rule that rebuilds one with `copy` just gets
 * Spark's serializer back; the same four parameters as Spark's, which `makeCopy` passes.
 */
class WeldShuffleExchangeExec(p: Partitioning, c: SparkPlan, o: ShuffleOrigin, a: Option[Long])
  extends ShuffleExchangeExec(p, c, o, a) {

  // Bytes the column builders of one map task may gather across its partitions; 0: rows.
  @transient private lazy val blockBudget: Long =
    if (WeldSparkConf.SHUFFLE_COLUMNAR.get(conf)) WeldSparkConf.SHUFFLE_BLOCK_BUFFER.get(conf) else 0L

  // Rows, for AQE's statistics: Spark's "records written" counts blocks here.
  @transient private lazy val rowsWritten: SQLMetric = SQLMetrics.createMetric(sparkContext, "rows written")

  @transient
  override lazy val shuffleDependency: ShuffleDependency[Int, InternalRow, InternalRow] = {
    val writeKeys = SQLShuffleWriteMetricsReporter.createShuffleWriteMetrics(sparkContext).keySet
    val types = child.output.map(_.dataType).toArray
    val blocks = blockBudget > 0 && ColumnBlock.supports(types.toSeq)
    val dataSize = longMetric("dataSize")
    val rowDep = ShuffleExchangeExec.prepareShuffleDependency(inputRDD, child.output, outputPartitioning,
      new BufferedRowSerializer(child.output.size, if (blocks) null else dataSize),
      metrics.filter(m => writeKeys(m._1)))
    // Spark's partition ids, computed over the rows as its exchange computes them, are kept; only the records differ.
    // (Row-based checksums, when enabled, sum the records as rows: those shuffles keep rows.)
    val dep = if (!blocks || rowDep.rowBasedChecksums.nonEmpty) rowDep else {
      val kinds = types.map(ColumnBlock.kind)
      val n = rowDep.partitioner.numPartitions
      val blockBytes = ColumnBlockEncoder.blockBytes(blockBudget, n)
      val rows = rowsWritten
      val encoded = rowDep.rdd.mapPartitionsInternal(it => ColumnBlockEncoder.encode(
        it.asInstanceOf[Iterator[Product2[Int, InternalRow]]], kinds, n, blockBytes, dataSize, rows))
      new ShuffleDependency[Int, InternalRow, InternalRow](encoded, rowDep.partitioner, new ColumnBlockSerializer,
        shuffleWriterProcessor = rowDep.shuffleWriterProcessor)
    }
    metrics("numPartitions").set(dep.partitioner.numPartitions)
    SQLMetrics.postDriverMetricUpdates(sparkContext, sparkContext.getLocalProperty(SQLExecution.EXECUTION_ID_KEY),
      metrics("numPartitions") :: Nil)
    dep
  }

  private def columnBlocks: Boolean = shuffleDependency.serializer.isInstanceOf[ColumnBlockSerializer]

  private def rowsOf(shuffled: ShuffledRowRDD): RDD[InternalRow] =
    if (columnBlocks) new ColumnBlockRowsRDD(shuffled, child.output.map(_.dataType).toArray) else shuffled

  @transient private var cachedRows: RDD[InternalRow] = _

  override protected def doExecute(): RDD[InternalRow] = {
    // One RDD for every parent that reads the whole exchange, as Spark's exchange keeps one.
    if (cachedRows == null) cachedRows = rowsOf(new ShuffledRowRDD(shuffleDependency, readMetrics))
    cachedRows
  }

  override def getShuffleRDD(partitionSpecs: Array[ShufflePartitionSpec]): RDD[InternalRow] =
    rowsOf(new ShuffledRowRDD(shuffleDependency, readMetrics, partitionSpecs))

  // AQE reads row counts from here (an empty stage, LIMITs it may drop): rows, not records, when they differ.
  override def runtimeStatistics: Statistics =
    if (columnBlocks) Statistics(metrics("dataSize").value, Some(rowsWritten.value)) else super.runtimeStatistics

  override protected def withNewChildInternal(newChild: SparkPlan): ShuffleExchangeExec =
    new WeldShuffleExchangeExec(outputPartitioning, newChild, shuffleOrigin, advisoryPartitionSize)

  // Spark's case-class equality would call this node equal to the exchange it replaces, and a transform that sees
  // an "unchanged" node keeps the old one.
  override def canEqual(that: Any): Boolean = that.isInstanceOf[WeldShuffleExchangeExec]
  override def equals(that: Any): Boolean = that.isInstanceOf[WeldShuffleExchangeExec] && super.equals(that)
  override def hashCode(): Int = super.hashCode()
}

object WeldShuffleExchangeExec {
  /** Spark's own row exchanges (not subclasses, not columnar ones of other extensions) get the buffered rows. */
  def replace(plan: SparkPlan): SparkPlan = plan.transformUp {
    case s: ShuffleExchangeExec if s.getClass == classOf[ShuffleExchangeExec] =>
      val w = new WeldShuffleExchangeExec(s.outputPartitioning, s.child, s.shuffleOrigin, s.advisoryPartitionSize)
      w.copyTagsFrom(s)
      w
  }
}
