package dev.sparkweld.spark.exec

import org.apache.spark.{OneToOneDependency, Partition, SparkContext, TaskContext}
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow

private final case class JoinStagePartition(index: Int, input: Partition, builds: Seq[Partition], vanilla: Partition)
  extends Partition

/**
 * A join stage's partitions: the streamed input, the matching partition of each partitioned build side (shuffled
 * hash and sort-merge joins: both sides are co-partitioned), and Spark's own plan for the same partition, whose
 * iterator (like the build sides') is created only when asked for (see [[LazyZipRDD]]).
 */
final class JoinStageRDD(
    sc: SparkContext,
    var input: RDD[Any],
    var builds: Seq[RDD[InternalRow]],
    var vanilla: RDD[InternalRow],
    f: (Iterator[Any], Seq[() => Iterator[InternalRow]], () => Iterator[InternalRow]) => Iterator[InternalRow])
  extends RDD[InternalRow](sc, (Seq(input) ++ builds :+ vanilla).map(r => new OneToOneDependency(r))) {

  (builds :+ vanilla).foreach { r =>
    require(r.partitions.length == input.partitions.length,
      s"partition counts differ: ${input.partitions.length} and ${r.partitions.length}")
  }

  override protected def getPartitions: Array[Partition] = Array.tabulate(input.partitions.length) { i =>
    JoinStagePartition(i, input.partitions(i), builds.map(_.partitions(i)), vanilla.partitions(i))
  }

  override def compute(split: Partition, context: TaskContext): Iterator[InternalRow] = {
    val p = split.asInstanceOf[JoinStagePartition]
    f(input.iterator(p.input, context),
      builds.zip(p.builds).map { case (rdd, part) => () => rdd.iterator(part, context) },
      () => vanilla.iterator(p.vanilla, context))
  }

  override protected def getPreferredLocations(split: Partition): Seq[String] =
    input.preferredLocations(split.asInstanceOf[JoinStagePartition].input)

  override def clearDependencies(): Unit = {
    super.clearDependencies()
    input = null
    builds = null
    vanilla = null
  }
}
