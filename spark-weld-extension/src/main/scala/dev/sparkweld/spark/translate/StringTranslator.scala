package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.types.StringType
import org.apache.spark.unsafe.types.UTF8String

/**
 * String functions: `length`, `substring`, `concat`, `trim`/`ltrim`/`rtrim`, `upper`/`lower` (see [[caseMap]]), LIKE
 * with any pattern, and the
 * predicates Spark's optimizer makes of LIKE: `StartsWith` ('abc%'), `EndsWith` ('%abc'), `Contains`
 * ('%abc%'), with a constant pattern, on UTF-8 bytes (byte-wise matching of valid UTF-8 is character matching).
 * String equality and ordering are in [[ComparisonTranslator]].
 */
object StringTranslator extends ExprTranslator {
  val classes: Seq[Class[_]] = Seq(classOf[StartsWith], classOf[EndsWith], classOf[Contains], classOf[Substring],
    classOf[Like], classOf[Length], classOf[Concat], classOf[StringTrim], classOf[StringTrimLeft],
    classOf[StringTrimRight], classOf[Upper], classOf[Lower])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = e match {
    case sub: Substring => substring(sub, tr, scope)
    case like: Like => likePercentOnly(like, tr, scope)
    case Length(child) if child.dataType == StringType =>
      // Characters: bytes that do not continue a UTF-8 sequence (10xxxxxx).
      val c = tr(child, scope)
      WVal(scope.bind(s"result(for(${c.value}, merger[i32, +], |b, i, x| merge(b, if((x & 192u8) != 128u8, 1, 0))))"),
        c.isNull, "i32")
    case l: Length => Fallback(s"length of ${l.child.dataType.simpleString}")
    case Concat(children) if children.forall(_.dataType == StringType) =>
      // Null when any part is null; the bytes of each part appended in order.
      val parts = children.map(c => tr(c, scope))
      val appended = parts.foldLeft("appender[u8]")((acc, p) => s"for(${p.value}, $acc, |a, j, y| merge(a, y))")
      WVal(scope.bind(s"result($appended)"), tr.anyNull(scope, parts: _*), "vec[u8]")
    case c: Concat => Fallback(s"concat of ${c.children.map(_.dataType.simpleString).mkString(", ")}")
    case t: StringTrim => trim(t.srcStr, t.trimStr, left = true, right = true, tr, scope)
    case t: StringTrimLeft => trim(t.srcStr, t.trimStr, left = true, right = false, tr, scope)
    case t: StringTrimRight => trim(t.srcStr, t.trimStr, left = false, right = true, tr, scope)
    case u: Upper => caseMap(u, u.child, upper = true, tr, scope)
    case l: Lower => caseMap(l, l.child, upper = false, tr, scope)
    case _ => predicate(e, tr, scope)
  }

  /**
   * `upper`/`lower`: of an input column, a column Spark's own function computes while gathering ([[DerivedInputs]]:
   * exact for every string). Of a computed string: on ASCII bytes Spark maps the letters A-Z/a-z and nothing else
   * (Java's and ICU's case mappings agree there); any other string needs Spark's full Unicode mapping, so the kernel
   * asserts ASCII and a partition with such a string runs Spark's plan. Only where that is still possible: in
   * aggregate stages, which hand nothing on before the partition is done.
   */
  private def caseMap(e: Expression, child: Expression, upper: Boolean, tr: ExprTranslation, scope: Scope): WVal = {
    val name = if (upper) "upper" else "lower"
    if (child.dataType != StringType) Fallback(s"$name of ${child.dataType.simpleString}")
    val exact = tr.derived.flatMap(_.column(e))
    if (exact.isDefined) return exact.get
    if (!tr.wholePartition) {
      Fallback(s"$name of a computed value outside an aggregate stage (a non-ASCII string needs Spark's case " +
        "mapping, and a filter or projection stage may have handed rows on before meeting one)")
    }
    val c = tr(child, scope)
    val v = c.value
    val nonAscii = scope.bind(s"result(for($v, merger[i64, +], |b, i, x| merge(b, if((x & 128u8) != 0u8, 1L, 0L))))")
    val ascii = scope.bind(s"assert($nonAscii == 0L)")
    val (from, to, shift) = if (upper) ("97u8", "122u8", "- 32u8") else ("65u8", "90u8", "+ 32u8")
    WVal(scope.bind(s"if($ascii, result(for($v, appender[u8], |b, i, x| merge(b, if(x >= $from && x <= $to, " +
      s"x $shift, x)))), $v)"), c.isNull, "vec[u8]")
  }

  /** `trim`/`ltrim`/`rtrim` without a trim string: Spark removes ASCII spaces (0x20) only. */
  private def trim(src: Expression, trimStr: Option[Expression], left: Boolean, right: Boolean, tr: ExprTranslation,
      scope: Scope): WVal = {
    if (trimStr.isDefined) Fallback("trim with a trim string")
    if (src.dataType != StringType) Fallback(s"trim of ${src.dataType.simpleString}")
    val s = tr(src, scope)
    val v = s.value
    val from = if (!left) "0L"
      else scope.bind(s"iterate(0L, |k| if(k < len($v) && lookup($v, k) == 32u8, {k + 1L, true}, {k, false}))")
    val to = if (!right) s"len($v)"
      else scope.bind(s"iterate(len($v), |k| if(k > $from && lookup($v, k - 1L) == 32u8, {k - 1L, true}, {k, false}))")
    WVal(scope.bind(s"slice($v, $from, $to - $from)"), s.isNull, "vec[u8]")
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
    if (pattern.exists(c => c == '_' || c == like.escapeChar)) return likeGeneral(like, pattern, tr, scope)
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
        val at = firstByteThen(value, "st.$0", seg.getBytes(java.nio.charset.StandardCharsets.UTF_8), p)
        val found = s"iterate({$pos, -1L}, |st| if(st.$$0 > $n - ${m}L, {st, false}," +
          s" if($at, {{st.$$0, st.$$0}, false}, {{st.$$0 + 1L, -1L}, true}))).$$1"
        s"(let f = $found; if(f >= 0L, ${steps(s"f + ${m}L", more)}, false))"
    }
    val startCheck = if (anchoredStart && firstLen > 0) {
      val p = LeafTranslator.string(first)
      s"$n >= ${firstLen}L && slice($value, 0L, ${firstLen}L) == $p"
    } else "true"
    val start = if (anchoredStart) s"${firstLen}L" else "0L"
    WVal(scope.bind(s"if($startCheck, ${steps(start, middle)}, false)"), s.isNull, "bool")
  }

  /**
   * Any LIKE pattern (`_` one character, `%` any run, escapes): the pattern becomes tokens (a byte 0..255 to match, -1
   * for `_`, -2 for `%`) matched by the classic wildcard walk that, on a mismatch, resumes after the last `%` one
   * character further. `_` consumes a whole UTF-8 character; literal bytes can only match at character starts, since
   * they come from whole characters.
   */
  private def likeGeneral(like: Like, pattern: String, tr: ExprTranslation, scope: Scope): WVal = {
    val esc = like.escapeChar
    val tokens = scala.collection.mutable.ArrayBuffer[Int]()
    def utf8(cp: Int) = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)
    var i = 0
    while (i < pattern.length) {
      val c = pattern.charAt(i)
      if (c == esc) {
        if (i + 1 >= pattern.length) Fallback("LIKE pattern ending in its escape character")
        val next = pattern.charAt(i + 1)
        if (next != '_' && next != '%' && next != esc) Fallback(s"LIKE escape of '$next'")
        tokens ++= utf8(next).map(_ & 0xff)
        i += 2
      } else if (c == '_') { tokens += -1; i += 1 }
      else if (c == '%') { tokens += -2; i += 1 }
      else {
        val cp = pattern.codePointAt(i)
        tokens ++= utf8(cp).map(_ & 0xff)
        i += Character.charCount(cp)
      }
    }
    val s = tr(like.left, scope)
    val tok = scope.bind(tokens.mkString("[", ", ", "]"))
    val (v, n, m) = (s.value, s"len(${s.value})", s"${tokens.size}L")
    def charLen(b: String) = s"if($b < 128u8, 1L, if($b < 224u8, 2L, if($b < 240u8, 3L, 4L)))"
    def state(si: String, pi: String, star: String, mark: String, done: String, ok: String) =
      s"{{$si, $pi, $star, $mark, $done, $ok}, true}"
    // State {si, pi, star, mark, done, matched}: si/pi positions in the string and the tokens, star the last `%`.
    val (si, pi, star, mark) = ("st.$0", "st.$1", "st.$2", "st.$3")
    val inString = Seq(
      s"let c = lookup($v, $si);",
      s"let t = if($pi < $m, lookup($tok, $pi), -3);",
      s"if(t == -1 || (t >= 0 && t == i32(c)),",
      "  " + state(s"$si + if(t == -1, ${charLen("c")}, 1L)", s"$pi + 1L", star, mark, "false", "false") + ",",
      "  if(t == -2, " + state(si, s"$pi + 1L", pi, si, "false", "false") + ",",
      s"    if($star >= 0L, (let mk = $mark + ${charLen(s"lookup($v, $mark)")}; " +
        state("mk", s"$star + 1L", star, "mk", "false", "false") + "),",
      "      " + state(si, pi, star, mark, "true", "false") + ")))").mkString(" ")
    val atEnd = s"if($pi < $m && lookup($tok, $pi) == -2, " + state(si, s"$pi + 1L", star, mark, "false", "false") +
      ", " + state(si, pi, star, mark, "true", s"$pi == $m") + ")"
    val step = s"if(st.$$4, {st, false}, if($si < $n, ($inString), $atEnd))"
    WVal(scope.bind(s"iterate({0L, 0L, -1L, 0L, false, false}, |st| $step).$$5"), s.isNull, "bool")
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
          s" {st, false}, {{st.$$0 + 1L, ${firstByteThen(s.value, "st.$0", pattern, p)}}, true})).$$1, false)"
    }
    WVal(scope.bind(code), s.isNull, "bool")
  }

  /**
   * Whether `pattern` (bound to `p`) occurs in `value` at `pos`: its first byte is compared before the slice, as
   * Spark's UTF8String.contains does, so most positions cost one byte load rather than a slice comparison.
   */
  private def firstByteThen(value: String, pos: String, pattern: Array[Byte], p: String): String =
    s"if(lookup($value, $pos) == ${pattern(0) & 0xff}u8, slice($value, $pos, ${pattern.length}L) == $p, false)"
}
