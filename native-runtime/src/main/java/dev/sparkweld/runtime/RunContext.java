package dev.sparkweld.runtime;

import static dev.sparkweld.runtime.memory.ContextLayout.*;

import dev.sparkweld.runtime.bridge.NativeBridge;
import dev.sparkweld.runtime.jit.RuntimeLibrary;
import dev.sparkweld.runtime.memory.RuntimeSymbols;
import dev.sparkweld.runtime.parallel.ParallelUpcall;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * One run of compiled code: the off-heap context struct kernels receive as {@code ctx} (layout: {@code ContextLayout},
 * docs/abi.md), the memory they allocate through it, and its error slot and cancel flag.
 *
 * <p>Everything a run allocates belongs to the context and is freed by {@link #close()}, whatever the run left live:
 * results must be copied out before. {@link #cancel()} may be called from any thread; the running kernel stops at its
 * next poll and the run fails with CANCELLED. A context serves one run at a time; it is not reusable after an error.
 */
public final class RunContext implements AutoCloseable {
  /** Views of the struct; direct-buffer var handles give volatile/atomic access without sun.misc.Unsafe. */
  private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
  /** Above this a limit is as good as none, and adding block headers to it cannot overflow. */
  public static final long NO_LIMIT = Long.MAX_VALUE / 4;

  private final Pointer raw;
  private final long address;
  private final long size;
  /** The live struct; after close, a heap copy of its last state (so statistics stay readable). */
  private ByteBuffer view;
  private final int workers;
  private final long memoryLimit;
  private final GrantorUpcall grantor;
  private final long grantorRef;
  private int activeRuns;
  private boolean closing;
  private boolean closed;

  private RunContext(long memoryLimit, int workers, MemoryGrantor grantor) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1: " + workers);
    }
    if (memoryLimit < 0) {
      throw new IllegalArgumentException("memory limit must be >= 0: " + memoryLimit);
    }
    NativeBridge.bind();
    this.workers = workers;
    this.memoryLimit = Math.min(memoryLimit, NO_LIMIT);
    size = sizeFor(workers);
    // 64-byte alignment keeps every worker slot on its own cache line; calloc guarantees only 16.
    raw = Pointer.calloc(1, size + 64);
    if (raw == null || raw.isNull()) {
      throw new OutOfMemoryError("cannot allocate a run context of " + size + " bytes");
    }
    long base = raw.address();
    long pad = (64 - (base & 63)) & 63;
    address = base + pad;
    // getPointer(i) is a new pointer at address + i (asByteBuffer ignores position).
    view = new BytePointer(raw).getPointer(pad).capacity(size).asByteBuffer().order(ByteOrder.nativeOrder());
    this.grantor = grantor == null ? null : new GrantorUpcall(grantor);
    this.grantorRef = grantor == null ? 0 : NativeBridge.newGlobalRef(this.grantor);
    view.putLong(LIMIT, this.memoryLimit);
    view.putLong(GRANTOR, grantorRef);
    view.putInt(WORKER_COUNT, workers);
    if (workers > 1) {
      view.putLong(PARALLEL, ParallelUpcall.globalRef());
      ParallelUpcall.prepare(workers);
    }
    long rc = NativeBridge.call(RuntimeLibrary.address(RuntimeSymbols.INIT), address, 0);
    if (rc != 0) {
      free();
      throw new IllegalStateException("GetJavaVM failed: " + rc);
    }
  }

  /** A context for single-threaded kernels (worker 0) with a memory limit in bytes. */
  public static RunContext create(long memoryLimit) {
    return new RunContext(memoryLimit, 1, null);
  }

  /**
   * @param workers worker slots: kernels pass a worker index in [0, workers) to the allocation functions; parallel
   *     loops run on up to this many threads (the calling one and pool threads)
   * @param grantor asked for memory in chunks of at least 1 MiB before the run uses it; null for none
   */
  public static RunContext create(long memoryLimit, int workers, MemoryGrantor grantor) {
    return new RunContext(memoryLimit, workers, grantor);
  }

  /** The {@code ctx} pointer to pass to kernels. */
  public long address() {
    return address;
  }

  public int workers() {
    return workers;
  }

  public long memoryLimit() {
    return memoryLimit;
  }

  /**
   * Runs {@code kernel} ({@code i64 kernel(JNIEnv*, ctx*, args*)}) with this context and throws the
   * {@link WeldRuntimeException} for any error it reports.
   */
  public void run(long kernel, long args) {
    synchronized (this) {
      ensureOpen();
      activeRuns++;
    }
    long rc;
    try {
      rc = NativeBridge.call(kernel, address, args);
    } finally {
      synchronized (this) {
        activeRuns--;
        notifyAll();
      }
    }
    check(rc);
  }

  /** Throws the exception for {@code returned} (a kernel's result) or for the error the context recorded, if any. */
  public void check(long returned) {
    int slot = errorCode();
    if (returned == 0 && slot == 0) {
      return;
    }
    WeldRuntimeException e = NativeErrors.toException(returned, slot, readLong(ERROR_DETAIL0),
        readLong(ERROR_DETAIL1), memoryLimit);
    if (e.kind() == ErrorKind.MEMORY_LIMIT && grantor != null && grantor.failure() != null) {
      e.initCause(grantor.failure());
    }
    throw e;
  }

  /** Asks the running kernel to stop; it fails with CANCELLED at its next poll (within milliseconds). */
  public synchronized void cancel() {
    if (!closed) {
      INTS.setVolatile(view, CANCEL, 1);
    }
  }

  public boolean isCancelRequested() {
    return readInt(CANCEL) != 0;
  }

  /** The first error code recorded in the context (an ErrorKind code), 0 if none. */
  public int errorCode() {
    return readInt(ERROR_CODE);
  }

  /** Live bytes allocated through this context (payloads plus block headers), over all workers. */
  public long bytesInUse() {
    long sum = 0;
    for (int w = 0; w < workers; w++) {
      sum += readLong(WORKERS + w * WORKER_SIZE + W_IN_USE);
    }
    return sum;
  }

  /** Allocations made through this context so far. */
  public long allocations() {
    long sum = 0;
    for (int w = 0; w < workers; w++) {
      sum += readLong(WORKERS + w * WORKER_SIZE + W_ALLOCATIONS);
    }
    return sum;
  }

  /** Allocations made by worker {@code w} (each worker allocates through its own slot). */
  public long allocations(int w) {
    if (w < 0 || w >= workers) {
      throw new IndexOutOfBoundsException("worker " + w + " of " + workers);
    }
    return readLong(WORKERS + w * WORKER_SIZE + W_ALLOCATIONS);
  }

  /** Highest amount reserved against the limit: the peak of live bytes plus each worker's small unused budget. */
  public long peakReservedBytes() {
    return readLong(PEAK_RESERVED);
  }

  /** Bytes currently granted by the {@link MemoryGrantor} (0 without one). */
  public long grantedBytes() {
    return grantor == null ? 0 : grantor.granted();
  }

  /** Number of times native code asked the grantor for memory. */
  public long grantUpcalls() {
    return readLong(GRANT_UPCALLS);
  }

  private synchronized long readLong(int offset) {
    return closed ? view.getLong(offset) : (long) LONGS.getVolatile(view, offset);
  }

  private synchronized int readInt(int offset) {
    return closed ? view.getInt(offset) : (int) INTS.getVolatile(view, offset);
  }

  private void ensureOpen() {
    if (closing) {
      throw new IllegalStateException("run context is closed");
    }
  }

  /**
   * Frees every allocation of the run, gives granted memory back to the grantor and frees the context. If a run is
   * still going (another thread), cancels it and waits for it to return first. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed || closing) {
        return;
      }
      closing = true;
      if (activeRuns > 0) {
        cancel();
        boolean interrupted = false;
        while (activeRuns > 0) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
    try {
      NativeBridge.call(RuntimeLibrary.address(RuntimeSymbols.RELEASE_ALL), address, 0);
      if (grantor != null) {
        grantor.releaseAll();
      }
    } finally {
      synchronized (this) {
        ByteBuffer last = ByteBuffer.allocate((int) size).order(ByteOrder.nativeOrder());
        last.put(view.duplicate().clear());
        view = last;
        closed = true;
        free();
      }
    }
  }

  private void free() {
    if (grantorRef != 0) {
      NativeBridge.deleteGlobalRef(grantorRef);
    }
    Pointer.free(raw);
  }

  @Override
  public String toString() {
    return "RunContext[0x" + Long.toHexString(address) + ", workers=" + workers + ", limit=" + memoryLimit
        + ", inUse=" + (closed ? "closed" : String.valueOf(bytesInUse())) + "]";
  }
}
