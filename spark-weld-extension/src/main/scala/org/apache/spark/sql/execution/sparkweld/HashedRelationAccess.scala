package org.apache.spark.sql.execution.sparkweld

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.execution.joins.{EmptyHashedRelation, HashedRelation, HashedRelationWithAllNullKeys,
  LongHashedRelation}

/**
 * The rows of a broadcast hash join's build side, read back from Spark's `HashedRelation` (a `private[execution]`
 * type, hence this file in Spark's namespace). Spark left out rows with a null key when it built the relation,
 * except that for a null-aware anti join any null key turns the whole relation into `HashedRelationWithAllNullKeys`.
 */
object HashedRelationAccess {
  /** What a broadcast relation holds. */
  final case class BuildRows(rows: Iterator[InternalRow], hasNullKey: Boolean)

  /** @param firstPerKey one row per distinct key is enough (existence joins): the rest are not read */
  def rows(relation: Any, firstPerKey: Boolean = false): BuildRows = relation match {
    case EmptyHashedRelation => BuildRows(Iterator.empty, hasNullKey = false)
    case HashedRelationWithAllNullKeys => BuildRows(Iterator.empty, hasNullKey = true)
    case h: HashedRelation =>
      val copy = h.asReadOnlyCopy()
      // Each distinct key once: the bytes-to-bytes map lists a key once per row; the long map (and a map of unique
      // keys) once.
      val distinct =
        if (h.keyIsUnique || h.isInstanceOf[LongHashedRelation]) copy.keys()
        else {
          val seen = new java.util.HashSet[InternalRow]()
          copy.keys().filter(k => seen.add(k.copy()))
        }
      def of(k: InternalRow): Iterator[InternalRow] = {
        val rows = copy.get(k)
        if (rows == null) Iterator.empty else if (firstPerKey) rows.take(1) else rows
      }
      BuildRows(distinct.flatMap(of), hasNullKey = false)
    case other => throw new IllegalArgumentException(s"not a hashed relation: ${other.getClass.getName}")
  }
}
