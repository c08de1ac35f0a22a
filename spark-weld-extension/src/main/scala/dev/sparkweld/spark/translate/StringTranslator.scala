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
  val classes: Seq[Class[_]] = Seq(classOf[StartsWith], classOf[EndsWith], classOf[Contains])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = {
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
