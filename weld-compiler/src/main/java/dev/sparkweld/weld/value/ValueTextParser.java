package dev.sparkweld.weld.value;

import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The type-directed reader behind {@link ValueText#parse}; one instance per text. */
final class ValueTextParser extends ValueTypeVisitor<Object> {
  private final String text;
  private int pos;

  ValueTextParser(String text) {
    this.text = text;
  }

  Object parseAll(Type type) {
    Object v = parse(type);
    skipSpace();
    if (pos < text.length()) {
      throw error("unexpected '" + text.charAt(pos) + "' after the value");
    }
    return v;
  }

  private Object parse(Type type) {
    skipSpace();
    return type.accept(this);
  }

  @Override
  public Object visitScalar(ScalarType t) {
    ScalarKind k = t.kind();
    if (k == ScalarKind.BOOL) {
      String word = word();
      if (word.equals("true") || word.equals("false")) {
        return word.equals("true");
      }
      throw error("expected true or false for bool, found '" + word + "'");
    }
    return k.isFloat() ? parseFloat(k) : parseInteger(k);
  }

  private Object parseInteger(ScalarKind k) {
    int start = pos;
    if (peek() == '-' || peek() == '+') {
      pos++;
    }
    int digitsStart = pos;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos == digitsStart) {
      pos = start;
      throw error("expected a " + k + " integer");
    }
    if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      throw error("unexpected '" + text.charAt(pos) + "' in a " + k + " integer (no suffixes or fractions)");
    }
    BigInteger v = new BigInteger(text.substring(start, pos));
    if (!Scalars.inRange(v, k)) {
      int end = pos;
      pos = start;
      throw error(text.substring(start, end) + " is out of range for " + k);
    }
    return Scalars.wrap(v, k);
  }

  private Object parseFloat(ScalarKind k) {
    int start = pos;
    boolean negative = false;
    if (peek() == '-' || peek() == '+') {
      negative = peek() == '-';
      pos++;
    }
    if (Character.isLetter(peek())) {
      String word = word();
      double special;
      if (word.equals("nan")) {
        special = Double.NaN;
      } else if (word.equals("inf")) {
        special = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      } else {
        pos = start;
        throw error("expected a " + k + " number, nan or inf, found '" + word + "'");
      }
      return k == ScalarKind.F32 ? (Object) (float) special : (Object) special;
    }
    int mantissaDigits = digits();
    if (peek() == '.') {
      pos++;
      mantissaDigits += digits();
    }
    if (mantissaDigits == 0) {
      pos = start;
      throw error("expected a " + k + " number");
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '-' || peek() == '+') {
        pos++;
      }
      if (digits() == 0) {
        throw error("expected exponent digits");
      }
    }
    if (Character.isLetterOrDigit(peek())) {
      throw error("unexpected '" + peek() + "' in a " + k + " number (no suffixes)");
    }
    String s = text.substring(start, pos);
    return k == ScalarKind.F32 ? (Object) Float.parseFloat(s) : (Object) Double.parseDouble(s);
  }

  @Override
  public Object visitSimd(SimdType t) {
    expect('<');
    List<Object> lanes = elements('>', new ScalarType(t.elem()));
    return new SimdValue(lanes);
  }

  @Override
  public Object visitVec(VecType t) {
    if (peek() == '"' && t.elem() instanceof ScalarType s
        && (s.kind() == ScalarKind.I8 || s.kind() == ScalarKind.U8)) {
      return string();
    }
    expect('[');
    return new VecValue(elements(']', t.elem()));
  }

  @Override
  public Object visitStruct(StructType t) {
    int start = pos;
    expect('{');
    List<Object> fields = new ArrayList<>();
    skipSpace();
    if (peek() != '}') {
      for (int i = 0; ; i++) {
        if (i >= t.fields().size()) {
          throw error("too many fields for " + t);
        }
        fields.add(parse(t.fields().get(i)));
        skipSpace();
        if (peek() != ',') {
          break;
        }
        pos++;
      }
    }
    expect('}');
    if (fields.size() != t.fields().size()) {
      pos = start;
      throw error("expected " + t.fields().size() + " fields for " + t + ", found " + fields.size());
    }
    return new StructValue(fields);
  }

  @Override
  public Object visitDict(DictType t) {
    expect('{');
    LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
    skipSpace();
    if (peek() != '}') {
      while (true) {
        skipSpace();
        int keyPos = pos;
        Object k = parse(t.key());
        expect(':');
        Object v = parse(t.value());
        if (map.containsKey(k)) {
          pos = keyPos;
          throw error("duplicate dictionary key");
        }
        map.put(k, v);
        skipSpace();
        if (peek() != ',') {
          break;
        }
        pos++;
      }
    }
    expect('}');
    return new DictValue(map);
  }

  private List<Object> elements(char close, Type elem) {
    List<Object> out = new ArrayList<>();
    skipSpace();
    if (peek() != close) {
      while (true) {
        out.add(parse(elem));
        skipSpace();
        if (peek() != ',') {
          break;
        }
        pos++;
      }
    }
    expect(close);
    return out;
  }

  /** A string literal as its bytes: characters as UTF-8, {@code \xHH} as the raw byte HH. */
  private VecValue string() {
    expect('"');
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        break;
      }
      if (c == '\\') {
        bytes.write(escape());
        continue;
      }
      int cp = text.codePointAt(pos);
      pos += Character.charCount(cp);
      byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      bytes.write(utf8, 0, utf8.length);
    }
    byte[] b = bytes.toByteArray();
    Object[] elems = new Object[b.length];
    for (int i = 0; i < b.length; i++) {
      elems[i] = b[i];
    }
    return VecValue.wrap(elems);
  }

  private int escape() {
    int start = pos;
    pos++;
    char c = peek();
    pos++;
    switch (c) {
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
      case 'x':
        if (pos + 2 <= text.length()) {
          int hi = Character.digit(text.charAt(pos), 16);
          int lo = Character.digit(text.charAt(pos + 1), 16);
          if (hi >= 0 && lo >= 0) {
            pos += 2;
            return hi * 16 + lo;
          }
        }
        pos = start;
        throw error("\\x needs two hexadecimal digits");
      default:
        pos = start;
        throw error("unknown escape \\" + c);
    }
  }

  private int digits() {
    int start = pos;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    return pos - start;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private String word() {
    int start = pos;
    while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "unexpected end of text");
    }
    return text.substring(start, pos);
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    skipSpace();
    if (peek() != c) {
      throw error("expected '" + c + "', found "
          + (pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of text"));
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String detail) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new IllegalArgumentException(line + ":" + col + ": " + detail);
  }
}
