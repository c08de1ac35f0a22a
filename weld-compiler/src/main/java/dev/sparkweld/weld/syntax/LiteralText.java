package dev.sparkweld.weld.syntax;

import dev.sparkweld.weld.ir.Annotations;
import dev.sparkweld.weld.ir.Literal;
import dev.sparkweld.weld.ir.ScalarKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** The printed forms of literals, strings and annotations (the inverse of the lexer's reading). */
final class LiteralText {
  private LiteralText() {}

  /**
   * Canonical literal text: decimal integers with suffix {@code L} for i64, none for i32 and the type name otherwise;
   * floats in Java's shortest round-tripping decimal form with suffix {@code f} for f32; {@code nan}/{@code inf}
   * ({@code nanf}/{@code inff}) for the special values. Negative values print with a leading '-', which the parser
   * folds back into the literal. Every NaN prints as {@code nan}: literal NaNs are canonical (spec section 1).
   */
  static String literal(Literal l) {
    ScalarKind k = l.kind();
    if (k == ScalarKind.BOOL) {
      return l.bits() != 0 ? "true" : "false";
    }
    if (k == ScalarKind.F64) {
      double d = l.asDouble();
      if (Double.isNaN(d)) {
        return "nan";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "inf" : "-inf";
      }
      return shortest(d, false);
    }
    if (k == ScalarKind.F32) {
      float f = l.asFloat();
      if (Float.isNaN(f)) {
        return "nanf";
      }
      if (Float.isInfinite(f)) {
        return f > 0 ? "inff" : "-inff";
      }
      return shortest(f, true) + "f";
    }
    // Normalize first so that a hand-built literal with stray high bits prints the value it stands for.
    String digits = Literal.ofBigInteger(k, l.asBigInteger()).asBigInteger().toString();
    return digits + intSuffix(k);
  }

  /**
   * The shortest decimal that reads back as exactly {@code v} (Java 17's {@code Double.toString} is not always
   * shortest), written {@code D.D} or {@code D.DeX} so it lexes as a float.
   */
  static String shortest(double v, boolean isFloat) {
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(v);
    BigDecimal best = exact;
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      boolean same = isFloat ? Float.parseFloat(r.toString()) == (float) v : Double.parseDouble(r.toString()) == v;
      if (same) {
        best = r;
        break;
      }
    }
    BigDecimal b = best.stripTrailingZeros();
    String digits = b.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - b.scale();
    String sign = b.signum() < 0 ? "-" : "";
    if (exponent >= -3 && exponent < 7) {
      String plain = b.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.substring(0, 1) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
    return sign + mantissa + "e" + exponent;
  }

  private static String intSuffix(ScalarKind k) {
    switch (k) {
      case I32:
        return "";
      case I64:
        return "L";
      default:
        return k.keyword();
    }
  }

  /** A string literal with the escapes of spec section 1; other control bytes as {@code \xHH}. */
  static String string(String value) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\':
          sb.append("\\\\");
          break;
        case '"':
          sb.append("\\\"");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case 0:
          sb.append("\\0");
          break;
        default:
          if (Character.isISOControl(c)) {
            for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
              sb.append(String.format("\\x%02X", b & 0xFF));
            }
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  /** {@code @(k:v, ...)}; keys and values that do not read back as one word are quoted. */
  static String annotations(Annotations a) {
    return a.values().entrySet().stream()
        .map((Map.Entry<String, String> e) -> word(e.getKey()) + ":" + word(e.getValue()))
        .collect(Collectors.joining(", ", "@(", ")"));
  }

  private static String word(String s) {
    if (s.matches("[A-Za-z_$][A-Za-z0-9_$]*") || s.matches("[0-9]+")) {
      return s;
    }
    return string(s);
  }
}
