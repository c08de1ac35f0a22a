package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.ScalarKind;
import java.math.BigInteger;
import java.util.Map;

/**
 * Reads a numeric literal: digits, then (for floats) a fraction and/or exponent, then a suffix made of identifier
 * characters. Ranges of integers are checked later by {@link Literals}, once the parser knows about a leading minus.
 */
final class NumberScanner {
  record Scanned(TokenKind kind, Object value, int end) {}

  private static final Map<String, ScalarKind> INT_SUFFIXES = Map.ofEntries(
      Map.entry("", ScalarKind.I32), Map.entry("c", ScalarKind.I8), Map.entry("C", ScalarKind.I8),
      Map.entry("i8", ScalarKind.I8), Map.entry("si", ScalarKind.I16), Map.entry("i16", ScalarKind.I16),
      Map.entry("i32", ScalarKind.I32), Map.entry("l", ScalarKind.I64), Map.entry("L", ScalarKind.I64),
      Map.entry("i64", ScalarKind.I64), Map.entry("i128", ScalarKind.I128), Map.entry("u8", ScalarKind.U8),
      Map.entry("u16", ScalarKind.U16), Map.entry("u32", ScalarKind.U32), Map.entry("u64", ScalarKind.U64));

  private static final Map<String, ScalarKind> FLOAT_SUFFIXES = Map.of(
      "", ScalarKind.F64, "f", ScalarKind.F32, "F", ScalarKind.F32, "f32", ScalarKind.F32, "f64", ScalarKind.F64);

  private NumberScanner() {}

  static Scanned scan(String src, int start, Span at) {
    if (src.startsWith("0x", start) || src.startsWith("0X", start)) {
      return radix(src, start, 16, at);
    }
    if (src.startsWith("0b", start) || src.startsWith("0B", start)) {
      return radix(src, start, 2, at);
    }
    int i = digits(src, start);
    boolean isFloat = false;
    if (i + 1 < src.length() && src.charAt(i) == '.' && isDigit(src.charAt(i + 1))) {
      i = digits(src, i + 1);
      isFloat = true;
    }
    if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < src.length() && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
        j++;
      }
      if (j < src.length() && isDigit(src.charAt(j))) {
        i = digits(src, j);
        isFloat = true;
      }
    }
    int numEnd = i;
    int end = identEnd(src, numEnd);
    String number = src.substring(start, numEnd);
    String suffix = src.substring(numEnd, end);
    Span span = Span.of(at.line(), at.column(), end - start);
    if (isFloat) {
      ScalarKind kind = FLOAT_SUFFIXES.get(suffix);
      if (kind == null) {
        throw new WeldCompileException(CompileErrorKind.LEX, span, "invalid suffix '" + suffix
            + "' on float literal " + number + ", expected f, F, f32 or f64");
      }
      return new Scanned(TokenKind.FLOAT, parseFloat(number, kind, span), end);
    }
    ScalarKind kind = INT_SUFFIXES.get(suffix);
    if (kind == null) {
      String hint = FLOAT_SUFFIXES.containsKey(suffix) ? " (a float literal needs a fraction or exponent, e.g. "
          + number + ".0" + suffix + ")" : "";
      throw new WeldCompileException(CompileErrorKind.LEX, span, "invalid suffix '" + suffix
          + "' on integer literal " + number + ", expected one of c C i8 si i16 i32 l L i64 i128 u8 u16 u32 u64"
          + hint);
    }
    return new Scanned(TokenKind.INT, new IntToken(kind, new BigInteger(number), true), end);
  }

  private static Scanned radix(String src, int start, int radix, Span at) {
    int i = start + 2;
    while (i < src.length() && Character.digit(src.charAt(i), radix) >= 0) {
      i++;
    }
    int end = identEnd(src, i);
    String digitText = src.substring(start + 2, i);
    String suffix = src.substring(i, end);
    // Weld reads a trailing c/C of a hex literal as the i8 suffix (the spec's 0xFFc), since both are hex digits.
    if (radix == 16 && suffix.isEmpty() && digitText.length() >= 2
        && Character.toLowerCase(digitText.charAt(digitText.length() - 1)) == 'c') {
      suffix = digitText.substring(digitText.length() - 1);
      digitText = digitText.substring(0, digitText.length() - 1);
    }
    Span span = Span.of(at.line(), at.column(), end - start);
    String what = radix == 16 ? "hexadecimal" : "binary";
    if (digitText.isEmpty()) {
      throw new WeldCompileException(CompileErrorKind.LEX, span,
          "expected " + what + " digits after '" + src.substring(start, start + 2) + "'");
    }
    ScalarKind kind = INT_SUFFIXES.get(suffix);
    if (kind == null) {
      throw new WeldCompileException(CompileErrorKind.LEX, span, "invalid suffix '" + suffix + "' on " + what
          + " literal " + src.substring(start, end) + ", expected one of c C i8 si i16 i32 l L i64 i128 u8 u16 u32 u64");
    }
    return new Scanned(TokenKind.INT, new IntToken(kind, new BigInteger(digitText, radix), false), end);
  }

  private static Literal parseFloat(String number, ScalarKind kind, Span span) {
    if (kind == ScalarKind.F32) {
      float f = Float.parseFloat(number);
      if (Float.isInfinite(f)) {
        throw new WeldCompileException(CompileErrorKind.LEX, span,
            "float literal " + number + " is out of range for f32 (write inff for infinity)");
      }
      return Literal.ofF32(f);
    }
    double d = Double.parseDouble(number);
    if (Double.isInfinite(d)) {
      throw new WeldCompileException(CompileErrorKind.LEX, span,
          "float literal " + number + " is out of range for f64 (write inf for infinity)");
    }
    return Literal.ofF64(d);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digits(String src, int i) {
    while (i < src.length() && isDigit(src.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int identEnd(String src, int i) {
    while (i < src.length() && Lexer.isIdentPart(src.charAt(i))) {
      i++;
    }
    return i;
  }
}
