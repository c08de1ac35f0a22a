package dev.sparkweld.spark.exec

import scala.collection.mutable.ArrayBuffer

import dev.sparkweld.runtime.WeldRuntimeException
import dev.sparkweld.spark.translate._
import dev.sparkweld.weld.{WeldContext, WeldModule, WeldValue}
import dev.sparkweld.weld.abi.{AbiLayout, Memory}
import dev.sparkweld.weld.conf.WeldConf
import dev.sparkweld.weld.value.StructValue

import org.apache.spark.TaskContext
import org.apache.spark.internal.Logging
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.types.StructType
import org.apache.spark.sql.vectorized.ColumnarBatch

/** What a stage's tasks need, serialized with them. */
final case class StageTask(plan: StagePlan, weldConf: Map[String, String], batchRows: Int, schema: StructType,
    columnarInput: Boolean)

/** Metrics of one stage (driver-side accumulators updated by the tasks). */
final case class StageMetrics(rowsIn: SQLMetric, rowsOut: SQLMetric, compileTime: SQLMetric, kernelTime: SQLMetric,
    kernelCalls: SQLMetric, fallbacks: SQLMetric, inputTime: SQLMetric)

/**
 * Runs one partition of a Weld stage: compile (once per JVM, through the compile cache), gather input rows into
 * native columns a chunk at a time, run the kernel per chunk, turn its results into rows.
 *
 * Spark stays the authority: if the program does not compile here, or a kernel fails (an ANSI overflow, a division by
 * zero...), the partition is computed by Spark's own plan instead, which either produces the rows or throws exactly
 * the exception Spark throws. Rows already handed downstream cannot be taken back, so a failure after the first
 * output row re-runs Spark's plan only to raise its error; should Spark succeed where Weld failed, the task fails
 * rather than return different rows.
 */
object StageRunner extends Logging {
  /** @param tables arguments after the input columns: the built tables of the joins the stage probes */
  def run(task: StageTask, metrics: StageMetrics, input: Iterator[Any],
      vanilla: () => Iterator[InternalRow], tables: Seq[KernelArg] = Nil): Iterator[InternalRow] = {
    val conf = WeldConf.of(java.util.Map.copyOf(scala.jdk.CollectionConverters.MapHasAsJava(task.weldConf).asJava))
    val t0 = System.nanoTime()
    val module = try WeldModule.compile(task.plan.program, conf) catch {
      case e: RuntimeException =>
        logWarning(s"Weld stage does not compile on this executor, running Spark's plan: ${e.getMessage}")
        metrics.fallbacks.add(1)
        return vanilla()
    }
    metrics.compileTime.add((System.nanoTime() - t0) / 1000000)
    val ctx = TaskContext.get()
    val memory = if (ctx != null) new TaskMemory(org.apache.spark.sparkweld.TaskAccess.memoryManager(ctx)) else null
    val columnBytes = NativeColumns.bytesFor(task.plan.inputs, task.batchRows)
    if (memory != null && !memory.acquire(columnBytes)) {
      logWarning(s"Spark refused $columnBytes bytes for a Weld stage's input; running Spark's plan")
      metrics.fallbacks.add(1)
      module.close()
      return vanilla()
    }
    val columns = new NativeColumns(task.plan.inputs, task.batchRows)
    val cleanup = () => { columns.close(); module.close(); if (memory != null) memory.releaseAll() }
    if (ctx != null) ctx.addTaskCompletionListener[Unit](_ => cleanup())
    val chunks = new Chunks(input, columns, task.columnarInput, metrics, ctx)
    val grantor: dev.sparkweld.runtime.MemoryGrantor = memory
    task.plan.output match {
      case agg: AggOutput =>
        val out = ArrayBuffer[InternalRow]()
        try {
          while (chunks.next()) {
            out ++= (if (agg.keys.isEmpty) {
              Seq(OutputRows.globalAggregate(runKernel(module, columns, conf, metrics, grantor, tables), agg, task.schema))
            } else {
              runKernelWith(module, columns, conf, metrics, grantor, tables) { v =>
                NativeAggRows.read(v.address(), v.`type`().asInstanceOf[dev.sparkweld.weld.ir.StructType], agg)
              }
            })
          }
        } catch {
          case e: WeldRuntimeException =>
            logInfo(s"Weld kernel failed (${e.kind}); computing the partition with Spark's plan")
            metrics.fallbacks.add(1)
            return vanilla()
        }
        metrics.rowsOut.add(out.size)
        out.iterator
      case rows: RowOutput =>
        new Iterator[InternalRow] {
          private var current: Iterator[InternalRow] = Iterator.empty
          private var emitted = false
          private var switched: Iterator[InternalRow] = _

          override def hasNext: Boolean = {
            if (switched != null) return switched.hasNext
            while (!current.hasNext) {
              val more = try {
                if (!chunks.next()) return false
                current = runKernelWith(module, columns, conf, metrics, grantor, tables) { v =>
                  NativeRows.read(v.address(), v.`type`().asInstanceOf[dev.sparkweld.weld.ir.StructType], rows)
                }.iterator
                true
              } catch {
                case e: WeldRuntimeException =>
                  metrics.fallbacks.add(1)
                  if (!emitted) {
                    switched = vanilla()
                    return switched.hasNext
                  }
                  vanilla().foreach(_ => ()) // throws Spark's own error, if Spark fails here too
                  throw new IllegalStateException("Weld kernel failed where Spark's plan does not: " + e, e)
              }
              if (!more) return false
            }
            true
          }

          override def next(): InternalRow = {
            if (!hasNext) throw new NoSuchElementException
            if (switched != null) switched.next()
            else {
              emitted = true
              metrics.rowsOut.add(1)
              current.next()
            }
          }
        }
    }
  }

  /** Runs the kernel on the gathered chunk and decodes its result into Java values. */
  private def runKernel(module: WeldModule, columns: NativeColumns, conf: WeldConf, metrics: StageMetrics,
      grantor: dev.sparkweld.runtime.MemoryGrantor, tables: Seq[KernelArg]): StructValue =
    runKernelWith(module, columns, conf, metrics, grantor, tables)(_.toJava().asInstanceOf[StructValue])

  /** Runs the kernel on the gathered chunk; `read` copies out what it needs before the run's memory is freed. */
  private def runKernelWith[T](module: WeldModule, columns: NativeColumns, conf: WeldConf, metrics: StageMetrics,
      grantor: dev.sparkweld.runtime.MemoryGrantor, tables: Seq[KernelArg])(read: WeldValue => T): T = {
    val t0 = System.nanoTime()
    val at = module.argsType()
    val layout = AbiLayout.of(at)
    val block = Memory.allocate(math.max(1L, layout.size()))
    try {
      val vecs = columns.vectors
      var i = 0
      while (i < vecs.size) {
        Memory.putLong(block + layout.offset(i), vecs(i)._1)
        Memory.putLong(block + layout.offset(i) + 8, vecs(i)._2)
        i += 1
      }
      tables.zipWithIndex.foreach { case (arg, k) => arg.write(block + layout.offset(vecs.size + k)) }
      val ctx = if (grantor != null) WeldContext.create(conf, grantor) else WeldContext.create(conf)
      try {
        val result = read(module.run(WeldValue.ofAddress(block, at), ctx))
        metrics.kernelCalls.add(1)
        metrics.kernelTime.add((System.nanoTime() - t0) / 1000000)
        result
      } finally ctx.close()
    } finally Memory.free(block)
  }

  /** Feeds input (column batches or rows) into the native columns one chunk at a time. */
  private final class Chunks(input: Iterator[Any], columns: NativeColumns, columnar: Boolean,
      metrics: StageMetrics, task: TaskContext) {
    private var batch: ColumnarBatch = _
    private var batchPos = 0
    private var vectors: IndexedSeq[org.apache.spark.sql.vectorized.ColumnVector] = _

    /** Gathers the next chunk; false when the input is exhausted and nothing was gathered. */
    def next(): Boolean = {
      val t0 = System.nanoTime()
      try gather() finally metrics.inputTime.add((System.nanoTime() - t0) / 1000000)
    }

    /** Time spent here includes the scan producing its batches (the iterator is lazy). */
    private def gather(): Boolean = {
      // Cancellation is honoured between chunks (a kernel itself runs for a chunk only).
      if (task != null) org.apache.spark.sparkweld.TaskAccess.killIfInterrupted(task)
      columns.clear()
      if (columnar) {
        while (!columns.isFull && (batch != null || input.hasNext)) {
          if (batch == null) {
            batch = input.next().asInstanceOf[ColumnarBatch]
            batchPos = 0
            vectors = (0 until batch.numCols()).map(batch.column)
          }
          val took = columns.append(vectors, batchPos, batch.numRows() - batchPos)
          batchPos += took
          metrics.rowsIn.add(took)
          if (batchPos >= batch.numRows()) batch = null
        }
      } else {
        while (!columns.isFull && input.hasNext) {
          columns.append(input.next().asInstanceOf[InternalRow])
          metrics.rowsIn.add(1)
        }
      }
      columns.rows > 0
    }
  }
}
