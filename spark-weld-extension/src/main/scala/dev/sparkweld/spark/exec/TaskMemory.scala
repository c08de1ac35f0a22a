package dev.sparkweld.spark.exec

import dev.sparkweld.runtime.MemoryGrantor

import org.apache.spark.memory.{MemoryConsumer, TaskMemoryManager}

/**
 * Native memory of a Weld stage, accounted in Spark's task memory manager so that Spark's execution-memory limits
 * hold: the gathered input columns are acquired up front, and a kernel's own allocations are granted in chunks
 * through [[MemoryGrantor]] upcalls. Weld's memory cannot be spilled; asking Spark for more makes Spark spill its
 * other consumers first, and a refusal ends the run (the partition then runs on Spark's plan).
 */
final class TaskMemory(tmm: TaskMemoryManager)
  extends MemoryConsumer(tmm, tmm.pageSizeBytes(), tmm.getTungstenMemoryMode) with MemoryGrantor {

  override def spill(size: Long, trigger: MemoryConsumer): Long = 0L

  /** All of `bytes` or nothing. */
  override def acquire(bytes: Long): Boolean = {
    val got = acquireMemory(bytes)
    if (got >= bytes) true
    else {
      if (got > 0) freeMemory(got)
      false
    }
  }

  override def release(bytes: Long): Unit = freeMemory(bytes)

  def releaseAll(): Unit = {
    val used = getUsed
    if (used > 0) freeMemory(used)
  }
}
