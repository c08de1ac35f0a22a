package dev.sparkweld.examples.bench;

import dev.sparkweld.weld.abi.Memory;
import java.util.List;

/**
 * The generated inputs of one kernel, off heap (what Weld reads in place and the off-heap Java loops read through
 * Unsafe), plus on-demand heap copies for the array variant. Rows are drawn in row order, one draw per column, which
 * is the order the C generator follows too.
 */
final class Columns implements AutoCloseable {
  private final List<ColumnSpec> specs;
  private final long n;
  private final long[] addresses;
  private Object[] heap;

  private Columns(List<ColumnSpec> specs, long n) {
    this.specs = specs;
    this.n = n;
    this.addresses = new long[specs.size()];
  }

  static Columns generate(List<ColumnSpec> specs, long n, long seed) {
    Columns c = new Columns(specs, n);
    try {
      for (int j = 0; j < specs.size(); j++) {
        c.addresses[j] = Memory.allocate(n * specs.get(j).type().bytes);
      }
      SplitMix64 rng = new SplitMix64(seed);
      for (long i = 0; i < n; i++) {
        for (int j = 0; j < specs.size(); j++) {
          ColumnSpec s = specs.get(j);
          long bits = s.javaBits().applyAsLong(rng.next());
          if (s.type() == ColumnSpec.ElemType.I32) {
            Memory.putInt(c.addresses[j] + 4 * i, (int) bits);
          } else {
            Memory.putLong(c.addresses[j] + 8 * i, bits);
          }
        }
      }
      return c;
    } catch (RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  long n() {
    return n;
  }

  int count() {
    return specs.size();
  }

  long address(int column) {
    return addresses[column];
  }

  /** Heap arrays ({@code long[]}, {@code int[]} or {@code double[]}) copied once from the off-heap columns. */
  Object heap(int column) {
    if (heap == null) {
      heap = new Object[specs.size()];
      for (int j = 0; j < specs.size(); j++) {
        heap[j] = toHeap(j);
      }
    }
    return heap[column];
  }

  private Object toHeap(int j) {
    int len = Math.toIntExact(n);
    switch (specs.get(j).type()) {
      case I32: {
        int[] a = new int[len];
        for (int i = 0; i < len; i++) {
          a[i] = Memory.getInt(addresses[j] + 4L * i);
        }
        return a;
      }
      case I64: {
        long[] a = new long[len];
        for (int i = 0; i < len; i++) {
          a[i] = Memory.getLong(addresses[j] + 8L * i);
        }
        return a;
      }
      default: {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
          a[i] = Memory.getDouble(addresses[j] + 8L * i);
        }
        return a;
      }
    }
  }

  @Override
  public void close() {
    heap = null;
    for (int j = 0; j < addresses.length; j++) {
      if (addresses[j] != 0) {
        Memory.free(addresses[j]);
        addresses[j] = 0;
      }
    }
  }
}
