package dev.sparkweld.spark.exec

import dev.sparkweld.runtime.MemoryGrantor
import dev.sparkweld.weld.{WeldContext, WeldModule, WeldValue}
import dev.sparkweld.weld.abi.{AbiLayout, Memory}
import dev.sparkweld.weld.conf.WeldConf

/**
 * A kernel run's result, kept alive while it is read (the rows of a filter/project stage stream out of it);
 * [[close]] frees the run's memory. Idempotent, so that a task's completion listener may close it too.
 */
final class LiveResult(val value: WeldValue, ctx: WeldContext, block: Long) extends AutoCloseable {
  private var closed = false

  /** Native bytes the run still holds (a join's table lives in its result). */
  def bytesInUse: Long = ctx.bytesInUse()

  override def close(): Unit = if (!closed) {
    closed = true
    try ctx.close() finally Memory.free(block)
  }
}

/** One kernel run over gathered native columns (the program's parameters are exactly the columns' vectors). */
object KernelCall {
  /**
   * Runs `module` on `columns` (then `tables`, the built tables of the joins a stage probes); `read` copies out what
   * it needs before the run's memory is freed.
   */
  def run[T](module: WeldModule, columns: NativeColumns, conf: WeldConf, grantor: MemoryGrantor,
      tables: Seq[KernelArg] = Nil)(read: WeldValue => T): T = {
    val result = open(module, columns, conf, grantor, tables)
    try read(result.value) finally result.close()
  }

  /** Runs the kernel like [[run]] and hands over its live result; the caller closes it. */
  def open(module: WeldModule, columns: NativeColumns, conf: WeldConf, grantor: MemoryGrantor,
      tables: Seq[KernelArg]): LiveResult = {
    val at = module.argsType()
    val layout = AbiLayout.of(at)
    val block = Memory.allocate(math.max(1L, layout.size()))
    var ctx: WeldContext = null
    try {
      val vecs = columns.vectors
      var i = 0
      while (i < vecs.size) {
        Memory.putLong(block + layout.offset(i), vecs(i)._1)
        Memory.putLong(block + layout.offset(i) + 8, vecs(i)._2)
        i += 1
      }
      tables.zipWithIndex.foreach { case (arg, k) => arg.write(block + layout.offset(vecs.size + k)) }
      ctx = if (grantor != null) WeldContext.create(conf, grantor) else WeldContext.create(conf)
      new LiveResult(module.run(WeldValue.ofAddress(block, at), ctx), ctx, block)
    } catch {
      case e: Throwable =>
        try if (ctx != null) ctx.close() finally Memory.free(block)
        throw e
    }
  }
}
