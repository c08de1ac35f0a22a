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
  val classes: Seq[Class[_]] = Seq(classOf[StartsWith], classOf[EndsWith], classOf[Contains], classOf[Substring],
    classOf[Like], classOf[Length])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = e match {
    case sub: Substring => substring(sub, tr, scope)
    case like: Like => likePercentOnly(like, tr, scope)
    case Length(child) if child.dataType == StringType =>
      // Characters: bytes that do not continue a UTF-8 sequence (10xxxxxx).
      val c = tr(child, scope)
      WVal(scope.bind(s"result(for(${c.value}, merger[i32, +], |b, i, x| merge(b, if((x & 192u8) != 128u8, 1, 0))))"),
        c.isNull, "i32")
    case l: Length => Fallback(s"length of ${l.child.dataType.simpleString}")
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

  /**
   * LIKE with a constant pattern of literal text and `%` only (what the optimizer did not already turn into
   * StartsWith/EndsWith/Contains, e.g. '%special%requests%'): the segments between `%`s are found left to right, each
   * at its first occurrence after the previous one, which decides such patterns exactly. `_` and escapes fall back.
   */
  private def likePercentOnly(like: Like, tr: ExprTranslation, scope: Scope): WVal = {
    val pattern = like.right match {
      case Literal(p: UTF8String, _: StringType) => p.toString
      case _ => Fallback("LIKE with a non-constant pattern")
    }
    if (pattern.exists(c => c == '_' || c == like.escapeChar)) Fallback("LIKE pattern with _ or an escape")
    val s = tr(like.left, scope)
    val segments = pattern.split("%", -1).toSeq
    val anchoredStart = !pattern.startsWith("%")
    val anchoredEnd = !pattern.endsWith("%")
    val value = s.value
    val n = s"len($value)"
    // Exact match when there is no % at all.
    if (segments.size == 1) {
      val p = scope.bind(LeafTranslator.string(pattern))
      return WVal(scope.bind(s"$value == $p"), s.isNull, "bool")
    }
    val first = segments.head
    val last = segments.last
    val middle = segments.slice(1, segments.size - 1).filter(_.nonEmpty)
    val firstLen = first.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
    val lastLen = last.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
    // Builds, innermost last: each step checks one segment and continues from where it ended.
    def steps(pos: String, rest: Seq[String]): String = rest match {
      case Seq() =>
        if (anchoredEnd && lastLen > 0) {
          val p = LeafTranslator.string(last)
          s"($n - ${lastLen}L >= $pos && slice($value, $n - ${lastLen}L, ${lastLen}L) == $p)"
        } else "true"
      case seg +: more =>
        val p = LeafTranslator.string(seg)
        val m = seg.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        val found = s"iterate({$pos, -1L}, |st| if(st.$$0 > $n - ${m}L, {st, false}," +
          s" if(slice($value, st.$$0, ${m}L) == $p, {{st.$$0, st.$$0}, false}, {{st.$$0 + 1L, -1L}, true}))).$$1"
        s"(let f = $found; if(f >= 0L, ${steps(s"f + ${m}L", more)}, false))"
    }
    val startCheck = if (anchoredStart && firstLen > 0) {
      val p = LeafTranslator.string(first)
      s"$n >= ${firstLen}L && slice($value, 0L, ${firstLen}L) == $p"
    } else "true"
    val start = if (anchoredStart) s"${firstLen}L" else "0L"
    WVal(scope.bind(s"if($startCheck, ${steps(start, middle)}, false)"), s.isNull, "bool")
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
