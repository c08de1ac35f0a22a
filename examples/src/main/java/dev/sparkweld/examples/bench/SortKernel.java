package dev.sparkweld.examples.bench;

import dev.sparkweld.weld.abi.Memory;
import java.util.Arrays;
import java.util.List;

/**
 * Sort of an i64 column into a new vector. The C baseline is the algorithm Weld emits (SortCodegen: insertion sort of
 * runs of 16, then stable bottom-up merges), so the ratio measures code quality; Java uses its library sort
 * (dual-pivot quicksort), a different algorithm, labelled as such.
 */
final class SortKernel extends Kernel {
  SortKernel() {
    super("sort");
  }

  @Override
  List<ColumnSpec> columns() {
    return List.of(ColumnSpec.i64Raw("x"));
  }

  @Override
  String weld() {
    return "|x: vec[i64]| sort(x, |a, b| compare(a, b))";
  }

  @Override
  Summary weldSummary(long resultAddress) {
    long data = Memory.getLong(resultAddress);
    long len = Memory.getLong(resultAddress + 8);
    long exact = 0;
    for (long i = 0; i < len; i++) {
      exact += Memory.getLong(data + 8 * i) * (i + 1);
    }
    return new Summary(len, exact, 0);
  }

  @Override
  Object javaOffHeap(Columns c) {
    int n = Math.toIntExact(c.n());
    long a = c.address(0);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = Memory.getLong(a + 8L * i);
    }
    Arrays.sort(out);
    return out;
  }

  @Override
  Object javaHeap(Columns c) {
    long[] out = ((long[]) c.heap(0)).clone();
    Arrays.sort(out);
    return out;
  }

  @Override
  Summary javaSummary(Object result) {
    long[] s = (long[]) result;
    long exact = 0;
    for (int i = 0; i < s.length; i++) {
      exact += s[i] * (i + 1L);
    }
    return new Summary(s.length, exact, 0);
  }

  @Override
  String javaNote() {
    return "copy to long[] + Arrays.sort (dual-pivot quicksort, not Weld's merge sort)";
  }

  @Override
  String cKernel() {
    return ""
        + "typedef struct { int64_t* data; int64_t len; } result_t;\n"
        + "#define RUN 16\n"
        + "__attribute__((noipa)) static result_t run_kernel(const int64_t* x, int64_t n) {\n"
        + "  int64_t* a = malloc(n * sizeof(int64_t) + 8); int64_t* b = malloc(n * sizeof(int64_t) + 8);\n"
        + "  memcpy(a, x, n * sizeof(int64_t));\n"
        + "  for (int64_t lo = 0; lo < n; lo += RUN) {\n"
        + "    int64_t hi = lo + RUN < n ? lo + RUN : n;\n"
        + "    for (int64_t i = lo + 1; i < hi; i++) {\n"
        + "      int64_t v = a[i]; int64_t j = i;\n"
        + "      while (j > lo && a[j - 1] > v) { a[j] = a[j - 1]; j--; }\n"
        + "      a[j] = v;\n"
        + "    }\n"
        + "  }\n"
        + "  for (int64_t w = RUN; w < n; w *= 2) {\n"
        + "    for (int64_t lo = 0; lo < n; lo += 2 * w) {\n"
        + "      int64_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;\n"
        + "      int64_t i = lo, j = mid, k = lo;\n"
        + "      while (i < mid && j < hi) b[k++] = a[j] < a[i] ? a[j++] : a[i++];\n"
        + "      while (i < mid) b[k++] = a[i++];\n"
        + "      while (j < hi) b[k++] = a[j++];\n"
        + "    }\n"
        + "    int64_t* t = a; a = b; b = t;\n"
        + "  }\n"
        + "  free(b);\n"
        + "  result_t r = { a, n };\n"
        + "  return r;\n"
        + "}\n"
        + "static void summarize(result_t r, int64_t n, summary_t* s) {\n"
        + "  uint64_t exact = 0;\n"
        + "  for (int64_t i = 0; i < r.len; i++) exact += (uint64_t) r.data[i] * (uint64_t) (i + 1);\n"
        + "  s->count = r.len; s->exact = (int64_t) exact;\n"
        + "}\n"
        + "static void release(result_t r) { free(r.data); }\n";
  }
}
