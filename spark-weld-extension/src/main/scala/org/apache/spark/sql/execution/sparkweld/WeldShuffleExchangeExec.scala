package org.apache.spark.sql.execution.sparkweld

import dev.sparkweld.spark.WeldSparkConf

import org.apache.spark.{PartitionIdPassthrough, ShuffleDependency}
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.plans.logical.Statistics
import org.apache.spark.sql.catalyst.plans.physical.{HashPartitioning, Partitioning, SinglePartition}
import org.apache.spark.sql.execution.{ShufflePartitionSpec, ShuffledRowRDD, SparkPlan, SQLExecution}
import org.apache.spark.sql.execution.exchange.{ShuffleExchangeExec, ShuffleOrigin}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics, SQLShuffleWriteMetricsReporter}
import org.apache.spark.sql.internal.SQLConf
import org.apache.spark.sql.types.DataType

/**
 * Spark's shuffle exchange (same partitioning, shuffle manager, AQE statistics and reuse, same node name in EXPLAIN)
 * whose rows move through a serializer of ours: with `spark.weld.shuffle.columnar` and a row type [[ColumnBlock]]s
 * hold, as column blocks (one shuffle record per block; Weld stages reading the exchange copy them column by column,
 * Spark's operators read them back as rows), otherwise as Spark's row bytes through [[BufferedRowSerializer]]. A
 * subclass, not a copy: Spark's rules match exchanges by this class, and any rule that rebuilds one with `copy` just
 * gets Spark's serializer back; the same four parameters as Spark's, which `makeCopy` passes.
 */
class WeldShuffleExchangeExec(p: Partitioning, c: SparkPlan, o: ShuffleOrigin, a: Option[Long])
  extends ShuffleExchangeExec(p, c, o, a) {

  @transient private lazy val blockBudget: Long = WeldShuffleExchangeExec.blockBudget(conf)

  // Rows, for AQE's statistics: Spark's "records written" counts blocks here.
  @transient private lazy val rowsWritten: SQLMetric = SQLMetrics.createMetric(sparkContext, "rows written")

  @transient
  override lazy val shuffleDependency: ShuffleDependency[Int, InternalRow, InternalRow] = {
    val writeKeys = SQLShuffleWriteMetricsReporter.createShuffleWriteMetrics(sparkContext).keySet
    val writeMetrics = metrics.filter(m => writeKeys(m._1))
    val types = child.output.map(_.dataType).toArray
    val blocks = blockBudget > 0 && WeldShuffleExchangeExec.blocksOf(types.toSeq, conf)
    val kinds = types.map(ColumnBlock.kind)
    val dataSize = longMetric("dataSize")
    val rows = rowsWritten
    def blockDependency(encoded: RDD[Product2[Int, InternalRow]], n: Int) =
      new ShuffleDependency[Int, InternalRow, InternalRow](encoded, new PartitionIdPassthrough(n),
        new ColumnBlockSerializer,
        shuffleWriterProcessor = ShuffleExchangeExec.createShuffleWriteProcessor(writeMetrics))
    val dep = outputPartitioning match {
      // Hash and single partitions: the partition id of a row is Spark's expression over it, which a Weld stage's
      // kernel results are read by in place.
      case h: HashPartitioning if blocks =>
        val n = h.numPartitions
        val blockBytes = ColumnBlockEncoder.blockBytes(blockBudget, n)
        val output = child.output
        blockDependency(inputRDD.mapPartitionsInternal { it =>
          val ids = new PartitionIds(Some(h.partitionIdExpression), h.expressions, output, n)
          ColumnBlockEncoder.encodeRows(it, ids, kinds, n, blockBytes, dataSize, rows)
        }, n)
      case SinglePartition if blocks =>
        val blockBytes = ColumnBlockEncoder.blockBytes(blockBudget, 1)
        blockDependency(inputRDD.mapPartitionsInternal { it =>
          ColumnBlockEncoder.encodeRows(it, new PartitionIds(None, Nil, Nil, 1), kinds, 1, blockBytes, dataSize, rows)
        }, 1)
      case _ =>
        val rowDep = ShuffleExchangeExec.prepareShuffleDependency(inputRDD, child.output, outputPartitioning,
          new BufferedRowSerializer(child.output.size, if (blocks) null else dataSize), writeMetrics)
        if (!blocks) rowDep else {
          // Round-robin and range partitions: Spark's partition ids (its sort before a round robin, its sampled
          // ranges), computed over the rows as its exchange computes them; only the records differ.
          val n = rowDep.partitioner.numPartitions
          val blockBytes = ColumnBlockEncoder.blockBytes(blockBudget, n)
          blockDependency(rowDep.rdd.mapPartitionsInternal(it => ColumnBlockEncoder.encode(
            it.asInstanceOf[Iterator[Product2[Int, InternalRow]]], kinds, n, blockBytes, dataSize, rows)), n)
        }
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
  /** Bytes the column builders of one map task may gather across its partitions; 0: rows. */
  def blockBudget(conf: SQLConf): Long =
    if (WeldSparkConf.SHUFFLE_COLUMNAR.get(conf)) WeldSparkConf.SHUFFLE_BLOCK_BUFFER.get(conf) else 0L

  /** Rows of these types move as column blocks (row-based checksums sum the records as rows: those keep rows). */
  def blocksOf(types: Seq[DataType], conf: SQLConf): Boolean =
    ColumnBlock.supports(types) && !conf.shuffleOrderIndependentChecksumEnabled

  /**
   * Whether exchange `e` will write column blocks straight from a Weld stage's kernel results (hash and single
   * partitions; round-robin and range ones take Spark's partition ids over rows).
   */
  def blocksFromKernels(e: ShuffleExchangeExec, conf: SQLConf): Boolean =
    WeldSparkConf.SHUFFLE.get(conf) && blockBudget(conf) > 0 && blocksOf(e.child.output.map(_.dataType), conf) &&
      (e.outputPartitioning match {
        case _: HashPartitioning | SinglePartition => true
        case _ => false
      })

  /** Spark's own row exchanges (not subclasses, not columnar ones of other extensions) get the buffered rows. */
  def replace(plan: SparkPlan): SparkPlan = plan.transformUp {
    case s: ShuffleExchangeExec if s.getClass == classOf[ShuffleExchangeExec] =>
      val w = new WeldShuffleExchangeExec(s.outputPartitioning, s.child, s.shuffleOrigin, s.advisoryPartitionSize)
      w.copyTagsFrom(s)
      w
  }
}
