package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.ScalarKind;
import java.math.BigInteger;

/** Turns numeric literal tokens into {@link Literal}s, folding a leading minus and checking decimal ranges. */
final class Literals {
  private static final long CANONICAL_NAN_F64 = Double.doubleToRawLongBits(Double.NaN);
  private static final long CANONICAL_NAN_F32 = Float.floatToRawIntBits(Float.NaN) & 0xFFFFFFFFL;

  private Literals() {}

  static BigInteger min(ScalarKind k) {
    return k.isSigned() ? BigInteger.ONE.shiftLeft(k.bits() - 1).negate() : BigInteger.ZERO;
  }

  static BigInteger max(ScalarKind k) {
    int valueBits = k.isSigned() ? k.bits() - 1 : k.bits();
    return BigInteger.ONE.shiftLeft(valueBits).subtract(BigInteger.ONE);
  }

  /**
   * The literal a number token denotes, negated if {@code minus} (the {@code -} token folded into it) is non-null.
   * A decimal must lie in its type's range after negation; a hexadecimal or binary literal is a bit pattern of the
   * type's width, negated modulo 2^width.
   */
  static Literal of(Token number, Token minus) {
    Span span = minus == null ? number.span()
        : Span.of(minus.line(), minus.column(), number.end() - minus.offset());
    if (number.kind() == TokenKind.FLOAT) {
      Literal l = (Literal) number.value();
      return minus == null ? l : negateFloat(l);
    }
    IntToken t = (IntToken) number.value();
    ScalarKind k = t.kind();
    if (t.decimal()) {
      BigInteger v = minus == null ? t.magnitude() : t.magnitude().negate();
      if (v.compareTo(min(k)) < 0 || v.compareTo(max(k)) > 0) {
        throw new WeldCompileException(CompileErrorKind.LEX, span, "integer literal " + (minus == null ? "" : "-")
            + number.text() + " is out of range for " + k + " (" + min(k) + " to " + max(k) + ")");
      }
      return Literal.ofBigInteger(k, v);
    }
    if (t.magnitude().bitLength() > k.bits()) {
      throw new WeldCompileException(CompileErrorKind.LEX, number.span(), "literal " + number.text() + " has "
          + t.magnitude().bitLength() + " significant bits, more than the " + k.bits() + " of " + k
          + suffixHint(number.text(), k));
    }
    Literal pattern = Literal.ofBigInteger(k, t.magnitude());
    return minus == null ? pattern : Literal.ofBigInteger(k, pattern.asBigInteger().negate());
  }

  /** Negation flips the sign bit, except that literal NaNs stay the canonical quiet NaN (spec section 1). */
  static Literal negateFloat(Literal l) {
    if (l.kind() == ScalarKind.F64) {
      return Double.isNaN(l.asDouble()) ? new Literal(ScalarKind.F64, CANONICAL_NAN_F64, 0)
          : Literal.ofF64(-l.asDouble());
    }
    return Float.isNaN(l.asFloat()) ? new Literal(ScalarKind.F32, CANONICAL_NAN_F32, 0) : Literal.ofF32(-l.asFloat());
  }

  /**
   * A trailing {@code c}/{@code C} on a hexadecimal literal is the i8 suffix, not a digit (spec 1: {@code 0xFFc} is an
   * i8), which surprises anyone who meant {@code 0x...C} as an i32: say so.
   */
  private static String suffixHint(String text, ScalarKind k) {
    char last = text.charAt(text.length() - 1);
    if (k == ScalarKind.I8 && (last == 'c' || last == 'C') && text.regionMatches(true, 0, "0x", 0, 2)) {
      return "; the trailing '" + last + "' is the i8 suffix (if it was meant as a hex digit, write " + text
          + "i32)";
    }
    return "";
  }
}
