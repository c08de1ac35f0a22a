package dev.sparkweld.examples.bench;

import java.util.List;

/**
 * One benchmark kernel written three times: as a Weld program, as plain Java loops (over the off-heap columns and
 * over heap arrays), and as C for the gcc baseline. The timed part of every variant produces the result in its
 * natural form; {@code summarize} turns it into a {@link Summary} outside the timed region.
 */
abstract class Kernel {
  private final String name;

  Kernel(String name) {
    this.name = name;
  }

  final String name() {
    return name;
  }

  abstract List<ColumnSpec> columns();

  /** The Weld program; its parameters are the columns in order. */
  abstract String weld();

  /** Summarizes the native Weld result at {@code resultAddress} (the result field of the argument block). */
  abstract Summary weldSummary(long resultAddress);

  /** The Java loop over the off-heap columns. */
  abstract Object javaOffHeap(Columns c);

  /** The Java loop over heap arrays (copied from the off-heap columns once, untimed). */
  abstract Object javaHeap(Columns c);

  abstract Summary javaSummary(Object result);

  /** What the two Java variants do, for the table legend (they are not always the same loop as Weld's). */
  String javaNote() {
    return "same loop";
  }

  /**
   * C text defining {@code result_t}, {@code result_t run_kernel(const T0* c0, ..., int64_t n)} (marked
   * {@code noipa} so that repeated calls are not folded), {@code summarize(result_t, int64_t n, summary_t*)} and
   * {@code release(result_t)}.
   */
  abstract String cKernel();
}
