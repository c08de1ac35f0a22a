package dev.sparkweld.spark.exec

import org.apache.spark.SparkContext
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics}

/** The SQL metrics every Weld node shows in the Spark UI. */
object WeldMetrics {
  def create(sc: SparkContext): Map[String, SQLMetric] = Map(
    "numInputRows" -> SQLMetrics.createMetric(sc, "number of input rows"),
    "numOutputRows" -> SQLMetrics.createMetric(sc, "number of output rows"),
    "compileTime" -> SQLMetrics.createTimingMetric(sc, "Weld compile time"),
    "kernelTime" -> SQLMetrics.createTimingMetric(sc, "Weld kernel time"),
    "kernelCalls" -> SQLMetrics.createMetric(sc, "Weld kernel calls"),
    "fallbacks" -> SQLMetrics.createMetric(sc, "partitions run by Spark's plan"),
    "inputTime" -> SQLMetrics.createTimingMetric(sc, "input time (scan and gathering)"),
    "parquetRows" -> SQLMetrics.createMetric(sc, "rows decoded by the native Parquet reader"),
    "blockRows" -> SQLMetrics.createMetric(sc, "rows read as column blocks of an exchange"))

  def of(m: Map[String, SQLMetric]): StageMetrics = StageMetrics(m("numInputRows"), m("numOutputRows"),
    m("compileTime"), m("kernelTime"), m("kernelCalls"), m("fallbacks"), m("inputTime"), m("blockRows"))
}
