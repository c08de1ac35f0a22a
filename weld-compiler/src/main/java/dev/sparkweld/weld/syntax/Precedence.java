package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.ir.BinOpKind;

/**
 * The grammar levels of spec section 4, lowest binding first. The parser climbs them and the printer uses the same
 * numbers to decide where parentheses are needed, so the two cannot disagree.
 */
final class Precedence {
  /** {@code let} and lambdas: only where a whole expression may stand. */
  static final int EXPR = 0;
  static final int OR = 1;
  static final int AND = 2;
  static final int BIT_OR = 3;
  static final int BIT_XOR = 4;
  static final int BIT_AND = 5;
  static final int EQUALITY = 6;
  static final int COMPARE = 7;
  static final int SHIFT = 8;
  static final int SUM = 9;
  static final int PRODUCT = 10;
  static final int ASCRIBE = 11;
  static final int APPLY = 12;
  static final int LEAF = 13;

  private Precedence() {}

  /** The level of an infix operator. */
  static int level(BinOpKind op) {
    switch (op) {
      case LOGICAL_OR:
        return OR;
      case LOGICAL_AND:
        return AND;
      case BIT_OR:
        return BIT_OR;
      case BIT_XOR:
        return BIT_XOR;
      case BIT_AND:
        return BIT_AND;
      case EQ:
      case NE:
        return EQUALITY;
      case LT:
      case LE:
      case GT:
      case GE:
        return COMPARE;
      case SHL:
      case SHR:
        return SHIFT;
      case ADD:
      case SUB:
        return SUM;
      case MUL:
      case DIV:
      case MOD:
        return PRODUCT;
      default:
        return LEAF; // min, max, pow are written as calls
    }
  }

  /** Equality and comparison do not chain: {@code a == b == c} is an error, as in Weld. */
  static boolean isNonAssociative(int level) {
    return level == EQUALITY || level == COMPARE;
  }

  /** The infix operator a token spells, or null. */
  static BinOpKind infix(Token t) {
    if (t.kind() != TokenKind.PUNCT) {
      return null;
    }
    for (BinOpKind k : BinOpKind.values()) {
      if (k.isInfix() && k.symbol().equals(t.text())) {
        return k;
      }
    }
    return null;
  }
}
