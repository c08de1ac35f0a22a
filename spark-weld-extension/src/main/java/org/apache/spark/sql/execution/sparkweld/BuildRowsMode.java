package org.apache.spark.sql.execution.sparkweld;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.joins.HashedRelation;
import org.apache.spark.sql.execution.joins.HashedRelationBroadcastMode;
import scala.Option;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The broadcast mode of a hash join whose build side a Weld stage builds itself: equal to Spark's mode (the join's
 * distribution requirement, exchange reuse and canonical plans see no difference), but the broadcast value is the
 * rows as they came ({@link BuildRowsRelation}), not the hashed relation Spark builds on the driver only for the
 * Weld stage to read it back row by row and build its own table (TPC-H Q14: Spark's build of {@code part} took
 * 194 ms of a 1.2 s query, on the driver, before any task of the join stage could start). Never null-aware: that
 * mode's relation also tells whether any key was null (Spark's, then).
 *
 * <p>Java, and hidden from the Scala compiler (see the module's pom): it makes a {@code BuildRowsRelation}.
 */
public final class BuildRowsMode extends HashedRelationBroadcastMode {
  public BuildRowsMode(Seq<Expression> key) {
    super(key, false);
  }

  @Override
  public HashedRelation transform(InternalRow[] rows) {
    return transform(CollectionConverters.asScala(Arrays.asList(rows).iterator()), Option.apply((Object) (long) rows.length));
  }

  @Override
  public HashedRelation transform(Iterator<InternalRow> rows, Option<Object> sizeHint) {
    return BuildRowsRelation.of(BuildRowBytes$.MODULE$.of(rows), new HashedRelationBroadcastMode(key(), false));
  }
}
