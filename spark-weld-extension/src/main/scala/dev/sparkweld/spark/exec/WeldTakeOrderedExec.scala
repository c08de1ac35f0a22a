package dev.sparkweld.spark.exec

import dev.sparkweld.spark.translate.SortPlan

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, SortOrder, UnsafeProjection}
import org.apache.spark.sql.catalyst.expressions.codegen.LazilyGeneratedOrdering
import org.apache.spark.sql.catalyst.plans.physical.{Partitioning, SinglePartition}
import org.apache.spark.sql.execution.{ShuffledRowRDD, SparkPlan, TakeOrderedAndProjectExec, UnaryExecNode,
  UnsafeRowSerializer}
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLShuffleReadMetricsReporter,
  SQLShuffleWriteMetricsReporter}

/**
 * Spark's `TakeOrderedAndProjectExec` (ORDER BY ... LIMIT n [OFFSET m]) with both top-N steps on Weld: each partition
 * keeps its first `limit` rows by a kernel, the survivors meet in one partition (or on the driver for a collect) and
 * a kernel orders them again; then the offset is dropped and the projection applied. Spark's per-partition top-N is
 * the fallback of the first step.
 */
case class WeldTakeOrderedExec(plan: SortPlan, original: TakeOrderedAndProjectExec, child: SparkPlan,
    weldConf: Map[String, String], batchRows: Int) extends UnaryExecNode {
  private lazy val writeMetrics = SQLShuffleWriteMetricsReporter.createShuffleWriteMetrics(sparkContext)
  private lazy val readMetrics = SQLShuffleReadMetricsReporter.createShuffleReadMetrics(sparkContext)
  override lazy val metrics: Map[String, SQLMetric] = WeldMetrics.create(sparkContext) ++ readMetrics ++ writeMetrics

  private def limit: Int = original.limit
  private def offset: Int = original.offset

  override def output: Seq[Attribute] = original.projectList.map(_.toAttribute)
  override def outputOrdering: Seq[SortOrder] = original.outputOrdering
  override def outputPartitioning: Partitioning = SinglePartition
  override def nodeName: String = "WeldTakeOrdered"

  override def simpleString(maxFields: Int): String =
    s"WeldTakeOrdered [${plan.summary}${if (offset > 0) s", offset $offset" else ""}]"

  override def verboseStringWithOperatorId(): String =
    ProgramText(super.verboseStringWithOperatorId(), plan.program)

  private def task = SortTask(plan, weldConf, batchRows, Some(limit))

  /** Each partition's first `limit` rows, by Weld (Spark's top-N where Weld cannot). */
  private def localTopK(): RDD[InternalRow] = {
    val m = WeldMetrics.of(metrics)
    val t = task
    val ord = new LazilyGeneratedOrdering(original.sortOrder, child.output)
    val n = limit
    val childRdd = child.execute()
    val spark = childRdd.mapPartitions(iter => TopN.take(iter.map(_.copy()), n, ord))
    new LazyZipRDD[InternalRow, InternalRow, InternalRow](sparkContext, childRdd, spark,
      (rows, vanilla) => SortRunner.run(t, m, rows, vanilla))
  }

  /** The last step, in one partition or on the driver: order the survivors, drop the offset, project. */
  private def finisher: (Iterator[InternalRow], Int, StageMetrics) => Iterator[InternalRow] = {
    val (t, n, skip) = (task, limit, offset)
    val ord = new LazilyGeneratedOrdering(original.sortOrder, child.output)
    val (projectList, input) = (original.projectList, child.output)
    (rows, index, m) => {
      val all = rows.map(_.copy()).toArray
      val topK = SortRunner.run(t, m, all.iterator, () => TopN.take(all.iterator, n, ord)).drop(skip)
      if (projectList == input) topK
      else {
        val proj = UnsafeProjection.create(projectList, input)
        proj.initialize(index)
        topK.map(r => proj(r).copy())
      }
    }
  }

  override def executeCollect(): Array[InternalRow] = executeQuery {
    finisher(localTopK().collect().iterator, 0, WeldMetrics.of(metrics)).toArray
  }

  override protected def doExecute(): RDD[InternalRow] = {
    val m = WeldMetrics.of(metrics)
    val finish = finisher
    val local = localTopK()
    if (local.getNumPartitions == 0) {
      sparkContext.parallelize(Seq.empty[InternalRow], 1)
    } else {
      val single = if (local.getNumPartitions == 1) local else new ShuffledRowRDD(
        ShuffleExchangeExec.prepareShuffleDependency(local, child.output, SinglePartition,
          new UnsafeRowSerializer(child.output.size), writeMetrics),
        readMetrics)
      single.mapPartitionsWithIndex((index, rows) => finish(rows, index, m))
    }
  }

  override protected def withNewChildInternal(newChild: SparkPlan): WeldTakeOrderedExec = copy(child = newChild)
}

/** Spark's per-partition top-N (the fallback): the `n` first rows by `ord`, in order, with a bounded heap. */
object TopN {
  def take(rows: Iterator[InternalRow], n: Int, ord: Ordering[InternalRow]): Iterator[InternalRow] = {
    val heap = new java.util.PriorityQueue[InternalRow](math.max(1, n), ord.reverse)
    rows.foreach { r =>
      if (heap.size < n) heap.add(r)
      else if (n > 0 && ord.compare(r, heap.peek()) < 0) { heap.poll(); heap.add(r) }
    }
    val out = new Array[InternalRow](heap.size)
    var i = out.length - 1
    while (i >= 0) { out(i) = heap.poll(); i -= 1 }
    out.iterator
  }
}
