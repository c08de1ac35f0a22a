package dev.sparkweld.weld.abi;

import java.util.ArrayList;
import java.util.List;

/** Off-heap allocations of one encoding (the inputs of a run), all freed together by {@link #close()}. */
public final class OffHeapArena implements AutoCloseable {
  private final List<Long> blocks = new ArrayList<>();
  private long bytes;

  public long allocate(long size) {
    long a = Memory.allocate(size);
    blocks.add(a);
    bytes += size;
    return a;
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    for (long a : blocks) {
      Memory.free(a);
    }
    blocks.clear();
    bytes = 0;
  }
}
