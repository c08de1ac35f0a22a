package dev.sparkweld.spark.exec

import scala.reflect.ClassTag

import org.apache.spark.{OneToOneDependency, Partition, SparkContext, TaskContext}
import org.apache.spark.rdd.RDD

private final case class LazyZipPartition(index: Int, left: Partition, right: Partition) extends Partition

/**
 * Two RDDs of equal partitioning, zipped like `zipPartitions` except that the right one's iterator is created only
 * when the function asks for it. A Weld stage carries Spark's own execution of the same plan as the right RDD: its
 * fallback when a kernel fails or cannot be compiled, which must cost nothing when it is not used (creating a hash
 * aggregate's iterator already consumes its input).
 */
final class LazyZipRDD[A: ClassTag, B: ClassTag, C: ClassTag](
    sc: SparkContext,
    var left: RDD[A],
    var right: RDD[B],
    f: (Iterator[A], () => Iterator[B]) => Iterator[C])
  extends RDD[C](sc, Seq(new OneToOneDependency(left), new OneToOneDependency(right))) {

  require(left.partitions.length == right.partitions.length,
    s"partition counts differ: ${left.partitions.length} and ${right.partitions.length}")

  override protected def getPartitions: Array[Partition] =
    Array.tabulate(left.partitions.length)(i => LazyZipPartition(i, left.partitions(i), right.partitions(i)))

  override def compute(split: Partition, context: TaskContext): Iterator[C] = {
    val p = split.asInstanceOf[LazyZipPartition]
    f(left.iterator(p.left, context), () => right.iterator(p.right, context))
  }

  override protected def getPreferredLocations(split: Partition): Seq[String] =
    left.preferredLocations(split.asInstanceOf[LazyZipPartition].left)

  override def clearDependencies(): Unit = {
    super.clearDependencies()
    left = null
    right = null
  }
}
