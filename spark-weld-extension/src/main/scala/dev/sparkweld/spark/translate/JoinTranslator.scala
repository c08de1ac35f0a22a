package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions.{Attribute, ExprId}
import org.apache.spark.sql.catalyst.plans.{ExistenceJoin, LeftAnti, LeftSemi}

/**
 * The probe of a hash join fused into a stage's loop, and the program that builds its table. Per streamed row:
 * {{{
 *   let m = optlookup(d0, {k0, k1});  let found = !<key null> && m.$0;
 *   inner:       if(found, for(m.$1, b, |b, j0, r0| <build columns of r0>; <rest>), b)
 *   outer:       for(if(found, m.$1, nullrow0), b, |b, j0, r0| <build columns, null unless found>; <rest>)
 *   semi / anti: if(found, <rest>, b)  /  if(!found, <rest>, b)
 *   existence:   <rest> with the join's `exists` column bound to found
 * }}}
 * so every match yields a row (build duplicates multiply rows), and `<rest>` is the rest of the stage (filters,
 * projections, the aggregate's merges) evaluated once per output row. An extra join condition is checked per match;
 * for outer, semi and anti joins a first pass over the matches counts those that pass, since a row without a passing
 * match is kept (outer, anti) or dropped (semi). A null-aware anti join (`NOT IN`) keeps a row when the build side is
 * empty, or when its key is not null, not found, and the build side has no null key.
 *
 * @param guard adds a wrapper around the rest of the stage, rendered in the given scope (see [[StageTranslator]])
 */
final class JoinTranslator(shape: JoinShape, j: Int, ansi: Boolean, guard: (Scope, String => String) => Unit) {
  private val buildCols: Seq[Attribute] = shape.build.output

  /**
   * Translates the probe in `scope` over the streamed columns `env`; returns the columns after the join and the
   * scope of the rest of the stage, and the build side's description. `needed`: columns used above the join.
   */
  def probe(env: Map[ExprId, WVal], scope: Scope, needed: Set[ExprId]): JoinProbe = {
    val condRefs = shape.condition.toSeq.flatMap(_.references).map(_.exprId).toSet
    // A semi, anti or existence join outputs no build column: only its condition reads them (`needed` has the join's
    // own keys).
    val above = if (shape.existence) Set.empty[ExprId] else needed
    val used = buildCols.filter(a => above(a.exprId) || condRefs(a.exprId))
    val fields = valueFields(used)
    val tr = new ExprTranslation(env, ansi)
    val keys = shape.streamKeys.map(k => tr(k, scope))
    val anyNull = tr.anyNull(scope, keys: _*)
    val m = scope.bind(s"optlookup(d$j, ${keyStruct(keys, anyNull, scope)})")
    val found = scope.bind(if (anyNull == "false") s"$m.$$0" else s"!($anyNull) && $m.$$0")
    val keyTypes = shape.streamKeys.zip(keys).map { case (k, v) =>
      val t = tr.weldType(k)
      if (t != v.weldType) Fallback(s"${shape.name}: key ${k.sql} is ${v.weldType} in Weld, expected $t")
      t
    }
    val build = JoinBuildProgram(shape, j, used, fields, keyTypes, ansi)
    val params = Seq(s"d$j: ${build.tableType}") ++
      (if (shape.nullAware) Seq(s"a$j: bool", s"e$j: bool") else Nil)
    val prelude = if (shape.outer) Seq(s"let nullrow$j = [${JoinBuildProgram.zeroValue(fields)}];") else Nil
    def done(env2: Map[ExprId, WVal], rest: Scope) = JoinProbe(env2, rest, build, params, prelude)

    // The build columns of the match in `row`, bound in `s`; `missing`: when they are all null (outer joins).
    def columns(s: Scope, row: String, missing: Option[String]): Map[ExprId, WVal] = {
      val absent = missing.map(f => s.bind(s"!$f"))
      used.zip(fields).map { case (a, f) =>
        val value = s.bind(s"$row.$$${f.value}")
        val isNull = (f.isNull, absent) match {
          case (Some(k), Some(ab)) => s.bind(s"$ab || $row.$$$k")
          case (Some(k), None) => s.bind(s"$row.$$$k")
          case (None, Some(ab)) => ab
          case (None, None) => "false"
        }
        a.exprId -> WVal(value, isNull, f.weldType)
      }.toMap
    }
    // The condition over the match in `s` (columns bound there); true when there is no condition.
    def passes(s: Scope, cols: Map[ExprId, WVal]): String = shape.condition match {
      case None => "true"
      case Some(c) =>
        val v = new ExprTranslation(env ++ cols, ansi)(c, s)
        if (v.nullable) s"!${v.isNull} && ${v.value}" else v.value
    }
    // Whether some match passes the condition (a counting pass over the matches).
    def anyPasses(): String = {
      if (shape.condition.isEmpty) found
      else {
        val inner = scope.child()
        val p = passes(inner, columns(inner, s"q$j", None))
        val count = scope.bind(s"if($found, result(for($m.$$1, merger[i64, +], |c, jq$j, q$j| " +
          s"${inner.render(s"if($p, merge(c, 1L), c)")})), 0L)")
        scope.bind(s"$count > 0L")
      }
    }

    shape.joinType match {
      case LeftAnti if shape.nullAware =>
        val keep = scope.bind(s"e$j || (!a$j && !($anyNull) && !($m.$$0))")
        guard(scope, rest => s"if($keep, $rest, b)")
        done(env, scope.child())
      case LeftSemi | LeftAnti =>
        val matched = anyPasses()
        val keep = if (shape.joinType == LeftSemi) matched else s"!$matched"
        guard(scope, rest => s"if($keep, $rest, b)")
        done(env, scope.child())
      case ExistenceJoin(exists) =>
        // Every streamed row goes on, with whether some match passes the condition (never null).
        val matched = anyPasses()
        guard(scope, rest => rest)
        done(env + (exists.exprId -> WVal(matched, "false", "bool")), scope.child())
      case _ if shape.outer =>
        val matched = anyPasses()
        val group = scope.bind(s"if($matched, $m.$$1, nullrow$j)")
        guard(scope, rest => s"for($group, b, |b, j$j, r$j| $rest)")
        val inner = scope.child()
        val cols = columns(inner, s"r$j", Some(matched))
        if (shape.condition.nonEmpty) {
          // Only real matches are checked (Spark evaluates the condition on matched pairs only).
          val check = inner.child()
          val ok = inner.bind(s"if($matched, ${check.render(passes(check, cols))}, true)")
          guard(inner, rest => s"if($ok, $rest, b)")
          done(env ++ cols, inner.child())
        } else done(env ++ cols, inner)
      case _ => // inner
        guard(scope, rest => s"if($found, for($m.$$1, b, |b, j$j, r$j| $rest), b)")
        val inner = scope.child()
        val cols = columns(inner, s"r$j", None)
        if (shape.condition.nonEmpty) {
          val p = passes(inner, cols)
          guard(inner, rest => s"if($p, $rest, b)")
          done(env ++ cols, inner.child())
        } else done(env ++ cols, inner)
    }
  }

  /** The key struct; null string keys are replaced by the empty string (their value is not meaningful). */
  private def keyStruct(keys: Seq[WVal], anyNull: String, scope: Scope): String = keys.map { k =>
    if (k.nullable && k.weldType == "vec[u8]") scope.bind(s"if(${k.isNull}, u8empty, ${k.value})") else k.value
  }.mkString("{", ", ", "}")

  /** Where each used build column sits in the value struct: its value, then its null flag if it is nullable. */
  private def valueFields(used: Seq[Attribute]): Seq[ValueField] = {
    var k = -1
    used.map { a =>
      val t = WeldTypes.of(a.dataType).fold(r => Fallback(s"${shape.name}: build column ${a.name}: $r"), identity)
      k += 1
      val v = k
      val n = if (a.nullable) { k += 1; Some(k) } else None
      ValueField(v, n, t)
    }
  }
}

/** A used build column in the value struct: field index of its value and of its null flag. */
final case class ValueField(value: Int, isNull: Option[Int], weldType: String)

/**
 * A translated probe: the columns after the join, the scope of the rest of the stage, the build side, the probe
 * program's parameters for the table and the lets it needs before its loop.
 */
final case class JoinProbe(env: Map[ExprId, WVal], rest: Scope, build: JoinBuild, params: Seq[String],
    prelude: Seq[String])
