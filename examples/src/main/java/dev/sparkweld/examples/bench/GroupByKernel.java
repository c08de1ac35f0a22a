package dev.sparkweld.examples.bench;

import dev.sparkweld.weld.abi.Memory;
import java.util.List;

/**
 * Group-by sum through a dictmerger, returned as {@code tovec} (insertion order, so all three implementations must
 * produce the same sequence). Values are multiples of 1/8 below 125, so every per-key sum is exact in f64 whatever the
 * order of additions.
 */
final class GroupByKernel extends Kernel {
  private final long keys;

  GroupByKernel(String name, long keys) {
    super(name);
    this.keys = keys;
  }

  @Override
  List<ColumnSpec> columns() {
    return List.of(ColumnSpec.i64Below("k", keys), ColumnSpec.f64Decimal("v", 1000, 8.0));
  }

  @Override
  String weld() {
    return "|k: vec[i64], v: vec[f64]| tovec(result(for(zip(k, v), dictmerger[i64,f64,+],"
        + " |b, i, x| merge(b, {x.$0, x.$1}))))";
  }

  /** The result is {@code vec[{i64,f64}]}: {data, len} with 16-byte entries. */
  @Override
  Summary weldSummary(long resultAddress) {
    long data = Memory.getLong(resultAddress);
    int len = Math.toIntExact(Memory.getLong(resultAddress + 8));
    long[] k = new long[len];
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      k[i] = Memory.getLong(data + 16L * i);
      v[i] = Memory.getDouble(data + 16L * i + 8);
    }
    return new InsertionOrderedTable.Pairs(k, v).summary();
  }

  @Override
  Object javaOffHeap(Columns c) {
    long ka = c.address(0);
    long va = c.address(1);
    long n = c.n();
    InsertionOrderedTable t = new InsertionOrderedTable();
    for (long i = 0; i < n; i++) {
      t.add(Memory.getLong(ka + 8 * i), Memory.getDouble(va + 8 * i));
    }
    return t.toPairs();
  }

  @Override
  Object javaHeap(Columns c) {
    long[] k = (long[]) c.heap(0);
    double[] v = (double[]) c.heap(1);
    InsertionOrderedTable t = new InsertionOrderedTable();
    for (int i = 0; i < k.length; i++) {
      t.add(k[i], v[i]);
    }
    return t.toPairs();
  }

  @Override
  Summary javaSummary(Object result) {
    return ((InsertionOrderedTable.Pairs) result).summary();
  }

  @Override
  String javaNote() {
    return "same table design as Weld's dictmerger";
  }

  @Override
  String cKernel() {
    return InsertionOrderedTable.C_SOURCE
        + "typedef struct { int64_t* keys; double* values; int64_t count; } result_t;\n"
        + "__attribute__((noipa)) static result_t run_kernel(const int64_t* k, const double* v, int64_t n) {\n"
        + "  gb_table t; gb_init(&t);\n"
        + "  for (int64_t i = 0; i < n; i++) gb_add(&t, k[i], v[i]);\n"
        + "  result_t r = { malloc(t.count * sizeof(int64_t) + 1), malloc(t.count * sizeof(double) + 1), t.count };\n"
        + "  memcpy(r.keys, t.keys, t.count * sizeof(int64_t));\n"
        + "  memcpy(r.values, t.values, t.count * sizeof(double));\n"
        + "  free(t.keys); free(t.values); free(t.slots);\n"
        + "  return r;\n"
        + "}\n"
        + "static void summarize(result_t r, int64_t n, summary_t* s) {\n"
        + "  uint64_t exact = 0; double fsum = 0;\n"
        + "  for (int64_t i = 0; i < r.count; i++) { exact += (uint64_t) r.keys[i] * (uint64_t) (i + 1);"
        + " fsum += r.values[i]; }\n"
        + "  s->count = r.count; s->exact = (int64_t) exact; s->fsum = fsum;\n"
        + "}\n"
        + "static void release(result_t r) { free(r.keys); free(r.values); }\n";
  }
}
