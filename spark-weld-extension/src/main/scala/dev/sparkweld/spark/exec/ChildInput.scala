package dev.sparkweld.spark.exec

import dev.sparkweld.spark.translate.StageInput

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.execution.{ColumnarToRowExec, SparkPlan}
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.execution.sparkweld.{ColumnBlockRowsRDD, FallbackInput, NativeParquetScan}
import org.apache.spark.sql.internal.SQLConf

/**
 * How a stage ([[WeldStageExec]], [[WeldJoinStageExec]]) reads its streamed child `in`: the column batches under the
 * columnar-to-row transition Spark put there (`columnar`), its rows, or, for a Parquet scan that qualifies, our own
 * decoder (`nativeScan`, decided on the driver with the session's conf).
 */
final case class ChildInput(in: SparkPlan, columnar: Boolean, nativeScan: Option[NativeParquetScan]) {
  /**
   * The stage's input; `decoded` counts the rows our decoder reads. A columnar exchange's column blocks come as they
   * are when `inputs` can take them ([[NativeColumns.appendBlock]]).
   */
  def rdd(decoded: SQLMetric, inputs: Seq[StageInput]): RDD[Any] = nativeScan.map(_.execute(decoded)).getOrElse(
    if (columnar) in.executeColumnar().asInstanceOf[RDD[Any]]
    else ChildInput.rowsOrBlocks(in.execute(), inputs).asInstanceOf[RDD[Any]])

  /** The same input as a leaf of the fallback plan (rows, as Spark's operators above it read them). */
  def fallback: SparkPlan = if (columnar) ColumnarToRowExec(FallbackInput(in)) else FallbackInput(in)

  /** What EXPLAIN says the stage reads (`columnarInput`: as planned). */
  def kind(columnarInput: Boolean): String =
    if (nativeScan.isDefined) "native Parquet" else if (columnarInput) "columnar" else "row"
}

object ChildInput {
  /** `rows`, or the column blocks under it when it reads a columnar exchange and `inputs` can take them. */
  def rowsOrBlocks(rows: RDD[InternalRow], inputs: Seq[StageInput]): RDD[InternalRow] =
    if (NativeColumns.readsBlocks(inputs)) ColumnBlockRowsRDD.blocksOf(rows) else rows

  def of(child: SparkPlan, inputs: Seq[StageInput], conf: SQLConf): ChildInput = {
    val (in, columnar) = child match {
      case c2r: ColumnarToRowExec => (c2r.child, true)
      case c => (c, c.supportsColumnar)
    }
    ChildInput(in, columnar, NativeParquetScan.of(child, inputs, conf))
  }
}
