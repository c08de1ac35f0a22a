package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.diag.CompileErrorKind;
import dev.sparkweld.weld.diag.Span;
import dev.sparkweld.weld.diag.WeldCompileException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a string literal. The value is a sequence of UTF-8 bytes (spec section 1) but the IR stores it as a Java
 * {@code String}, so the bytes that {@code \xHH} escapes produce must together form valid UTF-8; anything else could
 * not be represented and is rejected here rather than silently altered.
 */
final class StringScanner {
  record Scanned(String value, int end) {}

  private StringScanner() {}

  static Scanned scan(String src, int start, Span at, int line, int lineStart) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder run = new StringBuilder();
    int i = start + 1;
    while (true) {
      if (i >= src.length() || src.charAt(i) == '\n') {
        throw new WeldCompileException(CompileErrorKind.LEX, at,
            "unterminated string literal, expected '\"' before the end of the "
                + (i >= src.length() ? "input" : "line (write \\n for a newline)"));
      }
      char c = src.charAt(i);
      if (c == '"') {
        flush(run, bytes);
        return new Scanned(decode(bytes.toByteArray(), at), i + 1);
      }
      if (c != '\\') {
        run.append(c);
        i++;
        continue;
      }
      Span escAt = Span.of(line, i - lineStart + 1, 2);
      if (i + 1 >= src.length()) {
        throw new WeldCompileException(CompileErrorKind.LEX, at, "unterminated string literal, expected '\"'");
      }
      char e = src.charAt(i + 1);
      int simple = simpleEscape(e);
      if (simple >= 0) {
        run.append((char) simple);
        i += 2;
      } else if (e == 'x') {
        int hi = i + 2 < src.length() ? Character.digit(src.charAt(i + 2), 16) : -1;
        int lo = i + 3 < src.length() ? Character.digit(src.charAt(i + 3), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new WeldCompileException(CompileErrorKind.LEX, escAt,
              "invalid escape in string literal, expected two hex digits after '\\x'");
        }
        flush(run, bytes);
        bytes.write(hi * 16 + lo);
        i += 4;
      } else {
        throw new WeldCompileException(CompileErrorKind.LEX, escAt, "unknown escape '\\" + e
            + "' in string literal, expected one of \\\\ \\\" \\n \\t \\r \\0 \\xHH");
      }
    }
  }

  private static int simpleEscape(char e) {
    switch (e) {
      case '\\':
        return '\\';
      case '"':
        return '"';
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '0':
        return 0;
      default:
        return -1;
    }
  }

  private static void flush(StringBuilder run, ByteArrayOutputStream bytes) {
    byte[] b = run.toString().getBytes(StandardCharsets.UTF_8);
    bytes.write(b, 0, b.length);
    run.setLength(0);
  }

  private static String decode(byte[] bytes, Span at) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException ex) {
      throw new WeldCompileException(CompileErrorKind.LEX, at,
          "string literal is not valid UTF-8: its \\x escapes must form complete UTF-8 sequences");
    }
  }
}
