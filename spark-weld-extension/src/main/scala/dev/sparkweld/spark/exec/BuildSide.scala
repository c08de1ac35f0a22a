package dev.sparkweld.spark.exec


import dev.sparkweld.runtime.MemoryGrantor
import dev.sparkweld.spark.translate.JoinBuild
import dev.sparkweld.weld.WeldModule
import dev.sparkweld.weld.abi.{AbiLayout, Memory}
import dev.sparkweld.weld.conf.WeldConf

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.execution.sparkweld.ColumnBlock

/** A value written into a kernel's argument block after its input columns. */
sealed trait KernelArg {
  def write(address: Long): Unit
}
final case class PointerArg(pointer: Long) extends KernelArg {
  override def write(address: Long): Unit = Memory.putLong(address, pointer)
}
final case class BoolArg(value: Boolean) extends KernelArg {
  override def write(address: Long): Unit = Memory.putByte(address, if (value) 1.toByte else 0.toByte)
}

/**
 * A join's built table: the `dict` the build program returned, living in `ctx`, whose keys and strings point into
 * `columns` (the gathered build rows). Both stay open until [[close]]; probing kernels only read the table (an
 * indexed input dictionary is never written, docs/abi.md), so one table serves concurrent tasks.
 */
final class BuiltTable(run: LiveResult, columns: NativeColumns, val dict: Long, val rows: Long,
    val nullKeyRows: Long, val hasNullKey: Boolean) extends AutoCloseable {
  def bytes: Long = run.bytesInUse

  /** The probe program's parameters for this join: the table, then the null-aware anti join's facts. */
  def args(build: JoinBuild): Seq[KernelArg] =
    Seq(PointerArg(dict)) ++
      (if (build.nullAware) Seq(BoolArg(hasNullKey || nullKeyRows > 0), BoolArg(rows == 0 && !hasNullKey)) else Nil)

  override def close(): Unit = {
    run.close()
    columns.close()
  }
}

object BuildSide {
  /**
   * Runs `build`'s program over `rows` (the build side's rows, in its output layout). All rows go into one kernel
   * call: a table cannot be continued across calls. `hasNullKey`: Spark already found a null key (null-aware anti
   * joins, whose relation then holds no rows). Throws what the kernel throws (the caller falls back to Spark).
   */
  def build(build: JoinBuild, rows: Iterator[InternalRow], hasNullKey: Boolean, conf: WeldConf,
      grantor: MemoryGrantor): BuiltTable = {
    // The gathered rows are accounted like the table's own allocations: in the task's memory for a partitioned
    // build side (Spark accounts its own hashed relation there too); a broadcast's table is per executor.
    def account(bytes: Long): Unit =
      if (grantor != null && !grantor.acquire(bytes)) {
        throw new dev.sparkweld.runtime.WeldRuntimeException(dev.sparkweld.runtime.ErrorKind.MEMORY_LIMIT,
          s"Spark refused $bytes bytes for a join's build side")
      }
    account(NativeColumns.bytesFor(build.inputs, 1 << 12))
    val columns = new NativeColumns(build.inputs, 1 << 12)
    try {
      // Rows go straight into the columns (growing by doubling): no copy of the build side is kept on the heap.
      def room(): Unit = if (columns.isFull) {
        account(NativeColumns.bytesFor(build.inputs, columns.rowCapacity))
        columns.grow()
      }
      rows.foreach {
        case b: ColumnBlock =>
          var pos = 0
          while (pos < b.rows) { room(); pos += columns.appendBlock(b, pos, b.rows - pos) }
        case r =>
          room()
          columns.append(r)
      }
      val module = WeldModule.compile(build.program, conf)
      try {
        val run = KernelCall.open(module, columns, conf, grantor, Nil)
        try {
          val rl = AbiLayout.of(run.value.`type`())
          val dict = Memory.getLong(run.value.address() + rl.offset(0))
          val nullKeys = Memory.getLong(run.value.address() + rl.offset(1))
          new BuiltTable(run, columns, dict, columns.rows, nullKeys, hasNullKey)
        } catch {
          case e: Throwable => run.close(); throw e
        }
      } finally module.close()
    } catch {
      case e: Throwable => columns.close(); throw e
    }
  }
}
