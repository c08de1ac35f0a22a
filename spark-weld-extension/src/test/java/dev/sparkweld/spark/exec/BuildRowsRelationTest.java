package dev.sparkweld.spark.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.execution.joins.HashedRelation;
import org.apache.spark.sql.execution.joins.HashedRelationBroadcastMode;
import org.apache.spark.sql.execution.sparkweld.BuildRowsMode;
import org.apache.spark.sql.execution.sparkweld.BuildRowsRelation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * A broadcast of build rows: the rows come back as they went in (duplicates and null keys included, across chunk
 * boundaries), through Java and Kryo serialization, and a Spark join given the relation finds what Spark's own
 * relation finds.
 */
class BuildRowsRelationTest {
  /** (key bigint, nullable every 9th; payload string of up to 3 KiB): ~40 MB, several 8 MiB chunks. */
  private static List<InternalRow> rows() {
    List<InternalRow> out = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      UnsafeRowWriter w = new UnsafeRowWriter(2, 64);
      w.reset();
      w.zeroOutNullBytes();
      if (i % 9 == 4) {
        w.setNullAt(0);
      } else {
        w.write(0, (long) (i % 1000)); // 30 rows per key
      }
      w.write(1, UTF8String.fromString("v" + i + "x".repeat(i % 3000)));
      out.add(w.getRow().copy());
    }
    return out;
  }

  private static scala.collection.immutable.Seq<Expression> key() {
    return CollectionConverters.asScala(List.<Expression>of(new BoundReference(0, DataTypes.LongType, true)))
        .toList();
  }

  private static Iterator<InternalRow> it(List<InternalRow> rows) {
    return CollectionConverters.asScala(rows.iterator());
  }

  private static List<UnsafeRow> copies(Iterator<?> rows) {
    List<UnsafeRow> out = new ArrayList<>();
    while (rows.hasNext()) {
      out.add(((UnsafeRow) rows.next()).copy());
    }
    return out;
  }

  private static BuildRowsRelation roundTrip(SerializerInstance s, BuildRowsRelation r) {
    Object back = s.deserialize(s.serialize(r, ClassTag$.MODULE$.Any()), ClassTag$.MODULE$.Any());
    return (BuildRowsRelation) back;
  }

  @Test
  void rowsSurviveSerializationAndSparkJoinsFindTheirMatches() {
    List<InternalRow> rows = rows();
    BuildRowsRelation relation =
        (BuildRowsRelation) new BuildRowsMode(key()).transform(it(rows), Option.apply((Object) (long) rows.size()));
    assertThat(relation.data().chunks().length).isGreaterThan(1);
    assertThat(copies(relation.data().rows())).isEqualTo(rows);
    HashedRelation spark = new HashedRelationBroadcastMode(key(), false).transform(it(rows), Option.empty());
    SparkConf conf = new SparkConf();
    for (SerializerInstance s : new SerializerInstance[] {new JavaSerializer(conf).newInstance(),
        new KryoSerializer(conf).newInstance()}) {
      BuildRowsRelation back = roundTrip(s, relation);
      assertThat(back.data().rowCount()).isEqualTo(rows.size());
      assertThat(copies(back.data().rows())).as("%s", s.getClass().getSimpleName()).isEqualTo(rows);
      BuildRowsRelation copy = back.asReadOnlyCopy();
      assertThat(copy.keyIsUnique()).isEqualTo(spark.keyIsUnique());
      for (long k : new long[] {0, 1, 999, 1000, -1}) {
        assertThat(copies(orEmpty(copy.get(k)))).as("key %d", k).isEqualTo(copies(orEmpty(spark.get(k))));
      }
      copy.close();
    }
  }

  private static Iterator<?> orEmpty(Iterator<?> it) {
    return it == null ? CollectionConverters.asScala(java.util.Collections.emptyIterator()) : it;
  }
}
