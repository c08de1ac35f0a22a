package dev.sparkweld.weld.ir;

/** Binary operators. {@code min}, {@code max} and {@code pow} are written as calls: {@code min(a, b)}. */
public enum BinOpKind {
  ADD("+", true),
  SUB("-", true),
  MUL("*", true),
  DIV("/", true),
  MOD("%", true),
  EQ("==", true),
  NE("!=", true),
  LT("<", true),
  LE("<=", true),
  GT(">", true),
  GE(">=", true),
  LOGICAL_AND("&&", true),
  LOGICAL_OR("||", true),
  BIT_AND("&", true),
  BIT_OR("|", true),
  BIT_XOR("^", true),
  /** Shift left; the shift amount is taken modulo the bit width (our addition; Weld had no shifts). */
  SHL("<<", true),
  /** Shift right: arithmetic for signed, logical for unsigned integers; amount modulo the bit width. */
  SHR(">>", true),
  MIN("min", false),
  MAX("max", false),
  POW("pow", false);

  private final String symbol;
  private final boolean infix;

  BinOpKind(String symbol, boolean infix) {
    this.symbol = symbol;
    this.infix = infix;
  }

  public String symbol() {
    return symbol;
  }

  /** True if written between its operands; false for the call forms {@code min(a,b)}, {@code max}, {@code pow}. */
  public boolean isInfix() {
    return infix;
  }

  public boolean isComparison() {
    return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
  }

  public boolean isLogical() {
    return this == LOGICAL_AND || this == LOGICAL_OR;
  }

  public boolean isBitwise() {
    return this == BIT_AND || this == BIT_OR || this == BIT_XOR || this == SHL || this == SHR;
  }

  public boolean isArithmetic() {
    return this == ADD || this == SUB || this == MUL || this == DIV || this == MOD || this == MIN || this == MAX
        || this == POW;
  }

  @Override
  public String toString() {
    return symbol;
  }
}
