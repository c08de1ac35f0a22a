package dev.sparkweld.runtime.memory;

/**
 * The run context as native code sees it: byte offsets into the off-heap struct a kernel gets as {@code ctx}. This is
 * ABI (docs/abi.md, "Run context"): generated code and the runtime IR use these numbers, so change them only together
 * with the document.
 *
 * <p>Line 0 (bytes 0-63) holds the memory state shared by all workers; line 1 (64-127) the flags long loops poll and
 * the error slot; line 2 (128-191) the parallel runtime; 192-255 is reserved; worker slots (64 bytes, one cache line each, so
 * workers never share a line) start at {@link #WORKERS}.
 */
public final class ContextLayout {
  private ContextLayout() {}

  /** i64: most bytes the run may hold (payload + block headers), across all workers. */
  public static final int LIMIT = 0;
  /** i64, atomic: bytes reserved against the limit by workers (their live blocks plus their unused budget). */
  public static final int RESERVED = 8;
  /** i64, atomic max: the highest {@link #RESERVED} seen. */
  public static final int PEAK_RESERVED = 16;
  /** i64, atomic: bytes the embedding's MemoryGrantor has granted (meaningful only with a grantor). */
  public static final int GRANTED = 24;
  /** ptr: JNI global reference to the grantor upcall object, or null for no grantor. */
  public static final int GRANTOR = 32;
  /** ptr: the JavaVM*, for upcalls from threads that only have the context ({@code GetEnv}). */
  public static final int JAVA_VM = 40;
  /** i32: number of worker slots. */
  public static final int WORKER_COUNT = 48;

  /** i32: nonzero once cancellation was requested. Loops read it (monotonic) at least every few ms of work. */
  public static final int CANCEL = 64;
  /** i32, atomic: the first error's {@code ErrorKind} code; set once (compare-and-swap from 0). */
  public static final int ERROR_CODE = 68;
  /** i64: detail of the first error (e.g. the index for OUT_OF_BOUNDS). */
  public static final int ERROR_DETAIL0 = 72;
  /** i64: second detail (e.g. the length for OUT_OF_BOUNDS). */
  public static final int ERROR_DETAIL1 = 80;
  /** i64, atomic: number of upcalls made to the MemoryGrantor. */
  public static final int GRANT_UPCALLS = 88;

  /** ptr: JNI global ref of the ParallelUpcall object, or null for a single-worker context (loops run inline). */
  public static final int PARALLEL = 128;

  /** Offset of worker slot 0; slot {@code w} is at {@code WORKERS + w * WORKER_SIZE}. */
  public static final int WORKERS = 256;
  public static final int WORKER_SIZE = 64;

  /** i64, in a worker slot: bytes this worker reserved and has not allocated. Touched only by its own thread. */
  public static final int W_BUDGET = 0;
  /** i64, in a worker slot: live bytes (payload + header) of blocks this worker allocated. Under W_LOCK. */
  public static final int W_IN_USE = 8;
  /** ptr, in a worker slot: first live block this worker allocated. Under W_LOCK. */
  public static final int W_HEAD = 16;
  /** i32, in a worker slot: spin lock over W_IN_USE, W_HEAD and the list (0 free, 1 held). */
  public static final int W_LOCK = 24;
  /** i64, in a worker slot: number of allocations by this worker. */
  public static final int W_ALLOCATIONS = 32;
  /** i64, in a worker slot: highest W_IN_USE. */
  public static final int W_PEAK_IN_USE = 40;

  /** Block header before each payload: next, prev, payload size, owner worker, magic. Keeps payloads 16-aligned. */
  public static final int HEADER_SIZE = 32;
  public static final int H_NEXT = 0;
  public static final int H_PREV = 8;
  public static final int H_SIZE = 16;
  public static final int H_OWNER = 24;
  public static final int H_MAGIC = 28;
  /** "WELD": marks a live block, cleared on free, so a bad or double free is an INTERNAL error, not a crash. */
  public static final int MAGIC = 0x444c4557;

  /** A worker reserves at least this much from the limit at a time, so allocation rarely touches shared state. */
  public static final long RESERVE_CHUNK = 64 * 1024;
  /** Unused budget above this goes back to the shared pool on free. */
  public static final long BUDGET_KEEP = 2 * RESERVE_CHUNK;
  /** The least a grantor upcall asks for, so upcalls stay rare. */
  public static final long GRANT_CHUNK = 1024 * 1024;

  /** ERROR_DETAIL1 of an error recorded without details (a worker's failed check: the kind is all there is). */
  public static final long NO_DETAIL = -1;

  /** Values of ERROR_DETAIL1 for MEMORY_LIMIT. */
  public static final int MEMORY_LIMIT_REACHED = 0;
  public static final int MEMORY_GRANT_REFUSED = 1;
  public static final int MEMORY_MALLOC_FAILED = 2;

  public static long sizeFor(int workers) {
    return WORKERS + (long) workers * WORKER_SIZE;
  }
}
