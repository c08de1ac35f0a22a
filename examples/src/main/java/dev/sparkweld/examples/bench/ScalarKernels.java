package dev.sparkweld.examples.bench;

import dev.sparkweld.weld.abi.Memory;
import java.util.List;

/** The kernels that reduce to one scalar: sum, map+filter+sum and the TPC-H Q6 filter/aggregate. */
final class ScalarKernels {
  private ScalarKernels() {}

  /** Sum of an i64 column: the memory-bandwidth floor of the other kernels. */
  static final class Sum extends Kernel {
    Sum() {
      super("sum");
    }

    @Override
    List<ColumnSpec> columns() {
      return List.of(ColumnSpec.i64Below("x", 1_000_000));
    }

    @Override
    String weld() {
      return "|x: vec[i64]| result(for(x, merger[i64,+], |b, i, e| merge(b, e)))";
    }

    @Override
    Summary weldSummary(long resultAddress) {
      return Summary.ofLong(Memory.getLong(resultAddress));
    }

    @Override
    Object javaOffHeap(Columns c) {
      long a = c.address(0);
      long n = c.n();
      long s = 0;
      for (long i = 0; i < n; i++) {
        s += Memory.getLong(a + 8 * i);
      }
      return s;
    }

    @Override
    Object javaHeap(Columns c) {
      long[] x = (long[]) c.heap(0);
      long s = 0;
      for (long v : x) {
        s += v;
      }
      return s;
    }

    @Override
    Summary javaSummary(Object result) {
      return Summary.ofLong((Long) result);
    }

    @Override
    String cKernel() {
      return ""
          + "typedef int64_t result_t;\n"
          + "__attribute__((noipa)) static result_t run_kernel(const int64_t* x, int64_t n) {\n"
          + "  int64_t s = 0;\n"
          + "  for (int64_t i = 0; i < n; i++) s += x[i];\n"
          + "  return s;\n"
          + "}\n"
          + "static void summarize(result_t r, int64_t n, summary_t* s) { s->count = 1; s->exact = r; }\n"
          + "static void release(result_t r) { (void) r; }\n";
    }
  }

  /**
   * A map and a data-dependent filter in one pass: sum of 3x over x with x mod 7 < 3. The filter keeps 3/7 of the rows
   * at random, so a branch on it mispredicts often; the {@code select} variant writes the same computation branch-free
   * (what Weld's predication annotation is for) in all three languages, to show what that costs or saves.
   */
  static final class MapFilterSum extends Kernel {
    private final boolean select;

    MapFilterSum(boolean select) {
      super(select ? "mapfilter-select" : "mapfilter");
      this.select = select;
    }

    @Override
    List<ColumnSpec> columns() {
      return List.of(ColumnSpec.i64Below("x", 1_000_000));
    }

    @Override
    String weld() {
      return select
          ? "|x: vec[i64]| result(for(x, merger[i64,+], |b, i, e| merge(b, select(e % 7L < 3L, e * 3L, 0L))))"
          : "|x: vec[i64]| result(for(x, merger[i64,+], |b, i, e| if(e % 7L < 3L, merge(b, e * 3L), b)))";
    }

    @Override
    Summary weldSummary(long resultAddress) {
      return Summary.ofLong(Memory.getLong(resultAddress));
    }

    @Override
    Object javaOffHeap(Columns c) {
      long a = c.address(0);
      long n = c.n();
      long s = 0;
      if (select) {
        for (long i = 0; i < n; i++) {
          long e = Memory.getLong(a + 8 * i);
          s += e % 7 < 3 ? e * 3 : 0;
        }
        return s;
      }
      for (long i = 0; i < n; i++) {
        long e = Memory.getLong(a + 8 * i);
        if (e % 7 < 3) {
          s += e * 3;
        }
      }
      return s;
    }

    @Override
    Object javaHeap(Columns c) {
      long[] x = (long[]) c.heap(0);
      long s = 0;
      if (select) {
        for (long e : x) {
          s += e % 7 < 3 ? e * 3 : 0;
        }
        return s;
      }
      for (long e : x) {
        if (e % 7 < 3) {
          s += e * 3;
        }
      }
      return s;
    }

    @Override
    Summary javaSummary(Object result) {
      return Summary.ofLong((Long) result);
    }

    @Override
    String cKernel() {
      String body = select
          ? "  for (int64_t i = 0; i < n; i++) { int64_t e = x[i]; s += e % 7 < 3 ? e * 3 : 0; }\n"
          : "  for (int64_t i = 0; i < n; i++) { int64_t e = x[i]; if (e % 7 < 3) s += e * 3; }\n";
      return ""
          + "typedef int64_t result_t;\n"
          + "__attribute__((noipa)) static result_t run_kernel(const int64_t* x, int64_t n) {\n"
          + "  int64_t s = 0;\n"
          + body
          + "  return s;\n"
          + "}\n"
          + "static void summarize(result_t r, int64_t n, summary_t* s) { s->count = 1; s->exact = r; }\n"
          + "static void release(result_t r) { (void) r; }\n";
    }
  }

  /**
   * TPC-H Q6 over four columns. Dates are days since 1970 spread over seven years, so the one-year window, the
   * discount band and the quantity bound together keep about 2% of the rows, as in the real query.
   */
  static final class Q6 extends Kernel {
    Q6() {
      super("q6");
    }

    @Override
    List<ColumnSpec> columns() {
      return List.of(
          ColumnSpec.i32Range("shipdate", 8035, 2557),
          ColumnSpec.f64Decimal("discount", 11, 100.0),
          ColumnSpec.f64Decimal("quantity", 50, 1.0),
          ColumnSpec.f64Decimal("price", 10_000_000, 100.0));
    }

    @Override
    String weld() {
      return "|shipdate: vec[i32], discount: vec[f64], quantity: vec[f64], price: vec[f64]|\n"
          + "  result(for(zip(shipdate, discount, quantity, price), merger[f64,+], |b, i, r|\n"
          + "    if(r.$0 >= 8766 && r.$0 < 9131 && r.$1 >= 0.05 && r.$1 <= 0.07 && r.$2 < 24.0,\n"
          + "       merge(b, r.$3 * r.$1),\n"
          + "       b)))";
    }

    @Override
    Summary weldSummary(long resultAddress) {
      return Summary.ofDouble(Memory.getDouble(resultAddress));
    }

    @Override
    Object javaOffHeap(Columns c) {
      long sd = c.address(0);
      long dc = c.address(1);
      long qt = c.address(2);
      long pr = c.address(3);
      long n = c.n();
      double s = 0;
      for (long i = 0; i < n; i++) {
        int d = Memory.getInt(sd + 4 * i);
        double disc = Memory.getDouble(dc + 8 * i);
        if (d >= 8766 && d < 9131 && disc >= 0.05 && disc <= 0.07 && Memory.getDouble(qt + 8 * i) < 24.0) {
          s += Memory.getDouble(pr + 8 * i) * disc;
        }
      }
      return s;
    }

    @Override
    Object javaHeap(Columns c) {
      int[] sd = (int[]) c.heap(0);
      double[] dc = (double[]) c.heap(1);
      double[] qt = (double[]) c.heap(2);
      double[] pr = (double[]) c.heap(3);
      double s = 0;
      for (int i = 0; i < sd.length; i++) {
        int d = sd[i];
        double disc = dc[i];
        if (d >= 8766 && d < 9131 && disc >= 0.05 && disc <= 0.07 && qt[i] < 24.0) {
          s += pr[i] * disc;
        }
      }
      return s;
    }

    @Override
    Summary javaSummary(Object result) {
      return Summary.ofDouble((Double) result);
    }

    @Override
    String cKernel() {
      return ""
          + "typedef double result_t;\n"
          + "__attribute__((noipa)) static result_t run_kernel(const int32_t* sd, const double* dc,\n"
          + "    const double* qt, const double* pr, int64_t n) {\n"
          + "  double s = 0;\n"
          + "  for (int64_t i = 0; i < n; i++) {\n"
          + "    int32_t d = sd[i]; double disc = dc[i];\n"
          + "    if (d >= 8766 && d < 9131 && disc >= 0.05 && disc <= 0.07 && qt[i] < 24.0) s += pr[i] * disc;\n"
          + "  }\n"
          + "  return s;\n"
          + "}\n"
          + "static void summarize(result_t r, int64_t n, summary_t* s) { s->count = 1; s->fsum = r; }\n"
          + "static void release(result_t r) { (void) r; }\n";
    }
  }
}
