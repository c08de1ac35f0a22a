package dev.sparkweld.weld.value;

/**
 * Writes byte vectors as string literals that read back to the same bytes: printable ASCII as itself (with {@code \\}
 * and {@code \"} escaped), {@code \n \t \r \0} as escapes, a well-formed UTF-8 sequence of a printable non-ASCII
 * character as that character (the reader re-encodes it to the same bytes), and every other byte as {@code \xHH}.
 */
final class ByteStrings {
  private ByteStrings() {}

  static void append(VecValue bytes, StringBuilder out) {
    int n = bytes.size();
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (Byte) bytes.get(i);
    }
    out.append('"');
    int i = 0;
    while (i < n) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        appendAscii(c, out);
        i++;
        continue;
      }
      int len = sequenceLength(b, i);
      if (len > 0) {
        int cp = decode(b, i, len);
        if (printable(cp)) {
          out.appendCodePoint(cp);
          i += len;
          continue;
        }
      }
      hex(c, out);
      i++;
    }
    out.append('"');
  }

  private static void appendAscii(int c, StringBuilder out) {
    switch (c) {
      case '\\':
        out.append("\\\\");
        break;
      case '"':
        out.append("\\\"");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\r':
        out.append("\\r");
        break;
      case 0:
        out.append("\\0");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          hex(c, out);
        } else {
          out.append((char) c);
        }
    }
  }

  private static void hex(int c, StringBuilder out) {
    out.append("\\x").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
  }

  /** The length of the well-formed UTF-8 sequence at {@code i} (not overlong, no surrogates, <= U+10FFFF), or 0. */
  private static int sequenceLength(byte[] b, int i) {
    int lead = b[i] & 0xFF;
    int len;
    int min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      len = 2;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      len = 3;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      len = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + len > b.length) {
      return 0;
    }
    for (int k = 1; k < len; k++) {
      if ((b[i + k] & 0xC0) != 0x80) {
        return 0;
      }
    }
    int cp = decode(b, i, len);
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return 0;
    }
    return len;
  }

  private static int decode(byte[] b, int i, int len) {
    int cp = (b[i] & 0xFF) & (0xFF >> (len + 1));
    for (int k = 1; k < len; k++) {
      cp = (cp << 6) | (b[i + k] & 0x3F);
    }
    return cp;
  }

  private static boolean printable(int cp) {
    int type = Character.getType(cp);
    return cp >= 0xA0 && type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE && type != Character.SURROGATE && type != Character.SPACE_SEPARATOR
        && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
  }
}
