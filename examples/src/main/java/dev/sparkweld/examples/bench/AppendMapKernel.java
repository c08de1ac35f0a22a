package dev.sparkweld.examples.bench;

import dev.sparkweld.weld.abi.Memory;
import java.util.List;

/**
 * An appender-heavy map: every row appends one computed value, so the result is as large as the input. With several
 * threads each worker fills its own buffer and the chunks are then copied into the result in row order, so this
 * kernel shows what the parallel runtime's ordered combine costs on top of a bandwidth-bound loop.
 */
final class AppendMapKernel extends Kernel {
  AppendMapKernel() {
    super("appendmap");
  }

  @Override
  List<ColumnSpec> columns() {
    return List.of(ColumnSpec.i64Below("x", 1_000_000));
  }

  @Override
  String weld() {
    return "|x: vec[i64]| result(for(x, appender[i64], |b, i, e| merge(b, e * 3L + i)))";
  }

  /** Count and a position-weighted checksum, so that an element out of place changes it. */
  private static Summary summarize(long data, long n) {
    long h = 0;
    for (long i = 0; i < n; i++) {
      h = h * 31 + Memory.getLong(data + 8 * i);
    }
    return new Summary(n, h, 0);
  }

  @Override
  Summary weldSummary(long resultAddress) {
    return summarize(Memory.getLong(resultAddress), Memory.getLong(resultAddress + 8));
  }

  @Override
  Object javaOffHeap(Columns c) {
    long a = c.address(0);
    int n = (int) c.n();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = Memory.getLong(a + 8L * i) * 3 + i;
    }
    return out;
  }

  @Override
  Object javaHeap(Columns c) {
    long[] x = (long[]) c.heap(0);
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * 3 + i;
    }
    return out;
  }

  @Override
  Summary javaSummary(Object result) {
    long[] out = (long[]) result;
    long h = 0;
    for (long v : out) {
      h = h * 31 + v;
    }
    return new Summary(out.length, h, 0);
  }

  @Override
  String javaNote() {
    return "into a preallocated long[]";
  }

  @Override
  String cKernel() {
    return ""
        + "typedef int64_t* result_t;\n"
        + "__attribute__((noipa)) static result_t run_kernel(const int64_t* x, int64_t n) {\n"
        + "  int64_t* out = malloc((size_t) (n > 0 ? n : 1) * sizeof(int64_t));\n"
        + "  for (int64_t i = 0; i < n; i++) out[i] = x[i] * 3 + i;\n"
        + "  return out;\n"
        + "}\n"
        + "static void summarize(result_t r, int64_t n, summary_t* s) {\n"
        + "  uint64_t h = 0;\n"
        + "  for (int64_t i = 0; i < n; i++) h = h * 31 + (uint64_t) r[i];\n"
        + "  s->count = n; s->exact = (int64_t) h;\n"
        + "}\n"
        + "static void release(result_t r) { free(r); }\n";
  }
}
