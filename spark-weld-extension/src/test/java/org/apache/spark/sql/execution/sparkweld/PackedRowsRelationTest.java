package org.apache.spark.sql.execution.sparkweld;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.execution.joins.EmptyHashedRelation$;
import org.apache.spark.sql.execution.joins.HashedRelation;
import org.apache.spark.sql.execution.joins.HashedRelationBroadcastMode;
import org.apache.spark.sql.execution.joins.HashedRelationWithAllNullKeys$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * Packed broadcast rows against Spark's own relation over the same rows: the rows Spark keeps (null keys left out),
 * each key's rows in Spark's order, the singletons Spark returns for no rows and for a null-aware build with a null
 * key, Spark's own lookups answered through the relation built from the rows, and both serializers.
 */
class PackedRowsRelationTest {
  private static final StructType SCHEMA = new StructType()
      .add("k", DataTypes.LongType, true).add("s", DataTypes.StringType, true).add("i", DataTypes.IntegerType, true);
  private static final Expression LONG_KEY = new BoundReference(0, DataTypes.LongType, true);
  private static final Expression STRING_KEY = new BoundReference(1, DataTypes.StringType, true);

  /** {@code n} rows, keys from {@code keyRange} (every 11th null), long strings now and then (rows of many sizes). */
  private static List<InternalRow> rows(int n, int keyRange, long seed) {
    UnsafeProjection project = UnsafeProjection.create(SCHEMA);
    Random r = new Random(seed);
    List<InternalRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long k = i % 11 == 0 ? null : (long) r.nextInt(keyRange) - keyRange / 2;
      UTF8String s = UTF8String.fromString("s" + (k == null ? 0 : Math.abs(k) % 7) + "x".repeat(r.nextInt(40)));
      rows.add(project.apply(new GenericInternalRow(new Object[] {k, r.nextInt(9) == 0 ? null : s, i})).copy());
    }
    return rows;
  }

  private static scala.collection.immutable.Seq<Expression> keys(Expression... k) {
    return CollectionConverters.asScala(List.of(k)).toList();
  }

  private static HashedRelation packed(List<InternalRow> rows, boolean nullAware, Expression... key) {
    return new PackedRowsBroadcastMode(keys(key), nullAware).transform(
        CollectionConverters.asScala(rows.iterator()), Option.apply((long) rows.size()));
  }

  private static HashedRelation sparks(List<InternalRow> rows, boolean nullAware, Expression... key) {
    return new HashedRelationBroadcastMode(keys(key), nullAware).transform(
        CollectionConverters.asScala(rows.iterator()), Option.apply((long) rows.size()));
  }

  private static List<String> texts(scala.collection.Iterator<InternalRow> rows) {
    List<String> out = new ArrayList<>();
    if (rows == null) {
      return out;
    }
    while (rows.hasNext()) {
      UnsafeRow row = (UnsafeRow) rows.next();
      out.add(row.getLong(0) + "|" + (row.isNullAt(1) ? "null" : row.getUTF8String(1)) + "|" + row.getInt(2));
    }
    return out;
  }

  /** Each key (as its key row's bytes) with its rows, in the order {@code rows} lists them. */
  private static Map<ByteBuffer, List<String>> byKey(scala.collection.Iterator<InternalRow> rows, Expression key) {
    UnsafeProjection keyOf = UnsafeProjection.create(keys(key));
    Map<ByteBuffer, List<String>> out = new LinkedHashMap<>();
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      out.computeIfAbsent(ByteBuffer.wrap(keyOf.apply(row).copy().getBytes()), x -> new ArrayList<>())
          .addAll(texts(scala.collection.Iterator.single(row)));
    }
    return out;
  }

  @Test
  void sparkLookupsThroughPackedRowsGiveSparksAnswers() {
    for (Expression key : new Expression[] {LONG_KEY, STRING_KEY}) {
      List<InternalRow> rows = rows(5000, 700, 7);
      HashedRelation packed = packed(rows, false, key);
      HashedRelation spark = sparks(rows, false, key);
      assertThat(packed).isInstanceOf(PackedRowsRelation.class);
      // Rows with a null key are left out, as Spark leaves them out.
      UnsafeProjection keyOf = UnsafeProjection.create(keys(key));
      assertThat(((PackedRowsRelation) packed).numRows())
          .isEqualTo(rows.stream().filter(r -> !keyOf.apply(r).anyNull()).count()).isLessThan(rows.size());
      HashedRelation copy = packed.asReadOnlyCopy();
      HashedRelation sparkCopy = spark.asReadOnlyCopy();
      assertThat(copy.keyIsUnique()).isEqualTo(sparkCopy.keyIsUnique()).isFalse();
      for (InternalRow row : rows) {
        UnsafeRow k = keyOf.apply(row);
        assertThat(texts(copy.get(k))).isEqualTo(texts(sparkCopy.get(k)));
        if (key == LONG_KEY && !row.isNullAt(0)) {
          assertThat(texts(copy.get(row.getLong(0)))).isEqualTo(texts(sparkCopy.get(row.getLong(0))));
        }
      }
      InternalRow missing = UnsafeProjection.create(SCHEMA).apply(new GenericInternalRow(new Object[] {1L << 40,
          UTF8String.fromString("missing"), 0}));
      assertThat(texts(copy.get(keyOf.apply(missing)))).isEmpty();
      assertThat(copy.getValue(keyOf.apply(missing))).isNull();
    }
  }

  @Test
  void newestFirstGivesEachKeysRowsInSparksOrder() {
    for (Expression key : new Expression[] {LONG_KEY, STRING_KEY}) {
      List<InternalRow> rows = rows(3000, 200, 11);
      PackedRowsRelation packed = (PackedRowsRelation) packed(rows, false, key);
      HashedRelation spark = sparks(rows, false, key).asReadOnlyCopy();
      Map<ByteBuffer, List<String>> ours = byKey(packed.rowsNewestFirst(), key);
      Map<ByteBuffer, List<String>> first = byKey(packed.firstRowPerKey(), key);
      assertThat(ours).hasSameSizeAs(first);
      // Spark's own reading: each key from keys(), then its rows from get(key).
      UnsafeProjection asKeyRow = UnsafeProjection.create(new DataType[] {key.dataType()});
      scala.collection.Iterator<InternalRow> sparkKeys = spark.keys();
      // (The bytes-to-bytes map lists a key once per row.)
      java.util.Set<ByteBuffer> seen = new java.util.HashSet<>();
      while (sparkKeys.hasNext()) {
        UnsafeRow k = asKeyRow.apply(sparkKeys.next()).copy();
        if (seen.add(ByteBuffer.wrap(k.getBytes()))) {
          List<String> expected = texts(spark.get(k));
          assertThat(ours.get(ByteBuffer.wrap(k.getBytes()))).isEqualTo(expected);
          assertThat(first.get(ByteBuffer.wrap(k.getBytes()))).containsExactly(expected.get(0));
        }
      }
      assertThat(ours).hasSize(seen.size());
    }
  }

  @Test
  void noRowsAndNullAwareNullKeysGiveSparksSingletons() {
    assertThat(packed(List.of(), false, LONG_KEY)).isSameAs(EmptyHashedRelation$.MODULE$);
    assertThat(packed(List.of(), true, LONG_KEY)).isSameAs(EmptyHashedRelation$.MODULE$);
    List<InternalRow> withNull = rows(50, 10, 3);
    assertThat(packed(withNull, true, LONG_KEY)).isSameAs(HashedRelationWithAllNullKeys$.MODULE$)
        .isSameAs(sparks(withNull, true, LONG_KEY));
    List<InternalRow> noNull = new ArrayList<>(withNull);
    noNull.removeIf(r -> r.isNullAt(0));
    assertThat(packed(noNull, true, LONG_KEY)).isInstanceOf(PackedRowsRelation.class);
  }

  @Test
  void rowsLargerThanAChunkAndManyChunksReadBackWhole() {
    UnsafeProjection project = UnsafeProjection.create(SCHEMA);
    List<InternalRow> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int size = i % 10 == 0 ? PackedRowsRelation.CHUNK + 3 : 300_000;
      rows.add(project.apply(new GenericInternalRow(new Object[] {(long) i % 13,
          UTF8String.fromString("y".repeat(size)), i})).copy());
    }
    PackedRowsRelation packed = (PackedRowsRelation) packed(rows, false, LONG_KEY);
    assertThat(texts(packed.rowsInOrder())).isEqualTo(texts(CollectionConverters.asScala(rows.iterator())));
    List<String> reversed = texts(CollectionConverters.asScala(rows.iterator()));
    java.util.Collections.reverse(reversed);
    assertThat(texts(packed.rowsNewestFirst())).isEqualTo(reversed);
  }

  @Test
  void javaAndKryoSerializationKeepRowsAndLookups() {
    List<InternalRow> rows = rows(2000, 300, 5);
    HashedRelation packed = packed(rows, false, STRING_KEY);
    HashedRelation spark = sparks(rows, false, STRING_KEY).asReadOnlyCopy();
    SparkConf conf = new SparkConf();
    for (SerializerInstance ser : new SerializerInstance[] {new JavaSerializer(conf).newInstance(),
        new KryoSerializer(conf).newInstance()}) {
      ByteBuffer bytes = ser.serialize(packed, ClassTag$.MODULE$.apply(HashedRelation.class));
      PackedRowsRelation back = (PackedRowsRelation) ser.<HashedRelation>deserialize(bytes,
          ClassTag$.MODULE$.apply(HashedRelation.class));
      assertThat(texts(back.rowsInOrder())).isEqualTo(texts(((PackedRowsRelation) packed).rowsInOrder()));
      UnsafeProjection keyOf = UnsafeProjection.create(keys(STRING_KEY));
      HashedRelation copy = back.asReadOnlyCopy();
      for (InternalRow row : rows) {
        assertThat(texts(copy.get(keyOf.apply(row)))).isEqualTo(texts(spark.get(keyOf.apply(row))));
      }
    }
  }
}
