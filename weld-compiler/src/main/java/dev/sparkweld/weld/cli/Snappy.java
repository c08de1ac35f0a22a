package dev.sparkweld.weld.cli;

/**
 * Snappy decompression (the block format, as Parquet pages use it): a varint length, then literals and
 * back-references. Spark writes Parquet with Snappy by default; decoding it here keeps the tool free of native
 * compression libraries. Malformed input is an {@link IllegalArgumentException}, never an out-of-bounds read.
 */
final class Snappy {
  private Snappy() {}

  static byte[] decompress(byte[] in, int offset, int length) {
    int end = offset + length;
    int pos = offset;
    long size = 0;
    int shift = 0;
    while (true) {
      check(pos < end);
      int b = in[pos++] & 0xff;
      size |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        break;
      }
      shift += 7;
      check(shift <= 28);
    }
    check(size <= Integer.MAX_VALUE - 8);
    byte[] out = new byte[(int) size];
    int o = 0;
    while (pos < end) {
      int tag = in[pos++] & 0xff;
      int kind = tag & 3;
      if (kind == 0) {
        int len = tag >>> 2;
        if (len >= 60) {
          int bytes = len - 59;
          check(pos + bytes <= end);
          len = 0;
          for (int i = 0; i < bytes; i++) {
            len |= (in[pos++] & 0xff) << (8 * i);
          }
        }
        len += 1;
        check(len > 0 && pos + len <= end && o + len <= out.length);
        System.arraycopy(in, pos, out, o, len);
        pos += len;
        o += len;
        continue;
      }
      int len;
      int distance;
      if (kind == 1) {
        check(pos < end);
        len = 4 + ((tag >>> 2) & 7);
        distance = ((tag >>> 5) << 8) | (in[pos++] & 0xff);
      } else {
        int bytes = kind == 2 ? 2 : 4;
        check(pos + bytes <= end);
        len = (tag >>> 2) + 1;
        distance = 0;
        for (int i = 0; i < bytes; i++) {
          distance |= (in[pos++] & 0xff) << (8 * i);
        }
      }
      check(distance > 0 && distance <= o && o + len <= out.length);
      // Overlapping copies repeat a pattern, so they go byte by byte.
      for (int i = 0; i < len; i++, o++) {
        out[o] = out[o - distance];
      }
    }
    check(o == out.length);
    return out;
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException("corrupt snappy data");
    }
  }
}
