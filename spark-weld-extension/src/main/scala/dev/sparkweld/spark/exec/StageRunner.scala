package dev.sparkweld.spark.exec

import dev.sparkweld.runtime.WeldRuntimeException
import dev.sparkweld.spark.exec.parquet.NativeParquetSource
import dev.sparkweld.spark.translate._
import dev.sparkweld.weld.{WeldModule, WeldValue}
import dev.sparkweld.weld.conf.WeldConf
import dev.sparkweld.weld.value.StructValue

import org.apache.spark.TaskContext
import org.apache.spark.internal.Logging
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.execution.sparkweld.ColumnBlock
import org.apache.spark.sql.types.StructType
import org.apache.spark.sql.vectorized.ColumnarBatch

/** What a stage's tasks need, serialized with them. */
final case class StageTask(plan: StagePlan, weldConf: Map[String, String], batchRows: Int, schema: StructType,
    columnarInput: Boolean)

/** Metrics of one stage (driver-side accumulators updated by the tasks). */
final case class StageMetrics(rowsIn: SQLMetric, rowsOut: SQLMetric, compileTime: SQLMetric, kernelTime: SQLMetric,
    kernelCalls: SQLMetric, fallbacks: SQLMetric, inputTime: SQLMetric, blockRows: SQLMetric)

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
  /**
   * @param tableArgs arguments after the input columns: the built tables of the joins the stage probes, asked for
   *                  just before the first kernel call (once the first chunk is gathered: a table another task is
   *                  building is waited for only then); a WeldRuntimeException from it hands the partition to
   *                  Spark's plan
   */
  def run(task: StageTask, metrics: StageMetrics, input: Iterator[Any],
      vanilla: () => Iterator[InternalRow], tableArgs: () => Seq[KernelArg] = () => Nil): Iterator[InternalRow] = {
    lazy val tables = tableArgs()
    val conf = KernelConf.of(task.weldConf)
    val t0 = System.nanoTime()
    val module = try WeldModule.compile(task.plan.program, conf) catch {
      case e: RuntimeException =>
        logWarning(s"Weld stage does not compile on this executor, running Spark's plan: ${e.getMessage}")
        metrics.fallbacks.add(1)
        return vanilla()
    }
    val compileNanos = System.nanoTime() - t0
    metrics.compileTime.add(compileNanos / 1000000)
    // A hit may include waiting for another task's compile of the same program: "ready in" is the wall time.
    logInfo(f"Weld kernel ${Integer.toHexString(task.plan.program.hashCode)} (${task.plan.summary}): " +
      (if (module.cacheHit()) f"cache hit, ready in ${compileNanos / 1e6}%.2f ms"
       else f"compiled in ${compileNanos / 1e6}%.1f ms (front end ${module.frontEndNanos() / 1e6}%.1f ms, " +
         s"LLVM ${module.stats()}), cache miss"))
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
    // The kernel result whose rows are streaming out (filter/project stages), closed with the task if it ends early.
    val live = new Array[LiveResult](1)
    val cleanup = () => {
      if (live(0) != null) live(0).close()
      columns.close(); module.close(); if (memory != null) memory.releaseAll()
    }
    if (ctx != null) ctx.addTaskCompletionListener[Unit](_ => cleanup())
    val mergeAll = task.plan.output match {
      case agg: AggOutput => agg.mergeAll
      case _ => false
    }
    val chunks = new Chunks(input, columns, task.plan.inputs, task.columnarInput, metrics, ctx, memory, mergeAll)
    val grantor: dev.sparkweld.runtime.MemoryGrantor = memory
    task.plan.output match {
      case agg: AggOutput =>
        val rowSchema = agg.finalEval.fold(task.schema)(e =>
          org.apache.spark.sql.catalyst.types.DataTypeUtils.fromAttributes(e.input))
        // Every chunk's rows are kept until the last kernel call: a failing call hands the whole partition to
        // Spark's plan, so no row may have left before.
        val out = new PackedRows(rowSchema.size)
        try {
          // A merging aggregate runs once over all of its input, even none (a global one still has its row).
          var first = true
          while (chunks.next() || (first && mergeAll)) {
            first = false
            if (agg.keys.isEmpty) {
              out.add(OutputRows.globalAggregate(runKernel(module, columns, conf, metrics, grantor, tables), agg,
                rowSchema))
            } else {
              runKernelWith(module, columns, conf, metrics, grantor, tables) { v =>
                NativeAggRows.read(v.address(), v.`type`().asInstanceOf[dev.sparkweld.weld.ir.StructType], agg, out)
              }
            }
          }
        } catch {
          case e: WeldRuntimeException =>
            logInfo(s"Weld kernel failed (${e.kind}); computing the partition with Spark's plan")
            metrics.fallbacks.add(1)
            return vanilla()
        }
        metrics.rowsOut.add(out.size)
        agg.finalEval match {
          case Some(e) =>
            val project = org.apache.spark.sql.catalyst.expressions.UnsafeProjection.create(e.output, e.input)
            out.iterator.map(project)
          case None => out.iterator
        }
      case rows: RowOutput =>
        new NativeRowIterator(() => {
          try {
            val t0 = System.nanoTime()
            live(0) = KernelCall.open(module, columns, conf, grantor, tables)
            metrics.kernelCalls.add(1)
            metrics.kernelTime.add((System.nanoTime() - t0) / 1000000)
            val v = live(0).value
            Right(new NativeRows(v.address(), v.`type`().asInstanceOf[dev.sparkweld.weld.ir.StructType], rows))
          } catch {
            case e: WeldRuntimeException => Left(e)
          }
        }, () => chunks.next(), () => if (live(0) != null) { live(0).close(); live(0) = null }, metrics, vanilla)
    }
  }

  /** Runs the kernel on the gathered chunk and decodes its result into Java values. */
  private def runKernel(module: WeldModule, columns: NativeColumns, conf: WeldConf, metrics: StageMetrics,
      grantor: dev.sparkweld.runtime.MemoryGrantor, tables: Seq[KernelArg]): StructValue =
    runKernelWith(module, columns, conf, metrics, grantor, tables)(_.toJava().asInstanceOf[StructValue])

  private def runKernelWith[T](module: WeldModule, columns: NativeColumns, conf: WeldConf, metrics: StageMetrics,
      grantor: dev.sparkweld.runtime.MemoryGrantor, tables: Seq[KernelArg])(read: WeldValue => T): T = {
    val t0 = System.nanoTime()
    val result = KernelCall.run(module, columns, conf, grantor, tables)(read)
    metrics.kernelCalls.add(1)
    metrics.kernelTime.add((System.nanoTime() - t0) / 1000000)
    result
  }

  /**
   * Feeds input (column batches or rows) into the native columns one chunk at a time, with the derived inputs Spark
   * computes per row ([[DerivedInputs]]).
   */
  private final class Chunks(input: Iterator[Any], columns: NativeColumns, inputs: Seq[StageInput],
      columnar: Boolean, metrics: StageMetrics, task: TaskContext, memory: TaskMemory, growable: Boolean) {
    private val derive: org.apache.spark.sql.catalyst.expressions.UnsafeProjection = {
      val exprs = inputs.flatMap(_.derived)
      if (exprs.isEmpty) null
      else {
        val p = org.apache.spark.sql.catalyst.expressions.UnsafeProjection.create(exprs,
          inputs.filter(_.derived.isEmpty).sortBy(_.ordinal).map(_.attr))
        p.initialize(if (task != null) task.partitionId() else 0)
        p
      }
    }
    private var batch: ColumnarBatch = _
    // A partition read by our Parquet decoder: it fills the columns itself.
    private var native: NativeParquetSource = _
    private lazy val baseRow = new columns.BaseRow
    private var batchPos = 0
    // A columnar exchange's block being copied (row input).
    private var block: ColumnBlock = _
    private var blockPos = 0
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
        while (room() && (native != null || batch != null || input.hasNext)) {
          if (native != null) {
            val first = columns.rows
            val took = native.fill(columns)
            if (took == 0) { native.close(); native = null } else metrics.rowsIn.add(took)
            if (derive != null) putDerived(first, took, r => baseRow.at(first + r))
          } else if (batch == null) input.next() match {
            case source: NativeParquetSource => native = source
            case b: ColumnarBatch =>
              batch = b
              batchPos = 0
              vectors = (0 until batch.numCols()).map(batch.column)
          } else {
            val first = columns.rows
            val took = columns.append(vectors, batchPos, batch.numRows() - batchPos)
            if (derive != null) putDerived(first, took, r => batch.getRow(batchPos + r))
            batchPos += took
            metrics.rowsIn.add(took)
            if (batchPos >= batch.numRows()) batch = null
          }
        }
      } else {
        while ((block != null || input.hasNext) && room()) {
          if (block != null) {
            val first = columns.rows
            val took = columns.appendBlock(block, blockPos, block.rows - blockPos)
            if (derive != null) putDerived(first, took, r => baseRow.at(first + r))
            blockPos += took
            metrics.rowsIn.add(took)
            metrics.blockRows.add(took)
            if (blockPos >= block.rows) block = null
          } else input.next() match {
            case b: ColumnBlock =>
              block = b
              blockPos = 0
            case row: InternalRow =>
              columns.append(row)
              if (derive != null) columns.putDerived(columns.rows - 1, derive(row))
              metrics.rowsIn.add(1)
          }
        }
      }
      columns.rows > 0
    }

    /** The derived inputs of gathered rows `[first, first + n)`, the r-th computed from `rowAt(r)`. */
    private def putDerived(first: Int, n: Int, rowAt: Int => InternalRow): Unit = {
      var r = 0
      while (r < n) { columns.putDerived(first + r, derive(rowAt(r))); r += 1 }
    }

    /** Whether another row fits, growing the columns if the stage needs its whole input at once. */
    private def room(): Boolean = {
      if (!columns.isFull) return true
      if (!growable) return false
      val extra = NativeColumns.bytesFor(inputs, columns.rowCapacity)
      if (memory != null && !memory.acquire(extra)) {
        throw new WeldRuntimeException(dev.sparkweld.runtime.ErrorKind.MEMORY_LIMIT,
          s"Spark refused $extra bytes to grow a merging aggregate's input")
      }
      columns.grow()
      true
    }
  }
}

/**
 * The rows of a filter/project stage as they stream out of its kernel results, one result per gathered chunk. A
 * consumer that reads whole results (a columnar exchange's map side, [[takeBatch]]) skips the rows in between.
 *
 * @param run     runs the kernel on the gathered chunk: its result, or the error that hands the partition to Spark
 * @param gather  gathers the next chunk; false at the input's end (or a WeldRuntimeException, as `run`)
 * @param release frees the previous result (the rows handed out live in it until then)
 */
final class NativeRowIterator(run: () => Either[WeldRuntimeException, NativeRows], gather: () => Boolean,
    release: () => Unit, metrics: StageMetrics, vanilla: () => Iterator[InternalRow]) extends Iterator[InternalRow] {
  private var cursor: NativeRows = _
  private var pos = 0
  private var emitted = false
  private var switched: Iterator[InternalRow] = _

  override def hasNext: Boolean = {
    if (switched != null) return switched.hasNext
    while (cursor == null || pos >= cursor.rows) {
      // The rows handed out so far live in this result (and the gathered chunk): both are reused only now.
      release()
      cursor = null
      // Gathering may fail as the kernel may (memory refused): either hands the partition to Spark's plan.
      val result = try {
        if (!gather()) return false
        run()
      } catch {
        case e: WeldRuntimeException => Left(e)
      }
      result match {
        case Right(result) =>
          cursor = result
          pos = 0
        case Left(e) =>
          metrics.fallbacks.add(1)
          if (!emitted) {
            switched = vanilla()
            return switched.hasNext
          }
          vanilla().foreach(_ => ()) // throws Spark's own error, if Spark fails here too
          throw new IllegalStateException("Weld kernel failed where Spark's plan does not: " + e, e)
      }
    }
    true
  }

  override def next(): InternalRow = {
    if (!hasNext) throw new NoSuchElementException
    if (switched != null) switched.next()
    else {
      emitted = true
      metrics.rowsOut.add(1)
      val row = cursor.row(pos)
      pos += 1
      row
    }
  }

  /**
   * After `hasNext` is true: the current kernel result whole, its rows counted as handed out, valid until the next
   * `hasNext`; or null when rows must be read one by one (Spark's plan took over, or a row of it was already read).
   */
  def takeBatch(): NativeRows = {
    if (switched != null || cursor == null || pos != 0) return null
    emitted = true
    metrics.rowsOut.add(cursor.rows)
    pos = cursor.rows
    cursor
  }
}
