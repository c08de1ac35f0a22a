package dev.sparkweld.weld.ir;

import java.util.Locale;

/**
 * Unary math functions, written as calls ({@code exp(x)}). They follow C's {@code math.h}; {@code abs}, {@code floor}
 * and {@code ceil} are our additions ({@code abs} also accepts integers and wraps on the minimum value).
 */
public enum UnaryOpKind {
  EXP,
  LOG,
  SQRT,
  SIN,
  COS,
  TAN,
  ASIN,
  ACOS,
  ATAN,
  SINH,
  COSH,
  TANH,
  ERF,
  ABS,
  FLOOR,
  CEIL;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True if only floating-point operands are accepted. */
  public boolean floatOnly() {
    return this != ABS;
  }

  @Override
  public String toString() {
    return keyword();
  }
}
