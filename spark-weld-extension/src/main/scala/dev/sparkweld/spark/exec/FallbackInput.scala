package dev.sparkweld.spark.exec

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.Attribute
import org.apache.spark.sql.execution.{LeafExecNode, SparkPlan}
import org.apache.spark.sql.vectorized.ColumnarBatch

/**
 * The input of a stage's fallback plan, as a leaf that code generation does not enter: the input was already planned
 * (and may itself be generated code), so generating the fallback's code must stop here and read it as an RDD.
 */
case class FallbackInput(input: SparkPlan) extends LeafExecNode {
  override def output: Seq[Attribute] = input.output
  override def supportsColumnar: Boolean = input.supportsColumnar
  override protected def doExecute(): RDD[InternalRow] = input.execute()
  override protected def doExecuteColumnar(): RDD[ColumnarBatch] = input.executeColumnar()
}
