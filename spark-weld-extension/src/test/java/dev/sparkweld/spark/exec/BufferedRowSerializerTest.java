package dev.sparkweld.spark.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.serializer.DeserializationStream;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.execution.UnsafeRowSerializer;
import org.apache.spark.sql.execution.sparkweld.BufferedRowSerializer;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;

/**
 * Shuffle rows through our buffered serializer: Spark's exact bytes, rows larger than either buffer, rows that live
 * off heap, records relocated one by one (the serialized sort shuffle), input that arrives in odd-sized pieces,
 * and a row that stays intact while {@code hasNext} refills.
 */
class BufferedRowSerializerTest {
  private static final int FIELDS = 3;

  /** Rows of (id, string of {@code len} bytes, id * 3), with nulls in the string column. */
  private static List<UnsafeRow> rows(int n, long seed) {
    Random r = new Random(seed);
    List<UnsafeRow> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = switch (i % 50) {
        case 7 -> 20_000 + r.nextInt(5_000); // beyond the 16 KiB write buffer
        case 23 -> 70_000 + r.nextInt(70_000); // beyond the 64 KiB read buffers
        default -> r.nextInt(40);
      };
      UnsafeRowWriter w = new UnsafeRowWriter(FIELDS, 64);
      w.reset();
      w.zeroOutNullBytes();
      w.write(0, (long) i);
      if (i % 11 == 3) {
        w.setNullAt(1);
      } else {
        byte[] s = new byte[len];
        for (int k = 0; k < len; k++) {
          s[k] = (byte) ('a' + r.nextInt(26));
        }
        w.write(1, UTF8String.fromBytes(s));
      }
      w.write(2, i * 3L);
      out.add(w.getRow().copy());
    }
    return out;
  }

  private static SerializerInstance ours() {
    return new BufferedRowSerializer(FIELDS, null).newInstance();
  }

  private static byte[] write(SerializerInstance s, List<UnsafeRow> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationStream out = s.serializeStream(bytes);
    for (UnsafeRow row : rows) {
      out.writeKey(0, ClassTag$.MODULE$.Any());
      out.writeValue(row, ClassTag$.MODULE$.Any());
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static List<UnsafeRow> read(InputStream in, boolean hasNextBeforeUse, List<UnsafeRow> expected) {
    DeserializationStream d = ours().deserializeStream(in);
    Iterator<Tuple2<Object, Object>> it = d.asKeyValueIterator();
    List<UnsafeRow> got = new ArrayList<>();
    while (it.hasNext()) {
      UnsafeRow row = (UnsafeRow) it.next()._2();
      if (hasNextBeforeUse) {
        it.hasNext(); // may refill the buffer: the row just returned must survive it
        assertThat(row).isEqualTo(expected.get(got.size()));
      }
      got.add(row.copy());
    }
    d.close();
    return got;
  }

  @Test
  void writesSparksBytesAndReadsThemBack() {
    List<UnsafeRow> rows = rows(600, 1);
    byte[] ours = write(ours(), rows);
    byte[] spark = write(new UnsafeRowSerializer(FIELDS, null).newInstance(), rows);
    assertThat(ours).isEqualTo(spark);
    assertThat(read(new ByteArrayInputStream(ours), false, rows)).isEqualTo(rows);
  }

  @Test
  void rowsOffHeapAreCopiedFromTheirAddress() {
    List<UnsafeRow> rows = rows(120, 2);
    List<UnsafeRow> offHeap = new ArrayList<>();
    List<Long> addresses = new ArrayList<>();
    try {
      for (UnsafeRow row : rows) {
        long a = Platform.allocateMemory(row.getSizeInBytes());
        addresses.add(a);
        Platform.copyMemory(row.getBaseObject(), row.getBaseOffset(), null, a, row.getSizeInBytes());
        UnsafeRow r = new UnsafeRow(FIELDS);
        r.pointTo(null, a, row.getSizeInBytes());
        offHeap.add(r);
      }
      assertThat(read(new ByteArrayInputStream(write(ours(), offHeap)), false, rows)).isEqualTo(rows);
    } finally {
      addresses.forEach(Platform::freeMemory);
    }
  }

  @Test
  void recordsFlushedOneByOneCanBeRelocated() {
    List<UnsafeRow> rows = rows(300, 3);
    SerializerInstance s = ours();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    SerializationStream out = s.serializeStream(record);
    List<byte[]> records = new ArrayList<>();
    for (UnsafeRow row : rows) {
      record.reset();
      out.writeKey(0, ClassTag$.MODULE$.Any());
      out.writeValue(row, ClassTag$.MODULE$.Any());
      out.flush();
      records.add(record.toByteArray());
    }
    // The sort shuffle writes records in partition order, not in the order they came.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new Random(4));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    List<UnsafeRow> expected = new ArrayList<>();
    for (int i : order) {
      file.writeBytes(records.get(i));
      expected.add(rows.get(i));
    }
    assertThat(read(new ByteArrayInputStream(file.toByteArray()), false, expected)).isEqualTo(expected);
  }

  @Test
  void readsInputThatArrivesInPiecesAndKeepsTheLastRowThroughHasNext() {
    List<UnsafeRow> rows = rows(800, 5);
    byte[] bytes = write(ours(), rows);
    Random r = new Random(6);
    InputStream trickle = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + r.nextInt(r.nextBoolean() ? 7 : 90_000)));
      }
    };
    assertThat(read(trickle, true, rows)).isEqualTo(rows);
  }

  @Test
  void aStreamCutInsideARowIsAnError() {
    List<UnsafeRow> rows = rows(10, 8);
    byte[] bytes = write(ours(), rows);
    for (int cut : new int[] {2, 4 + rows.get(0).getSizeInBytes() - 1, bytes.length - 1}) {
      byte[] cutBytes = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> read(new ByteArrayInputStream(cutBytes), false, rows))
          .as("cut at %d", cut).isInstanceOf(EOFException.class);
    }
    assertThat(read(new ByteArrayInputStream(new byte[0]), false, rows)).isEmpty();
  }
}
