package dev.sparkweld.spark.exec

import dev.sparkweld.runtime.WeldRuntimeException
import dev.sparkweld.spark.translate.JoinBuild
import dev.sparkweld.weld.diag.WeldCompileException

import org.apache.spark.TaskContext
import org.apache.spark.broadcast.Broadcast
import org.apache.spark.internal.Logging
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.execution.sparkweld.HashedRelationAccess

/**
 * Runs one partition of a join stage: gets each join's table (a broadcast's from the executor's
 * [[BuildTableCache]], building it on first use; a partitioned build side's built from this task's partition and
 * closed at task end), then runs the stage like any other with the tables as extra kernel arguments. A table that
 * cannot be built (its program fails, or memory runs out) makes the partition run on Spark's plan.
 */
object JoinStageRunner extends Logging {
  def run(task: StageTask, metrics: StageMetrics, buildTime: SQLMetric, joins: Seq[JoinBuild],
      broadcasts: Seq[Option[Broadcast[Any]]], partitioned: Seq[() => Iterator[InternalRow]], maxCached: Int,
      input: Iterator[Any], vanilla: () => Iterator[InternalRow]): Iterator[InternalRow] = {
    val conf = KernelConf.of(task.weldConf)
    val ctx = TaskContext.get()
    def onEnd(f: => Unit): Unit = if (ctx != null) ctx.addTaskCompletionListener[Unit](_ => f) else ()
    // A task finding a broadcast's table under construction by another task gathers its first chunk before waiting.
    val wait = joins.zip(broadcasts).exists {
      case (jb, Some(bc)) => BuildTableCache.building(bc.id, jb.program)
      case _ => false
    }
    // A table that cannot be built hands the partition to Spark's plan: every failure as a WeldRuntimeException.
    def tables(): Seq[KernelArg] = try {
      val t0 = System.nanoTime()
      var next = 0
      val args = joins.zip(broadcasts).flatMap {
        case (jb, Some(bc)) =>
          val lease = BuildTableCache.acquire(bc.id, jb.program, maxCached) {
            val rows = HashedRelationAccess.rows(bc.value, firstPerKey = jb.distinctKeysSuffice)
            BuildSide.build(jb, rows.rows, rows.hasNullKey, conf, null)
          }
          onEnd(lease.release())
          lease.table.args(jb)
        case (jb, None) =>
          val rows = partitioned(next)()
          next += 1
          val memory = if (ctx != null) new TaskMemory(org.apache.spark.sparkweld.TaskAccess.memoryManager(ctx)) else null
          onEnd(if (memory != null) memory.releaseAll())
          val table = BuildSide.build(jb, rows, hasNullKey = false, conf, memory)
          onEnd(table.close())
          table.args(jb)
      }
      buildTime.add((System.nanoTime() - t0) / 1000000)
      args
    } catch {
      case e: WeldCompileException =>
        throw new WeldRuntimeException(dev.sparkweld.runtime.ErrorKind.INTERNAL, "join table: " + e.getMessage)
    }
    if (wait) StageRunner.run(task, metrics, input, vanilla, () => tables())
    else {
      val args = try tables() catch {
        case e: WeldRuntimeException =>
          logInfo(s"Weld join table not built (${e.getMessage}); computing the partition with Spark's plan")
          metrics.fallbacks.add(1)
          return vanilla()
      }
      StageRunner.run(task, metrics, input, vanilla, () => args)
    }
  }
}
