package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.broadcast.Broadcast
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.Attribute
import org.apache.spark.sql.execution.{LeafExecNode, SparkPlan}
import org.apache.spark.sql.vectorized.ColumnarBatch

/**
 * The input of a Weld stage's fallback plan, as a leaf that code generation does not enter: the input was already
 * planned (and may itself be generated code), so generating the fallback's code must stop here and read it as an RDD
 * (or a broadcast, for a join's build side: why this class lives in Spark's package).
 */
case class FallbackInput(input: SparkPlan) extends LeafExecNode {
  override def output: Seq[Attribute] = input.output
  override def supportsColumnar: Boolean = input.supportsColumnar
  override protected def doExecute(): RDD[InternalRow] = input.execute()
  override protected def doExecuteColumnar(): RDD[ColumnarBatch] = input.executeColumnar()
  override protected[sql] def doExecuteBroadcast[T](): Broadcast[T] = input.executeBroadcast[T]()
}
