package org.apache.spark.sql.execution.sparkweld

import java.nio.ByteOrder

import dev.sparkweld.spark.WeldSparkConf
import dev.sparkweld.spark.exec.parquet.{ColumnSpec, NativeParquetSource, ParquetFiles, PushedFilters}
import dev.sparkweld.spark.translate.StageInput

import org.apache.spark.{OneToOneDependency, Partition, TaskContext}
import org.apache.spark.broadcast.Broadcast
import org.apache.spark.internal.Logging
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.execution.{ColumnarToRowExec, FileSourceScanExec, SparkPlan}
import org.apache.spark.sql.execution.datasources.{DataSourceStrategy, DataSourceUtils, FilePartition}
import org.apache.spark.sql.execution.datasources.parquet.{ParquetFileFormat, ParquetOptions}
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.internal.SQLConf
import org.apache.spark.util.SerializableConfiguration

/**
 * A stage input read by our Parquet decoder ([[NativeParquetSource]]) instead of Spark's vectorized reader plus a
 * copy of its batches: the scan's own file partitions (splits, bucketing, file listing and pruning stay Spark's),
 * each handed to the stage as one source that fills its native columns. Only for what the decoder reads exactly as
 * Spark does: unpartitioned Parquet tables without metadata columns, stage columns of [[ParquetFiles.readable]]
 * types, Spark's defaults for corrupt/missing files and field ids.
 */
final case class NativeParquetScan(scan: FileSourceScanExec, columns: Seq[ColumnSpec]) {
  /**
   * The stage's input: per partition one [[NativeParquetSource]], or Spark's batches for a file we do not take.
   * `decoded` counts the rows read natively (as does the scan's own row count).
   */
  def execute(decoded: SQLMetric): RDD[Any] = {
    val relation = scan.relation
    val hadoopConf = relation.sparkSession.sessionState.newHadoopConfWithOptions(relation.options)
    val conf = scan.session.sparkContext.broadcast(new SerializableConfiguration(hadoopConf))
    val sqlConf = scan.conf
    val rebase = new ParquetOptions(relation.options, sqlConf).datetimeRebaseModeInRead
    // As FileSourceScanLike's (protected) pushedDownFilters: the data filters Spark can state as source filters.
    val outputSet = scan.outputSet
    val filters = scan.dataFilters.filter(_.references.subsetOf(outputSet)).flatMap(
      DataSourceStrategy.translateFilter(_, DataSourceUtils.supportNestedPredicatePushdown(relation)))
    val pushed = PushedFilters(filters, sqlConf.parquetFilterPushDown,
      sqlConf.parquetFilterPushDownDate, sqlConf.parquetFilterPushDownTimestamp, sqlConf.parquetFilterPushDownDecimal,
      sqlConf.parquetFilterPushDownStringPredicate, sqlConf.parquetFilterPushDownInFilterThreshold)
    new NativeParquetRDD(scan.executeColumnar().asInstanceOf[RDD[Any]], conf, columns, sqlConf.caseSensitiveAnalysis,
      rebase, pushed, Seq(scan.metrics("numOutputRows"), decoded))
  }
}

object NativeParquetScan {
  /** The native read of a stage's input `child`, when it qualifies. */
  def of(child: SparkPlan, inputs: Seq[StageInput], conf: SQLConf): Option[NativeParquetScan] = {
    val scan = child match {
      case ColumnarToRowExec(s: FileSourceScanExec) => s
      case s: FileSourceScanExec if s.supportsColumnar => s
      case _ => return None
    }
    val relation = scan.relation
    // Derived inputs (computed by Spark from these while gathering) come last; the reader fills the others.
    val base = inputs.filter(_.derived.isEmpty)
    def flag(key: String, sqlDefault: Boolean) =
      relation.options.get(key).map(_.toBoolean).getOrElse(sqlDefault)
    WeldSparkConf.PARQUET_VECTORED_IO.get(conf) // a bad value fails planning, not the tasks that read it
    val ok = WeldSparkConf.PARQUET_NATIVE.get(conf) &&
      ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN &&
      relation.fileFormat.isInstanceOf[ParquetFileFormat] &&
      relation.partitionSchema.isEmpty &&
      scan.output.map(_.name) == scan.requiredSchema.fieldNames.toSeq &&
      !flag("ignoreCorruptFiles", conf.ignoreCorruptFiles) && !flag("ignoreMissingFiles", conf.ignoreMissingFiles) &&
      !conf.getConf(SQLConf.PARQUET_FIELD_ID_READ_ENABLED) &&
      base.nonEmpty && base.forall(in => ParquetFiles.readable(in.attr.dataType))
    if (!ok) None
    else Some(NativeParquetScan(scan, base.map(in => ColumnSpec(scan.output(in.ordinal).name, in.attr.dataType,
      in.nullable))))
  }
}

/** See [[NativeParquetScan]]: the scan's partitions, each read natively unless a file's footer says otherwise. */
final class NativeParquetRDD(
    var batches: RDD[Any],
    conf: Broadcast[SerializableConfiguration],
    columns: Seq[ColumnSpec],
    caseSensitive: Boolean,
    rebaseMode: String,
    pushed: PushedFilters,
    rowsRead: Seq[SQLMetric])
  extends RDD[Any](batches.sparkContext, Seq(new OneToOneDependency(batches))) with Logging {

  override protected def getPartitions: Array[Partition] = batches.partitions

  override def compute(split: Partition, context: TaskContext): Iterator[Any] = split match {
    case files: FilePartition =>
      val hadoop = conf.value.value
      val plans = files.files.toSeq.map(f => ParquetFiles.plan(hadoop, f, columns, caseSensitive, rebaseMode, pushed))
      plans.collectFirst { case Left(why) => why } match {
        case Some(why) =>
          logInfo(s"Spark's Parquet reader reads partition ${split.index}: $why")
          batches.iterator(split, context)
        case None =>
          val input = context.taskMetrics().inputMetrics
          val source = new NativeParquetSource(hadoop, plans.collect { case Right(p) => p },
            columns.map(_.nullable).toArray, (rows, bytes) => {
              rowsRead.foreach(_.add(rows))
              input.incRecordsRead(rows)
              input.incBytesRead(bytes)
            })
          context.addTaskCompletionListener[Unit](_ => source.close())
          Iterator.single(source)
      }
    case _ => batches.iterator(split, context)
  }

  override protected def getPreferredLocations(split: Partition): Seq[String] = batches.preferredLocations(split)

  override def clearDependencies(): Unit = {
    super.clearDependencies()
    batches = null
  }
}
