package dev.sparkweld.weld.ir;

/** The iterator forms allowed as the first argument of {@code for}. */
public enum IterKind {
  /** A plain vector or {@code iter(v, start, end, stride)}. */
  SCALAR("iter"),
  /** {@code simditer(v)}: whole SIMD-width chunks of v; the body sees {@code simd[T]} elements. */
  SIMD("simditer"),
  /** {@code fringeiter(v)}: the elements {@code simditer} leaves over. */
  FRINGE("fringeiter"),
  /** {@code rangeiter(start, end, stride)}: the i64 values start, start+stride, ... below end. */
  RANGE("rangeiter"),
  /** {@code nditer(v, start, end, stride, shape, strides)}: a strided walk over an n-dimensional view. */
  ND("nditer");

  private final String keyword;

  IterKind(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }
}
