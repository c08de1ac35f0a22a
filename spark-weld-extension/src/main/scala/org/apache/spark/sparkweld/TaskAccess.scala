package org.apache.spark.sparkweld

import org.apache.spark.TaskContext
import org.apache.spark.memory.TaskMemoryManager

/**
 * The two `private[spark]` task facilities a Weld stage needs (memory accounting, cancellation), reached from inside
 * Spark's package namespace as other native engines do; kept to this one file.
 */
object TaskAccess {
  def memoryManager(ctx: TaskContext): TaskMemoryManager = ctx.taskMemoryManager()

  def killIfInterrupted(ctx: TaskContext): Unit = ctx.killTaskIfInterrupted()
}
