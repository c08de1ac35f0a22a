package dev.sparkweld.spark.fuzz;

/**
 * The value kinds the fuzzer generates expressions of. Decimals are one kind whatever their precision (Spark widens
 * them through arithmetic); the generator only needs to know which operators apply.
 */
enum SqlType {
  INT, BIGINT, DOUBLE, DECIMAL, STRING, DATE, BOOLEAN;

  boolean numeric() {
    return this == INT || this == BIGINT || this == DOUBLE || this == DECIMAL;
  }

  /** Whether the value's text or order can legitimately differ between two correct engines (see FuzzQuery). */
  boolean floating() {
    return this == DOUBLE;
  }
}
