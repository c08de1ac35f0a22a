package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.types.StringType
import org.apache.spark.unsafe.types.UTF8String

/**
 * String predicates Spark's optimizer makes of LIKE: `StartsWith` ('abc%'), `EndsWith` ('%abc'), `Contains`
 * ('%abc%'), with a constant pattern, on UTF-8 bytes (byte-wise matching of valid UTF-8 is character matching).
 * String equality and ordering are in [[ComparisonTranslator]].
 */
object StringTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[StartsWith], classOf[EndsWith], classOf[Contains], classOf[Substring])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = e match {
    case sub: Substring => substring(sub, tr, scope)
    case _ => predicate(e, tr, scope)
  }

  /**
   * `substring(s, pos, len)` for a constant `pos >= 0` and `len`, in characters (UTF-8 code points) like Spark's
   * `UTF8String.substringSQL`: position 0 means 1, the end is clipped to the string.
   */
  private def substring(sub: Substring, tr: ExprTranslation, scope: Scope): WVal = {
    if (sub.str.dataType != StringType) Fallback("substring of binary")
    val (pos, len) = (sub.pos, sub.len) match {
      case (Literal(p: Int, _), Literal(l: Int, _)) if p >= 0 => (p, l)
      case _ => Fallback("substring with a negative or non-constant position or length")
    }
    val s = tr(sub.str, scope)
    val start = math.max(pos - 1, 0).toLong
    val end = math.min(start + len.toLong, Int.MaxValue.toLong)
    if (end <= start) return WVal("u8empty", s.isNull, "vec[u8]")
    val from = scope.bind(charOffset(s.value, start))
    val to = scope.bind(charOffset(s.value, end))
    WVal(scope.bind(s"slice(${s.value}, $from, $to - $from)"), s.isNull, "vec[u8]")
  }

  /** The byte offset where character `k` of UTF-8 `s` starts, or `len(s)`: walks lead bytes (not 10xxxxxx). */
  private def charOffset(s: String, k: Long): String =
    s"iterate({0L, 0L}, |st| if(st.$$0 >= len($s) || (st.$$1 == ${k}L && (lookup($s, st.$$0) & 192u8) != 128u8)," +
      s" {st, false}, {{st.$$0 + 1L, st.$$1 + if((lookup($s, st.$$0) & 192u8) != 128u8, 1L, 0L)}, true})).$$0"

  private def predicate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = {
    val b = e.asInstanceOf[BinaryExpression]
    val pattern = b.right match {
      case Literal(p: UTF8String, _: StringType) => p.getBytes
      case _ => Fallback(s"${e.prettyName} with a non-constant pattern")
    }
    val s = tr(b.left, scope)
    if (pattern.isEmpty) return WVal("true", s.isNull, "bool")
    val p = scope.bind(LeafTranslator.bytes(pattern))
    val n = pattern.length
    val code = e match {
      case _: StartsWith => s"if(len(${s.value}) >= ${n}L, slice(${s.value}, 0L, ${n}L) == $p, false)"
      case _: EndsWith =>
        s"if(len(${s.value}) >= ${n}L, slice(${s.value}, len(${s.value}) - ${n}L, ${n}L) == $p, false)"
      case _: Contains =>
        // A search over the start positions, stopping at the first match (iterate), no allocation.
        s"if(len(${s.value}) >= ${n}L, iterate({0L, false}, |st| if(st.$$0 > len(${s.value}) - ${n}L || st.$$1," +
          s" {st, false}, {{st.$$0 + 1L, slice(${s.value}, st.$$0, ${n}L) == $p}, true})).$$1, false)"
    }
    WVal(scope.bind(code), s.isNull, "bool")
  }
}
