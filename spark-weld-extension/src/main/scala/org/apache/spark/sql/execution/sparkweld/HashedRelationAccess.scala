package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.execution.joins.{EmptyHashedRelation, HashedRelation, HashedRelationWithAllNullKeys}

/**
 * The rows of a broadcast hash join's build side, read back from Spark's `HashedRelation` (a `private[execution]`
 * type, hence this file in Spark's namespace). Spark left out rows with a null key when it built the relation,
 * except that for a null-aware anti join any null key turns the whole relation into `HashedRelationWithAllNullKeys`.
 */
object HashedRelationAccess {
  /** What a broadcast relation holds. */
  final case class BuildRows(rows: Iterator[InternalRow], hasNullKey: Boolean)

  def rows(relation: Any): BuildRows = relation match {
    case EmptyHashedRelation => BuildRows(Iterator.empty, hasNullKey = false)
    case HashedRelationWithAllNullKeys => BuildRows(Iterator.empty, hasNullKey = true)
    case h: HashedRelation =>
      val copy = h.asReadOnlyCopy()
      // Each distinct key once: a key with several rows may be listed once per row by the map's iterator.
      val seen = new java.util.HashSet[InternalRow]()
      val distinct = copy.keys().filter(k => seen.add(k.copy()))
      BuildRows(distinct.flatMap(k => Option(copy.get(k)).getOrElse(Iterator.empty)), hasNullKey = false)
    case other => throw new IllegalArgumentException(s"not a hashed relation: ${other.getClass.getName}")
  }
}
