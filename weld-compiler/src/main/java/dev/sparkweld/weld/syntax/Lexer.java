package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.Symbol;
import java.util.Set;

/**
 * Splits Weld source into tokens on demand (spec section 1). Producing tokens lazily means the first error reported
 * is the first one in the text, whether it is lexical or syntactic.
 */
final class Lexer {
  static final Set<String> KEYWORDS = Set.of(
      "if", "for", "zip", "len", "lookup", "optlookup", "keyexists", "slice", "sort", "exp", "log", "sqrt", "sin",
      "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "erf", "abs", "floor", "ceil", "simd", "select",
      "assert", "broadcast", "serialize", "deserialize", "iterate", "cudf", "simditer", "fringeiter", "rangeiter",
      "nditer", "iter", "merge", "result", "let", "true", "false", "macro", "type", "i8", "i16", "i32", "i64", "i128",
      "u8", "u16", "u32", "u64", "f32", "f64", "bool", "vec", "dict", "appender", "merger", "vecmerger", "dictmerger",
      "groupmerger", "tovec", "min", "max", "pow", "nan", "inf", "nanf", "inff");

  private static final Set<String> TWO_CHAR_PUNCT =
      Set.of("||", "&&", "==", "!=", "<=", ">=", "<<", ">>");
  private static final String ONE_CHAR_PUNCT = "()[]{},:;.|@?=<>+-*/%&^!";

  private final String src;
  private int pos;
  private int line = 1;
  private int lineStart;

  Lexer(String src) {
    this.src = src;
  }

  static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
  }

  static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }

  /**
   * The symbol an identifier spells: {@code name__N} is {@code name} with id N. Unlike {@code Symbol.parse} this also
   * reads ten-digit ids, so every id a {@code Symbol} can hold reads back.
   */
  static Symbol symbol(String text) {
    Symbol s = Symbol.parse(text);
    int sep = text.lastIndexOf("__");
    if (s.id() == 0 && sep > 0 && text.length() - sep - 2 == 10 && text.charAt(sep + 2) != '0') {
      String digits = text.substring(sep + 2);
      if (digits.chars().allMatch(c -> c >= '0' && c <= '9') && Long.parseLong(digits) <= Integer.MAX_VALUE) {
        return new Symbol(text.substring(0, sep), Integer.parseInt(digits));
      }
    }
    return s;
  }

  /** The next token; {@link TokenKind#EOF} (repeatedly) at the end. */
  Token next() {
    skipSpaceAndComments();
    int start = pos;
    int col = pos - lineStart + 1;
    if (pos >= src.length()) {
      return new Token(TokenKind.EOF, "", line, col, start, start, null);
    }
    char c = src.charAt(pos);
    if (isIdentStart(c)) {
      while (pos < src.length() && isIdentPart(src.charAt(pos))) {
        pos++;
      }
      String text = src.substring(start, pos);
      if (!KEYWORDS.contains(text)) {
        return new Token(TokenKind.IDENT, text, line, col, start, pos, null);
      }
      Literal special = specialFloat(text);
      if (special != null) {
        return new Token(TokenKind.FLOAT, text, line, col, start, pos, special);
      }
      return new Token(TokenKind.KEYWORD, text, line, col, start, pos, null);
    }
    if (c >= '0' && c <= '9') {
      NumberScanner.Scanned n = NumberScanner.scan(src, start, Span.of(line, col, 1));
      pos = n.end();
      return new Token(n.kind(), src.substring(start, pos), line, col, start, pos, n.value());
    }
    if (c == '"') {
      return string(start, col);
    }
    if (pos + 1 < src.length() && TWO_CHAR_PUNCT.contains(src.substring(pos, pos + 2))) {
      pos += 2;
      return new Token(TokenKind.PUNCT, src.substring(start, pos), line, col, start, pos, null);
    }
    if (ONE_CHAR_PUNCT.indexOf(c) >= 0) {
      pos++;
      return new Token(TokenKind.PUNCT, String.valueOf(c), line, col, start, pos, null);
    }
    int cp = src.codePointAt(pos);
    throw new WeldCompileException(CompileErrorKind.LEX, Span.of(line, col, 1),
        "unexpected character " + describeChar(cp) + ", expected a token");
  }

  private static Literal specialFloat(String text) {
    switch (text) {
      case "nan":
        return Literal.ofF64(Double.NaN);
      case "inf":
        return Literal.ofF64(Double.POSITIVE_INFINITY);
      case "nanf":
        return Literal.ofF32(Float.NaN);
      case "inff":
        return Literal.ofF32(Float.POSITIVE_INFINITY);
      default:
        return null;
    }
  }

  static String describeChar(int cp) {
    if (cp >= 0x21 && cp < 0x7F) {
      return "'" + (char) cp + "'";
    }
    return String.format("U+%04X", cp) + (Character.isISOControl(cp) ? "" : " '" + Character.toString(cp) + "'");
  }

  private void skipSpaceAndComments() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        pos++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private Token string(int start, int col) {
    Span at = Span.of(line, col, 1);
    StringScanner.Scanned s = StringScanner.scan(src, start, at, line, lineStart);
    pos = s.end();
    return new Token(TokenKind.STRING, src.substring(start, pos), line, col, start, pos, s.value());
  }
}
