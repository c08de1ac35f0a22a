package dev.sparkweld.weld.ir;

/** The commutative operators of mergers, dictmergers and vecmergers, with their identities. */
public enum BuilderOp {
  ADD("+"),
  MUL("*"),
  MIN("min"),
  MAX("max");

  private final String symbol;

  BuilderOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** The binary operator this builder operator folds with. */
  public BinOpKind binOp() {
    return switch (this) {
      case ADD -> BinOpKind.ADD;
      case MUL -> BinOpKind.MUL;
      case MIN -> BinOpKind.MIN;
      case MAX -> BinOpKind.MAX;
    };
  }

  @Override
  public String toString() {
    return symbol;
  }
}
