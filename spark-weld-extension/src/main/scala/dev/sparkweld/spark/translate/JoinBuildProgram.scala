package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions.Attribute

/**
 * The program that builds a join's table from its build side's columns:
 * {{{
 * |c0: vec[i64], c1: vec[vec[u8]], n1: vec[bool]|
 *   let u8empty = result(appender[u8]);
 *   let r = for(zip(c0, c1, n1), {groupmerger[{i64}, {vec[u8], bool}](len(c0)), merger[i64, +]}, |b, i, x|
 *     let v0 = x.$0; ...; <key lets>
 *     if(<a key is null>, {b.$0, merge(b.$1, 1L)}, {merge(b.$0, {{k0}, {v1, z1}}), b.$1}));
 *   {result(r.$0), result(r.$1)}
 * }}}
 * The value struct holds the build columns used above the join (value, then null flag if nullable), or a
 * placeholder `{false}` when none is. The table is sized for every row up front (growing it by doublings cost more
 * than the inserts: a 200K-row build side took twice as long).
 */
object JoinBuildProgram {
  def apply(shape: JoinShape, j: Int, used: Seq[Attribute], fields: Seq[ValueField], keyTypes: Seq[String],
      ansi: Boolean): JoinBuild = {
    val keyRefs = shape.buildKeys.flatMap(_.references).map(_.exprId).toSet
    val usedIds = used.map(_.exprId).toSet
    val inputs = shape.build.output.zipWithIndex.filter { case (a, _) => keyRefs(a.exprId) || usedIds(a.exprId) }
      .map { case (a, i) =>
        StageInput(i, a, WeldTypes.of(a.dataType).fold(r => Fallback(s"${shape.name}: build column ${a.name}: $r"),
          identity), a.nullable)
      }
    if (inputs.isEmpty) Fallback(s"${shape.name}: build side without columns")
    val env = InputColumns.bind(inputs)
    val scope = new Scope()
    val tr = new ExprTranslation(env, ansi)
    val keys = shape.buildKeys.map(k => tr(k, scope))
    keys.zip(keyTypes).foreach { case (k, t) =>
      if (k.weldType != t) Fallback(s"${shape.name}: build key is ${k.weldType}, probe key $t")
    }
    val anyNull = tr.anyNull(scope, keys: _*)
    val value = if (fields.isEmpty) "{false}" else used.zip(fields).flatMap { case (a, f) =>
      val v = env(a.exprId)
      Seq(v.value) ++ f.isNull.map(_ => v.isNull)
    }.mkString("{", ", ", "}")
    val set = isSet(shape, fields)
    val entry = s"{${keys.map(_.value).mkString("{", ", ", "}")}, ${if (set) "1L" else value}}"
    val insert = s"{merge(b.$$0, $entry), b.$$1}"
    val body = if (anyNull == "false") insert else s"if($anyNull, {b.$$0, merge(b.$$1, 1L)}, $insert)"
    val loop = InputColumns.loop(inputs)
    val table = tableBuilder(keyTypes, fields, set)
    val program = Seq(
      s"|${loop.params}|",
      "  let u8empty = result(appender[u8]);",
      s"  let r = for(${loop.iter}, {$table(len(c${inputs.head.ordinal})), merger[i64, +]}, |b, i, x|",
      s"    ${loop.unpack}",
      s"    ${scope.render(body)});",
      "  {result(r.$0), result(r.$1)}").mkString("\n")
    JoinBuild(j, program, tableType(keyTypes, fields, set), inputs, shape.nullAware, shape.broadcast,
      s"${shape.name} on ${keys.size} keys, ${used.size} build columns${if (set) " (key set)" else ""}",
      distinctKeysSuffice = isExistence(shape, fields))
  }

  /** A semi, anti or existence join that reads no build column: one build row per key tells all its probe needs. */
  private def isExistence(shape: JoinShape, fields: Seq[ValueField]): Boolean = shape.existence && fields.isEmpty

  /**
   * An existence join without a condition only asks whether a key is present: its table is a set (a dictmerger
   * counting rows per key) rather than groups of placeholder values, which saves the groupmerger's list of merged
   * pairs and the pass that scatters them into groups (TPC-H Q4 builds 1.9M rows per task). With a condition, the
   * probe counts the matches that pass it, so it keeps the groups.
   */
  private def isSet(shape: JoinShape, fields: Seq[ValueField]): Boolean = isExistence(shape, fields) && shape.condition.isEmpty

  private def tableBuilder(keyTypes: Seq[String], fields: Seq[ValueField], set: Boolean): String = {
    val key = keyTypes.mkString("{", ", ", "}")
    if (set) s"dictmerger[$key, i64, +]" else s"groupmerger[$key, ${valueType(fields)}]"
  }

  /** The type of the table `tableBuilder` builds (the probe's parameter). */
  private def tableType(keyTypes: Seq[String], fields: Seq[ValueField], set: Boolean): String = {
    val key = keyTypes.mkString("{", ", ", "}")
    if (set) s"dict[$key, i64]" else s"dict[$key, vec[${valueType(fields)}]]"
  }

  def valueType(fields: Seq[ValueField]): String =
    if (fields.isEmpty) "{bool}"
    else fields.flatMap(f => Seq(f.weldType) ++ f.isNull.map(_ => "bool")).mkString("{", ", ", "}")

  /** The value of a missing match (outer joins): zeros, every null flag set. */
  def zeroValue(fields: Seq[ValueField]): String =
    if (fields.isEmpty) "{false}"
    else fields.flatMap(f => Seq(WeldTypes.zero(f.weldType)) ++ f.isNull.map(_ => "true")).mkString("{", ", ", "}")
}
