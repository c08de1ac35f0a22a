package dev.sparkweld.spark.exec

import scala.collection.mutable.ArrayBuffer

import dev.sparkweld.runtime.{ErrorKind, WeldRuntimeException}
import dev.sparkweld.spark.translate.SortPlan
import dev.sparkweld.weld.WeldModule
import dev.sparkweld.weld.abi.Memory
import dev.sparkweld.weld.conf.WeldConf

import org.apache.spark.TaskContext
import org.apache.spark.internal.Logging
import org.apache.spark.sql.catalyst.InternalRow

/** What a sort's tasks need, serialized with them. */
final case class SortTask(plan: SortPlan, weldConf: Map[String, String], batchRows: Int, limit: Option[Int])

/**
 * Sorts one partition's rows with a Weld kernel: the rows are copied and kept in the JVM (their bytes accounted in
 * Spark's task memory), their sort keys gathered into native columns; the kernel returns the order. A top-N sorts
 * each full chunk and keeps only its first N rows, so its memory stays bounded by a chunk. Should Spark refuse the
 * memory, or the program not compile here, or a kernel fail, Spark's own sort computes the partition.
 */
object SortRunner extends Logging {
  def run(task: SortTask, metrics: StageMetrics, input: Iterator[InternalRow],
      vanilla: () => Iterator[InternalRow]): Iterator[InternalRow] = {
    val conf = KernelConf.of(task.weldConf)
    val t0 = System.nanoTime()
    val module = try WeldModule.compile(task.plan.program, conf) catch {
      case e: RuntimeException =>
        logWarning(s"Weld sort does not compile on this executor, running Spark's sort: ${e.getMessage}")
        metrics.fallbacks.add(1)
        return vanilla()
    }
    metrics.compileTime.add((System.nanoTime() - t0) / 1000000)
    val ctx = TaskContext.get()
    val memory = if (ctx != null) new TaskMemory(org.apache.spark.sparkweld.TaskAccess.memoryManager(ctx)) else null
    val columns = new NativeColumns(task.plan.inputs, math.min(task.batchRows, 4096))
    try {
      sorted(task, module, columns, conf, metrics, memory, input)
    } catch {
      case e: WeldRuntimeException =>
        logInfo(s"Weld sort failed (${e.kind}); sorting the partition with Spark")
        metrics.fallbacks.add(1)
        vanilla()
    } finally {
      columns.close()
      module.close()
      if (memory != null) memory.releaseAll()
    }
  }

  private def rowBytes(row: InternalRow): Long = row match {
    case u: org.apache.spark.sql.catalyst.expressions.UnsafeRow => u.getSizeInBytes + 16L
    case _ => 64L
  }

  private def sorted(task: SortTask, module: WeldModule, columns: NativeColumns, conf: WeldConf,
      metrics: StageMetrics, memory: TaskMemory, input: Iterator[InternalRow]): Iterator[InternalRow] = {
    var rows = new ArrayBuffer[InternalRow]()
    var accounted = 0L
    var bytes = 0L
    def account(extra: Long): Unit = {
      bytes += extra
      if (memory != null && bytes > accounted) {
        val chunk = math.max(bytes - accounted, 1L << 20)
        if (!memory.acquire(chunk)) {
          throw new WeldRuntimeException(ErrorKind.MEMORY_LIMIT, s"Spark refused $chunk bytes for a Weld sort")
        }
        accounted += chunk
      }
    }
    def order(): Array[Int] = {
      val t0 = System.nanoTime()
      val perm = KernelCall.run(module, columns, conf, memory) { v =>
        val a = v.address()
        val data = Memory.getLong(a)
        val n = Memory.getLong(a + 8).toInt
        Array.tabulate(n)(i => Memory.getLong(data + i * 8L).toInt)
      }
      metrics.kernelCalls.add(1)
      metrics.kernelTime.add((System.nanoTime() - t0) / 1000000)
      perm
    }
    // A top-N keeps only each chunk's first N rows; a full sort gathers everything, growing the columns.
    val chunkRows = task.limit.map(n => math.max(task.batchRows, 2 * n))
    val ctx = TaskContext.get()
    var seen = 0L
    while (input.hasNext) {
      // Cancellation is honoured every 64K rows.
      if ((seen & 0xFFFF) == 0 && ctx != null) org.apache.spark.sparkweld.TaskAccess.killIfInterrupted(ctx)
      seen += 1
      val row = input.next().copy()
      metrics.rowsIn.add(1)
      if (columns.isFull) {
        if (chunkRows.exists(columns.rows >= _)) {
          rows = ArrayBuffer.from(order().map(rows))
          bytes = rows.map(rowBytes).sum
          columns.clear()
          rows.foreach(columns.append)
        }
        if (columns.isFull) {
          account(NativeColumns.bytesFor(task.plan.inputs, columns.rowCapacity))
          columns.grow()
        }
      }
      account(rowBytes(row))
      rows += row
      columns.append(row)
    }
    val perm = order()
    metrics.rowsOut.add(perm.length)
    perm.iterator.map(rows)
  }
}
