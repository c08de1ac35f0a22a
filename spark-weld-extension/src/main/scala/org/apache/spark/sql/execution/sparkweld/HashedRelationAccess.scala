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
    case p: PackedRowsRelation =>
      // Newest first, each key's rows come in Spark's order.
      BuildRows(if (firstPerKey) p.firstRowPerKey() else p.rowsNewestFirst(), hasNullKey = false)
    case h: LongHashedRelation =>
      LongMapWalk.rows(h, firstPerKey) match {
        case Some(rows) => BuildRows(rows, hasNullKey = false)
        case None =>
          // Each distinct key once (the long map lists a key once), then its rows.
          val copy = h.asReadOnlyCopy()
          def of(k: InternalRow): Iterator[InternalRow] = {
            val rows = copy.get(k)
            if (rows == null) Iterator.empty else if (firstPerKey) rows.take(1) else rows
          }
          BuildRows(copy.keys().flatMap(of), hasNullKey = false)
      }
    case h: HashedRelation =>
      // The bytes-to-bytes map (the only other relation with rows): its records in place, a key's rows one after
      // another, without hashing and looking up each key again (nor copying every key into a set to dedupe them).
      val records = h.asReadOnlyCopy().valuesWithKeyIndex()
      val rows =
        if (!firstPerKey) records.map(_.getValue)
        else {
          var last = -1
          records.filter { r =>
            val first = r.getKeyIndex != last
            last = r.getKeyIndex
            first
          }.map(_.getValue)
        }
      BuildRows(rows, hasNullKey = false)
    case other => throw new IllegalArgumentException(s"not a hashed relation: ${other.getClass.getName}")
  }
}
