package dev.sparkweld.spark.exec

import scala.jdk.CollectionConverters._

import dev.sparkweld.weld.conf.WeldConf

import org.apache.spark.TaskContext

/** The `weld.*` configuration of a task's kernels: the stage's keys, threads defaulting to the task's CPU allotment. */
object KernelConf {
  def of(keys: Map[String, String]): WeldConf = {
    val conf = WeldConf.of(java.util.Map.copyOf(keys.asJava))
    val task = TaskContext.get()
    // A task owns `spark.task.cpus` cores (1 by default): more workers would compete with the executor's other tasks.
    if (conf.get(WeldConf.THREADS) == 0 && task != null) conf.`with`(WeldConf.THREADS, Integer.valueOf(task.cpus()))
    else conf
  }
}
