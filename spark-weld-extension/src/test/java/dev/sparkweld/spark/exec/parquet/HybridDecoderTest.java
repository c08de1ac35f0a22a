package dev.sparkweld.spark.exec.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkweld.weld.abi.Memory;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/**
 * Our hybrid decoder's dictionary lookup against Parquet's own encoder: ids written by Parquet (mixing repeated and
 * bit-packed runs) must come back as exactly their dictionary entries, read in pieces that cut runs anywhere.
 */
class HybridDecoderTest {
  private static byte[] encode(int bitWidth, int[] ids) throws Exception {
    try (RunLengthBitPackingHybridEncoder e =
        new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 16, HeapByteBufferAllocator.getInstance())) {
      for (int id : ids) {
        e.writeInt(id);
      }
      return e.toBytes().toByteArray();
    }
  }

  /** Runs of one id (repeated runs) between stretches of random ids (bit-packed runs). */
  private static int[] ids(int n, int size, long seed) {
    Random r = new Random(seed);
    int[] ids = new int[n];
    int i = 0;
    while (i < n) {
      int run = 1 + r.nextInt(r.nextBoolean() ? 40 : 300);
      boolean same = r.nextBoolean();
      int v = r.nextInt(size);
      for (int k = 0; k < run && i < n; k++, i++) {
        ids[i] = same ? v : r.nextInt(size);
      }
    }
    return ids;
  }

  private static void check(int width, int size, int n, long seed) throws Exception {
    int bitWidth = 32 - Integer.numberOfLeadingZeros(size - 1);
    int[] ids = ids(n, size, seed);
    long[] dict = new long[size];
    Random r = new Random(seed + 1);
    for (int i = 0; i < size; i++) {
      dict[i] = width == 8 ? r.nextLong() : r.nextInt();
    }
    byte[] bytes = encode(bitWidth, ids);
    HybridDecoder d = new HybridDecoder(bytes, 0, bytes.length, bitWidth);
    long out = Memory.allocate((long) n * width);
    try {
      Random pieces = new Random(seed + 2);
      int done = 0;
      while (done < n) {
        int k = Math.min(n - done, 1 + pieces.nextInt(700));
        d.readLookup(dict, out + (long) done * width, width, k);
        done += k;
      }
      for (int i = 0; i < n; i++) {
        long got = width == 8 ? Memory.getLong(out + i * 8L) : Memory.getInt(out + i * 4L);
        assertThat(got).as("row %d (id %d)", i, ids[i]).isEqualTo(width == 8 ? dict[ids[i]] : (int) dict[ids[i]]);
      }
    } finally {
      Memory.free(out);
    }
  }

  @Test
  void longEntriesFromMixedRuns() throws Exception {
    check(8, 11, 20_000, 1);
    check(8, 2_526, 50_000, 2);
  }

  @Test
  void intEntriesFromMixedRuns() throws Exception {
    check(4, 7, 20_000, 3);
    check(4, 65_000, 30_000, 4);
  }

  @Test
  void singleEntryDictionary() throws Exception {
    check(8, 1, 5_000, 5);
  }

  @Test
  void idBeyondTheDictionaryIsRefused() throws Exception {
    // Ids up to 7 fit the bit width, but the dictionary has 5 entries.
    byte[] bytes = encode(3, new int[] {0, 1, 2, 3, 4, 7, 0, 1});
    long out = Memory.allocate(64);
    try {
      HybridDecoder d = new HybridDecoder(bytes, 0, bytes.length, 3);
      assertThatThrownBy(() -> d.readLookup(new long[5], out, 8, 8))
          .isInstanceOf(ArrayIndexOutOfBoundsException.class);
      byte[] repeated = encode(3, new int[] {6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6});
      HybridDecoder r = new HybridDecoder(repeated, 0, repeated.length, 3);
      assertThatThrownBy(() -> r.readLookup(new long[5], out, 4, 12))
          .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    } finally {
      Memory.free(out);
    }
  }
}
