package dev.sparkweld.weld.conf;

/** Integer overflow behaviour (docs/weld-ir.md 4.2). */
public enum OverflowMode {
  /** Two's complement wrap-around, as in C and Java. */
  WRAP,
  /** Runtime error INTEGER_OVERFLOW, for ANSI SQL. */
  CHECK
}
