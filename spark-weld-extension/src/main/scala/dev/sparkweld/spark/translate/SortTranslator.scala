package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._

/**
 * A sort of one partition's rows (Spark's `SortExec`, and the per-partition part of `TakeOrderedAndProjectExec`): the
 * kernel evaluates the sort keys, sorts `{row number, keys}` with a comparator that follows Spark's ordering, and
 * returns the row numbers in order (the first `limit` of them for a top-N). The rows themselves stay in the JVM.
 *
 * {{{
 * |c0: vec[i32], n0: vec[bool], c2: vec[vec[u8]]|
 *   let keys = result(for(zip(c0, n0, c2), appender[{i64, {bool, i32}, vec[u8]}](len(c0)), |b, i, x| ...));
 *   let sorted = sort(keys, |p, q| let c1 = <compare key 1>; if(c1 != 0, c1, <compare key 2>));
 *   let taken = sorted;  (a top-N: the slice of its first N)
 *   result(for(taken, appender[i64](len(taken)), |b, i, x| merge(b, x.$0)))
 * }}}
 *
 * Spark's ordering: nulls first or last as the `SortOrder` says (independently of the direction); floats with NaN
 * equal to NaN and above every other value and -0.0 equal to 0.0; strings as unsigned bytes. Spark's own sort is not
 * stable, so rows with equal keys may come out in any order on either side.
 */
object SortTranslator {
  def translate(order: Seq[SortOrder], childOutput: Seq[Attribute], ansi: Boolean, limit: Option[Int]): SortPlan = {
    if (order.isEmpty) Fallback("a sort without keys")
    val used = AttributeSet(order.flatMap(_.references))
    val inputs = InputColumns.of(childOutput).filter(in => used.contains(in.attr))
    if (inputs.isEmpty) Fallback("a sort by constants only")
    val scope = new Scope()
    val tr = new ExprTranslation(InputColumns.bind(inputs), ansi)
    val keys = order.map(o => (o, tr(o.child, scope)))
    val fields = keys.map { case (_, v) => if (v.nullable) s"{bool, ${v.weldType}}" else v.weldType }
    val values = keys.map { case (_, v) =>
      if (v.nullable) s"{${v.isNull}, if(${v.isNull}, ${WeldTypes.zero(v.weldType)}, ${v.value})}" else v.value
    }
    val elem = ("i64" +: fields).mkString("{", ", ", "}")
    val comparator = keys.indices.reverse.foldLeft("0") { (rest, k) =>
      val c = compare(keys(k)._1, keys(k)._2, s"p.$$${k + 1}", s"q.$$${k + 1}")
      if (rest == "0") c else s"(let c$k = $c; if(c$k != 0, c$k, $rest))"
    }
    val taken = limit match {
      case Some(n) => s"slice(sorted, 0L, if(len(sorted) < ${n}L, len(sorted), ${n}L))"
      case None => "sorted"
    }
    val cols = InputColumns.loop(inputs)
    val program = Seq(
      s"|${cols.params}|",
      "  let u8empty = result(appender[u8]);",
      // Both appenders take one element per row: sized up front, they never grow (reallocate and copy).
      s"  let keys = result(for(${cols.iter}, appender[$elem](len(c${inputs.head.ordinal})), |b, i, x|",
      s"    ${cols.unpack}",
      s"    ${scope.render(s"merge(b, ${("i" +: values).mkString("{", ", ", "}")})")}));",
      s"  let sorted = sort(keys, |p, q| $comparator);",
      s"  let taken = $taken;",
      s"  result(for(taken, appender[i64](len(taken)), |b, i, x| merge(b, x.$$0)))").mkString("\n")
    val summary = order.map(o => s"${o.child.prettyName} ${o.direction.sql} ${o.nullOrdering.sql}").mkString(", ")
    SortPlan(program, inputs, limit.fold(s"sort by $summary")(n => s"top $n by $summary"))
  }

  /** -1, 0 or 1 for two elements' key fields `a` and `b`. */
  private def compare(o: SortOrder, v: WVal, a: String, b: String): String = {
    val dt = o.child.dataType
    val (x, y) = if (v.nullable) (s"$a.$$1", s"$b.$$1") else (a, b)
    val (lo, hi) = if (o.isAscending) ("-1", "1") else ("1", "-1")
    val values = s"if(${ComparisonTranslator.lt(x, y, dt)}, $lo, if(${ComparisonTranslator.lt(y, x, dt)}, $hi, 0))"
    if (!v.nullable) values
    else {
      val nullFirst = o.nullOrdering == NullsFirst
      val (aNull, bNull) = if (nullFirst) ("-1", "1") else ("1", "-1")
      s"if($a.$$0, if($b.$$0, 0, $aNull), if($b.$$0, $bNull, $values))"
    }
  }
}

/** A translated sort: the program (parameters: `inputs`' columns; result: row numbers in order) and a summary. */
final case class SortPlan(program: String, inputs: Seq[StageInput], summary: String)
