package dev.sparkweld.weld.cli;

/**
 * Parquet's RLE/bit-packed hybrid encoding (definition levels, dictionary indices): runs of one repeated value
 * and groups of eight bit-packed values, least significant bit first.
 */
final class RleDecoder {
  private RleDecoder() {}

  /** Decodes {@code count} values of {@code bitWidth} bits from {@code in[pos, end)}. */
  static int[] decode(byte[] in, int pos, int end, int bitWidth, int count) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IllegalArgumentException("bad bit width " + bitWidth);
    }
    int[] out = new int[count];
    int n = 0;
    int valueBytes = (bitWidth + 7) / 8;
    while (n < count) {
      long header = 0;
      int shift = 0;
      while (true) {
        require(pos < end);
        int b = in[pos++] & 0xff;
        header |= (long) (b & 0x7f) << shift;
        if (b < 0x80) {
          break;
        }
        shift += 7;
        require(shift <= 35);
      }
      if ((header & 1) == 0) {
        long run = header >>> 1;
        require(pos + valueBytes <= end);
        int value = 0;
        for (int i = 0; i < valueBytes; i++) {
          value |= (in[pos++] & 0xff) << (8 * i);
        }
        for (long i = 0; i < run && n < count; i++) {
          out[n++] = value;
        }
      } else {
        long values = (header >>> 1) * 8;
        long bitPos = (long) pos * 8;
        require((values * bitWidth + 7) / 8 <= end - pos);
        for (long i = 0; i < values; i++) {
          int value = 0;
          for (int bit = 0; bit < bitWidth; bit++, bitPos++) {
            value |= ((in[(int) (bitPos >>> 3)] >>> (bitPos & 7)) & 1) << bit;
          }
          if (n < count) {
            out[n++] = value;
          }
        }
        pos += (int) ((values * bitWidth + 7) / 8);
      }
    }
    return out;
  }

  private static void require(boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException("truncated RLE/bit-packed data");
    }
  }
}
