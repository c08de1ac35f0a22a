package org.apache.spark.sql.execution.sparkweld;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.execution.joins.HashedRelation;
import org.apache.spark.sql.execution.joins.HashedRelation$;
import org.apache.spark.sql.execution.joins.LongHashedRelation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reading a long-keyed broadcast relation straight from its map must give exactly the rows, in the order, that
 * Spark's own `keys()` and `get(key)` give: dense and sparse maps, duplicate keys, variable-length rows, and the
 * first row per key for existence joins.
 */
class LongMapWalkTest {
  private static final StructType SCHEMA = new StructType()
      .add("k", DataTypes.LongType, false).add("s", DataTypes.StringType, true).add("i", DataTypes.IntegerType, true);

  private static HashedRelation relation(long[] keys, long seed) {
    UnsafeProjection project = UnsafeProjection.create(SCHEMA);
    Random r = new Random(seed);
    List<InternalRow> rows = new ArrayList<>();
    for (int n = 0; n < keys.length; n++) {
      UTF8String s = r.nextInt(5) == 0 ? null : UTF8String.fromString("v" + n + "x".repeat(r.nextInt(30)));
      rows.add(project.apply(new GenericInternalRow(new Object[] {keys[n], s, r.nextBoolean() ? null : n})).copy());
    }
    List<Expression> key = List.of(new BoundReference(0, DataTypes.LongType, false));
    return HashedRelation$.MODULE$.apply(CollectionConverters.asScala(rows.iterator()),
        CollectionConverters.asScala(key).toSeq(), 64, null, false, false, false);
  }

  /** Spark's own reading: each key from keys(), then its rows from get(key) (the first only when asked). */
  private static List<String> bySparkApi(HashedRelation h, boolean firstPerKey) {
    List<String> out = new ArrayList<>();
    scala.collection.Iterator<InternalRow> keys = h.keys();
    while (keys.hasNext()) {
      scala.collection.Iterator<InternalRow> rows = h.get(keys.next().getLong(0));
      while (rows.hasNext()) {
        out.add(text((UnsafeRow) rows.next()));
        if (firstPerKey) {
          break;
        }
      }
    }
    return out;
  }

  private static List<String> walked(HashedRelation h, boolean firstPerKey) {
    List<String> out = new ArrayList<>();
    scala.collection.Iterator<InternalRow> rows = HashedRelationAccess.rows(h, firstPerKey).rows();
    while (rows.hasNext()) {
      out.add(text((UnsafeRow) rows.next()));
    }
    return out;
  }

  private static String text(UnsafeRow u) {
    return u.getLong(0) + "|" + (u.isNullAt(1) ? "null" : u.getUTF8String(1).toString()) + "|"
        + (u.isNullAt(2) ? "null" : Integer.toString(u.getInt(2))) + "|" + u.getSizeInBytes();
  }

  private static void check(long[] keys, long seed, int distinctKeys) {
    HashedRelation h = relation(keys, seed);
    assertThat(h).isInstanceOf(LongHashedRelation.class);
    assertThat(LongMapWalk.rows((LongHashedRelation) h, false).isDefined()).as("the map's fields were found").isTrue();
    for (boolean first : new boolean[] {false, true}) {
      List<String> expected = bySparkApi(h, first);
      assertThat(expected).hasSize(first ? distinctKeys : keys.length);
      assertThat(walked(h, first)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void denseMapWithDuplicateKeys() {
    // Keys 0..999, most of them twice or three times: the map goes dense (range below its capacity).
    Random r = new Random(7);
    long[] keys = new long[2500];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i < 1000 ? i : r.nextInt(1000);
    }
    check(keys, 1, 1000);
  }

  @Test
  void sparseMapWithDuplicateKeys() {
    Random r = new Random(11);
    long[] distinct = new long[3000];
    for (int i = 0; i < distinct.length; i++) {
      distinct[i] = r.nextLong();
    }
    long[] keys = new long[7000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i < distinct.length ? distinct[i] : distinct[r.nextInt(distinct.length)];
    }
    check(keys, 2, distinct.length);
  }

  @Test
  void singleRow() {
    check(new long[] {Long.MIN_VALUE}, 3, 1);
  }
}
