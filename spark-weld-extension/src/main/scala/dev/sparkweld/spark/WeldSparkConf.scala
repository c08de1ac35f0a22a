package dev.sparkweld.spark

import org.apache.spark.sql.internal.SQLConf

/**
 * The `spark.weld.*` keys, typed, with defaults; read from the session's SQLConf at planning time (runtime keys:
 * `spark.conf.set` works per query).
 */
object WeldSparkConf {
  final case class Key[T](name: String, default: T, doc: String, parse: String => T) {
    def get(conf: SQLConf): T = {
      val raw = conf.getConfString(name, null)
      if (raw == null) default else parse(raw.trim)
    }
  }

  private def bool(name: String, d: Boolean, doc: String) = Key[Boolean](name, d, doc, _.toBoolean)
  private def long(name: String, d: Long, doc: String) = Key[Long](name, d, doc, _.toLong)
  private def str(name: String, d: String, doc: String) = Key[String](name, d, doc, identity)

  val ENABLED: Key[Boolean] = bool("spark.weld.enabled", true,
    "Run eligible stages on Weld; false leaves every plan to Spark.")
  val FILTER: Key[Boolean] = bool("spark.weld.filter.enabled", true, "Translate Filter into Weld stages.")
  val PROJECT: Key[Boolean] = bool("spark.weld.project.enabled", true, "Translate Project into Weld stages.")
  val AGGREGATE: Key[Boolean] = bool("spark.weld.aggregate.enabled", true,
    "Translate hash aggregates (partial, final, DISTINCT) into Weld stages.")
  val SORT: Key[Boolean] = bool("spark.weld.sort.enabled", true,
    "Run Sort and ORDER BY ... LIMIT (TakeOrderedAndProject) on Weld kernels.")
  val ROW_STAGES: Key[Boolean] = bool("spark.weld.rowStages.enabled", true,
    "Also run filter/project chains without an aggregate on Weld (their rows stream out of the kernel's result; " +
      "TPC-H SF 1 runs at parity with these stages on Spark). Off: such chains stay on Spark's code generation.")
  val STRICT: Key[Boolean] = bool("spark.weld.strict", false,
    "Tests: fail planning when a node falls back to Spark without a recorded reason.")
  val BATCH_ROWS: Key[Long] = long("spark.weld.batchRows", 1L << 20,
    "Rows gathered from input batches before one kernel call (bounds native memory per task).")
  val DUMP_DIR: Key[String] = str("spark.weld.dump.dir", "", "Write each stage's program at every compile stage here.")
  val BOUNDS_CHECK: Key[Boolean] = bool("spark.weld.boundsCheck", true, "Runtime bounds checks in kernels.")
  val MEMORY_LIMIT: Key[Long] = long("spark.weld.memory.limit", 4L << 30,
    "Most native memory one kernel run may hold (further limited by Spark's task memory manager).")

  val THREADS: Key[Long] = long("spark.weld.threads", 0L,
    "Worker threads of one kernel run (Weld's parallel loops); 0: the task's spark.task.cpus.")
  val JOIN: Key[Boolean] = bool("spark.weld.join.enabled", true,
    "Fuse the probe of broadcast and shuffled hash joins into Weld stages (their build side becomes a Weld table).")
  val JOIN_SORT_MERGE: Key[Boolean] = bool("spark.weld.join.sortMerge.enabled", true,
    "Also run sort-merge joins as Weld hash joins (building the right side per partition) where nothing above " +
      "needs their sort order.")
  val JOIN_CACHED_BUILDS: Key[Long] = long("spark.weld.join.cachedBuilds", 16,
    "Broadcast join tables an executor keeps built for its tasks (least recently used ones are dropped).")
  val JOIN_PACKED_BROADCAST: Key[Boolean] = bool("spark.weld.join.packedBroadcast.enabled", true,
    "Broadcast the build rows of joins a Weld stage probes as packed rows instead of Spark's hash map, which the " +
      "stage would only read back to build its own table (Spark's join, if it ends up reading them, builds its map " +
      "from the rows on first use).")
  val JOIN_DISTINCT_BROADCAST: Key[Boolean] = bool("spark.weld.join.distinctBroadcast.enabled", true,
    "With packed broadcasts, a semi, anti or existence join that reads no build column but its keys broadcasts " +
      "each task's distinct build rows (a Weld aggregate under the exchange), not every row: the driver collects " +
      "and packs fewer (TPC-H Q22: 1.5M order keys, 0.1M distinct).")
  val SHUFFLE: Key[Boolean] = bool("spark.weld.shuffle.enabled", true,
    "Shuffle exchanges (still Spark's) write and read their rows through a buffer of ours: the same bytes as " +
      "Spark's row serializer, without its locked per-byte stream calls.")
  val SHUFFLE_COLUMNAR: Key[Boolean] = bool("spark.weld.shuffle.columnar", true,
    "With spark.weld.shuffle.enabled, exchanges whose columns are all numbers, booleans, dates, timestamps, decimals " +
      "or strings move column blocks (Spark's partitioning, one shuffle record per block) instead of rows: Weld " +
      "stages reading them copy whole columns; Spark's operators read them back as rows.")
  val SHUFFLE_BLOCK_BUFFER: Key[Long] = long("spark.weld.shuffle.columnar.bufferBytes", 8L << 20,
    "Heap bytes a map task's column blocks may gather across its partitions before they are written; a block " +
      "gets this divided by the partition count, within [16 KiB, 256 KiB].")
  val SHUFFLE_SCAN_STAGES: Key[Boolean] = bool("spark.weld.shuffle.scanStages", true,
    "With column blocks, a hash or single-partition exchange right over a Parquet scan our reader takes reads the " +
      "scan through a Weld stage of its own: blocks are copied from the decoded native columns, not from Spark's " +
      "batches turned into rows.")
  val PARQUET_NATIVE: Key[Boolean] = bool("spark.weld.parquet.native", true,
    "Stages over a Parquet scan decode its files straight into their native columns (flat int, bigint, date, " +
      "decimal up to 18 digits, double, float, boolean and string columns of unpartitioned tables, plain or " +
      "dictionary-encoded); other files are read by Spark's reader. Off: always Spark's reader.")
  val PARQUET_VECTORED_IO: Key[String] = Key[String]("spark.weld.parquet.vectoredIo", "auto",
    "How our Parquet decoder reads a row group's column chunks: true/false set Parquet's Hadoop vectored reads; " +
      "auto: plain positioned reads on the task's thread for local files (a vectored read parks the task while " +
      "other threads read), Parquet's own setting for other file systems.",
    v => v.toLowerCase match {
      case s @ ("auto" | "true" | "false") => s
      case other => throw new IllegalArgumentException(
        s"spark.weld.parquet.vectoredIo is auto, true or false, not '$other'")
    })

  val ALL: Seq[Key[_]] = Seq(ENABLED, FILTER, PROJECT, AGGREGATE, SORT, ROW_STAGES, STRICT, BATCH_ROWS, DUMP_DIR,
    BOUNDS_CHECK, MEMORY_LIMIT, THREADS, JOIN, JOIN_SORT_MERGE, JOIN_CACHED_BUILDS,
    JOIN_PACKED_BROADCAST, JOIN_DISTINCT_BROADCAST, SHUFFLE, SHUFFLE_COLUMNAR, SHUFFLE_BLOCK_BUFFER,
    SHUFFLE_SCAN_STAGES, PARQUET_NATIVE, PARQUET_VECTORED_IO)
}
