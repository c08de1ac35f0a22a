package dev.sparkweld.spark.exec

import dev.sparkweld.runtime.MemoryGrantor
import dev.sparkweld.weld.{WeldContext, WeldModule, WeldValue}
import dev.sparkweld.weld.abi.{AbiLayout, Memory}
import dev.sparkweld.weld.conf.WeldConf

/** One kernel run over gathered native columns (the program's parameters are exactly the columns' vectors). */
object KernelCall {
  /**
   * Runs `module` on `columns` (then `tables`, the built tables of the joins a stage probes); `read` copies out what
   * it needs before the run's memory is freed.
   */
  def run[T](module: WeldModule, columns: NativeColumns, conf: WeldConf, grantor: MemoryGrantor,
      tables: Seq[KernelArg] = Nil)(read: WeldValue => T): T = {
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
      try read(module.run(WeldValue.ofAddress(block, at), ctx))
      finally ctx.close()
    } finally Memory.free(block)
  }
}
