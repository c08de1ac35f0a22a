package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.Span;

/** A token with its 1-based position; {@code offset} and {@code end} index the source text. */
record Token(TokenKind kind, String text, int line, int column, int offset, int end, Object value) {

  Span span() {
    return Span.of(line, column, end - offset);
  }

  /** True for the punctuation or keyword spelled {@code s}. */
  boolean is(String s) {
    return (kind == TokenKind.PUNCT || kind == TokenKind.KEYWORD) && text.equals(s);
  }

  boolean isNumber() {
    return kind == TokenKind.INT || kind == TokenKind.FLOAT;
  }

  /** How error messages name this token: {@code ','}, {@code 'foo'}, or {@code end of input}. */
  String describe() {
    if (kind == TokenKind.EOF) {
      return "end of input";
    }
    String t = text.length() > 24 ? text.substring(0, 21) + "..." : text;
    return "'" + t + "'";
  }

  @Override
  public String toString() {
    return kind + " " + describe() + " at " + line + ":" + column;
  }
}
