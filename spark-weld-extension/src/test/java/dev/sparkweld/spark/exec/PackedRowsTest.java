package dev.sparkweld.spark.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.collection.Iterator;

/** Rows come back byte for byte and in order, across page boundaries and for rows larger than a page. */
class PackedRowsTest {
  @Test
  void rowsComeBackInOrderAcrossPages() {
    Random r = new Random(11);
    UnsafeRowWriter writer = new UnsafeRowWriter(3);
    PackedRows packed = new PackedRows(3);
    List<UnsafeRow> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      writer.reset();
      writer.zeroOutNullBytes();
      writer.write(0, (long) i);
      if (i % 7 == 0) {
        writer.setNullAt(1);
      } else {
        // Mostly short strings; now and then one longer than a page, which gets a page of its own.
        int len = i % 5_000 == 3 ? PackedRows.PAGE() + 17 : r.nextInt(40);
        writer.write(1, UTF8String.fromString("x".repeat(len)));
      }
      writer.write(2, r.nextDouble());
      UnsafeRow row = writer.getRow();
      packed.add(row);
      expected.add(row.copy());
    }
    assertThat(packed.size()).isEqualTo(expected.size());
    Iterator<InternalRow> it = packed.iterator();
    int n = 0;
    while (it.hasNext()) {
      UnsafeRow row = (UnsafeRow) it.next();
      assertThat(row.getLong(0)).isEqualTo(n);
      assertThat(row).isEqualTo(expected.get(n)); // UnsafeRow equality compares the bytes
      n++;
    }
    assertThat(n).isEqualTo(expected.size());
  }

  @Test
  void emptyHasNoRows() {
    assertThat(new PackedRows(1).iterator().hasNext()).isFalse();
  }
}
