package dev.sparkweld.examples.bench;

import java.util.function.LongUnaryOperator;

/**
 * One generated input column: how a raw 64-bit draw becomes an element, once in Java and once as a C expression over
 * {@code r}. Both must agree bit for bit; unsigned remainders and exact int-to-double conversions followed by one
 * correctly rounded division keep them so.
 */
record ColumnSpec(String name, ElemType type, LongUnaryOperator javaBits, String cExpr) {
  /** Element types the kernels use, with their Weld and C spellings. */
  enum ElemType {
    I32(4, "i32", "int32_t"),
    I64(8, "i64", "int64_t"),
    F64(8, "f64", "double");

    final int bytes;
    final String weld;
    final String c;

    ElemType(int bytes, String weld, String c) {
      this.bytes = bytes;
      this.weld = weld;
      this.c = c;
    }
  }

  /** An i64 uniform in [0, bound). */
  static ColumnSpec i64Below(String name, long bound) {
    return new ColumnSpec(name, ElemType.I64, r -> Long.remainderUnsigned(r, bound),
        "(int64_t)(r % " + bound + "ull)");
  }

  /** Any i64: the raw draw. */
  static ColumnSpec i64Raw(String name) {
    return new ColumnSpec(name, ElemType.I64, r -> r, "(int64_t)r");
  }

  /** An i32 uniform in [offset, offset + bound). */
  static ColumnSpec i32Range(String name, int offset, int bound) {
    return new ColumnSpec(name, ElemType.I32, r -> offset + Long.remainderUnsigned(r, bound),
        "(int32_t)(" + offset + " + (int64_t)(r % " + bound + "ull))");
  }

  /** An f64 (r mod bound) / divisor, i.e. a fixed-point decimal. */
  static ColumnSpec f64Decimal(String name, long bound, double divisor) {
    return new ColumnSpec(name, ElemType.F64,
        r -> Double.doubleToRawLongBits((double) Long.remainderUnsigned(r, bound) / divisor),
        "(double)(r % " + bound + "ull) / " + Double.toString(divisor));
  }
}
