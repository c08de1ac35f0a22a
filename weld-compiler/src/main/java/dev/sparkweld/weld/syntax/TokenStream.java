package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parser's view of the token sequence: lookahead, expectations with the spec's error wording, node spans and the
 * nesting guard.
 */
final class TokenStream {
  /**
   * Deepest nesting of expressions and types accepted. Operator, let and call chains count one level per link, since
   * they nest the tree as deeply, so no parsed tree is deeper than about this: deeper input is rejected with a
   * positioned error instead of overflowing the stack here or in later recursive passes.
   */
  static final int MAX_DEPTH = 2000;

  private final Lexer lexer;
  private final List<Token> buffer = new ArrayList<>();
  private int index;
  private Token last;
  private int depth;

  TokenStream(String src) {
    this.lexer = new Lexer(src);
  }

  Token peek() {
    return peek(0);
  }

  Token peek(int ahead) {
    while (buffer.size() <= index + ahead) {
      Token t = buffer.isEmpty() ? null : buffer.get(buffer.size() - 1);
      buffer.add(t != null && t.kind() == TokenKind.EOF ? t : lexer.next());
    }
    return buffer.get(index + ahead);
  }

  Token next() {
    Token t = peek();
    if (t.kind() != TokenKind.EOF) {
      index++;
    }
    last = t;
    return t;
  }

  boolean at(String punctOrKeyword) {
    return peek().is(punctOrKeyword);
  }

  boolean atKind(TokenKind k) {
    return peek().kind() == k;
  }

  /** Consumes the token spelled {@code s}, else fails naming {@code what} was expected. */
  Token expect(String s, String what) {
    if (!at(s)) {
      throw expected(peek(), what);
    }
    return next();
  }

  Token expect(String s) {
    return expect(s, "'" + s + "'");
  }

  /** Consumes the closing delimiter of {@code opener}, else fails saying which delimiter is unclosed and where. */
  Token expectClose(String close, Token opener) {
    return expect(close, closing(close, opener));
  }

  static String closing(String close, Token opener) {
    return "'" + close + "' to close '" + opener.text() + "' at " + opener.line() + ":" + opener.column();
  }

  /** {@code expected X, found Y}, or {@code unexpected end of input, expected X}, at {@code found}. */
  WeldCompileException expected(Token found, String what) {
    String detail = found.kind() == TokenKind.EOF ? "unexpected end of input, expected " + what
        : "expected " + what + ", found " + found.describe();
    return error(found, detail);
  }

  WeldCompileException error(Token at, String detail) {
    return new WeldCompileException(CompileErrorKind.PARSE, at.span(), detail);
  }

  /** The span of a node whose first token is {@code start} and whose last is the last token consumed. */
  Span spanFrom(Token start) {
    if (last != null && last.line() == start.line() && last.end() >= start.end()) {
      return Span.of(start.line(), start.column(), last.end() - start.offset());
    }
    return start.span();
  }

  void enter() {
    if (++depth > MAX_DEPTH) {
      throw error(peek(), "expression nested more than " + MAX_DEPTH + " levels deep (counting chained operators, lets and calls), found " + peek().describe());
    }
  }

  void exit() {
    depth--;
  }

  void exit(int levels) {
    depth -= levels;
  }
}
