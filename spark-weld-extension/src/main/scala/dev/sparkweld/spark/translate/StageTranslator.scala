package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression
import org.apache.spark.sql.execution.{FilterExec, ProjectExec, SparkPlan}
import org.apache.spark.sql.execution.aggregate.HashAggregateExec

/**
 * A chain `[partial HashAggregate] <- (Project | Filter)* <- input` as ONE Weld program: a `for` over the input
 * columns whose body evaluates the filters, then the projections, then merges into the aggregate's accumulators (or
 * appends the projected row). Rows that a filter drops are not evaluated further, as in Spark.
 *
 * {{{
 * |c0: vec[i32], n0: vec[bool], c1: vec[i64]|
 *   let u8empty = result(appender[u8]);
 *   let r = for(zip(c0, n0, c1), <builders>, |b, i, x|
 *     let v0 = x.$0; let z0 = x.$1; let v1 = x.$2; <filter lets>
 *     if(<row passes>, (<projection lets>; <merges>), b));
 *   <results>
 * }}}
 */
object StageTranslator {
  /** The operators of a chain, top first; the input is the child of the last. */
  def translate(top: Option[HashAggregateExec], chain: Seq[SparkPlan], input: SparkPlan, ansi: Boolean): StagePlan = {
    val inputs = input.output.zipWithIndex.map { case (a, i) =>
      StageInput(i, a, WeldTypes.of(a.dataType).fold(r => Fallback(s"input column ${a.name}: $r"), identity),
        a.nullable)
    }
    val bound = inputs.map { in =>
      in.attr.exprId -> WVal(s"v${in.ordinal}", if (in.nullable) s"z${in.ordinal}" else "false", in.weldType)
    }.toMap
    val rowScope = new Scope()
    // Walk the chain bottom-up: filters narrow the rows, projects rebind attributes.
    var env: Map[ExprId, WVal] = bound
    var scope = rowScope
    val guards = Seq.newBuilder[(Scope, String)]
    for (op <- chain.reverse) op match {
      case f: FilterExec =>
        // One guard per conjunct, in the order Spark's generated code evaluates them (see FilterOrder).
        for (conjunct <- FilterOrder.conjuncts(f)) {
          val c = new ExprTranslation(env, ansi)(conjunct, scope)
          val passes = if (c.nullable) s"!${c.isNull} && ${c.value}" else c.value
          guards += ((scope, passes))
          scope = scope.child()
        }
      case p: ProjectExec =>
        val tr = new ExprTranslation(env, ansi)
        env = p.projectList.map(ne => ne.toAttribute.exprId -> tr(ne, scope)).toMap
      case other => Fallback(s"${other.nodeName} inside a stage")
    }
    val tr = new ExprTranslation(env, ansi)
    val (builders, merges, results, output, summary) = top match {
      case Some(agg) => aggregate(agg, tr, scope)
      case None => rows(chain.head.output, tr, scope)
    }
    // Nest the guarded scopes: each filter's scope ends in `if(passes, <rest>, b)`.
    var body = scope.render(merges)
    for ((s, passes) <- guards.result().reverse) {
      body = s.render(s"if($passes, $body, b)")
    }
    val params = inputs.flatMap { in =>
      Seq(s"c${in.ordinal}: vec[${in.weldType}]") ++ (if (in.nullable) Seq(s"n${in.ordinal}: vec[bool]") else Nil)
    }
    val vectors = inputs.flatMap(in => Seq(s"c${in.ordinal}") ++ (if (in.nullable) Seq(s"n${in.ordinal}") else Nil))
    if (vectors.isEmpty) Fallback("a stage without input columns")
    // zip of one vector iterates its elements, not one-field structs.
    def field(k: Int) = if (vectors.size == 1) "x" else s"x.$$$k"
    var k = -1
    val unpack = inputs.flatMap { in =>
      k += 1
      val v = s"let v${in.ordinal} = ${field(k)};"
      if (in.nullable) { k += 1; Seq(v, s"let z${in.ordinal} = ${field(k)};") } else Seq(v)
    }.mkString(" ")
    // Built line by line: the program's own `|...|` would confuse stripMargin.
    val program = Seq(
      s"|${params.mkString(", ")}|",
      "  let u8empty = result(appender[u8]);",
      s"  let r = for(zip(${vectors.mkString(", ")}), $builders, |b, i, x|",
      s"    $unpack",
      s"    $body);",
      s"  $results").mkString("\n")
    StagePlan(program, inputs, output, summary)
  }

  private type Parts = (String, String, String, StageOutput, String)

  private def rows(output: Seq[Attribute], tr: ExprTranslation, scope: Scope): Parts = {
    val values = output.map(a => tr(a, scope))
    val cols = output.zip(values).map { case (a, v) => OutCol(a.dataType, v.weldType) }
    val builders = values.flatMap(v => Seq(s"appender[${v.weldType}]", "appender[bool]")).mkString("{", ", ", "}")
    var k = -1
    val merges = values.flatMap { v =>
      k += 2
      Seq(s"merge(b.$$${k - 1}, ${v.value})", s"merge(b.$$$k, ${v.isNull})")
    }.mkString("{", ", ", "}")
    val results = values.indices.flatMap(i => Seq(s"result(r.$$${2 * i})", s"result(r.$$${2 * i + 1})"))
      .mkString("{", ", ", "}")
    (builders, merges, results, RowOutput(cols), s"${output.size} columns")
  }

  private def aggregate(agg: HashAggregateExec, tr: ExprTranslation, scope: Scope): Parts = {
    val keys = agg.groupingExpressions.map(g => tr(g, scope))
    val keyCols = agg.groupingExpressions.zip(keys).map { case (g, v) => OutCol(g.dataType, v.weldType) }
    val aggs = new AggregateTranslator(tr)
    val buffers = agg.aggregateExpressions.flatMap((a: AggregateExpression) => aggs.translate(a, scope))
    // Always one + accumulator (the row count), so the + dictionary exists and fixes the groups' order.
    val plus = aggs.plusComponents :+ ("i64" -> "1L")
    val groups = Seq("+" -> plus, "min" -> aggs.minComponents, "max" -> aggs.maxComponents).filter(_._2.nonEmpty)
    val check = if (tr.ansi) "@(overflow:check) " else ""
    def struct(xs: Seq[String]) = xs.mkString("{", ", ", "}")
    val output = AggOutput(keyCols, buffers, plus.map(_._1), aggs.minComponents.map(_._1),
      aggs.maxComponents.map(_._1))
    if (keys.isEmpty) {
      // Global aggregate: one merger per accumulator.
      val comps = groups.flatMap { case (op, cs) => cs.map { case (t, code) => (op, t, code) } }
      val builders = struct(comps.map { case (op, t, _) => s"${check}merger[$t, $op]" })
      val merges = struct(comps.zipWithIndex.map { case ((_, _, code), i) => s"merge(b.$$$i, $code)" })
      val results = struct(comps.indices.map(i => s"result(r.$$$i)"))
      (builders, merges, results, output, s"global aggregate, ${buffers.size} buffer values")
    } else {
      val keyType = struct(keys.map(k => s"{bool, ${k.weldType}}"))
      val keyValue = scope.bind(struct(keys.map { k =>
        if (k.nullable) s"{${k.isNull}, if(${k.isNull}, ${WeldTypes.zero(k.weldType)}, ${k.value})}"
        else s"{false, ${k.value}}"
      }))
      val builders = struct(groups.map { case (op, cs) =>
        s"${check}dictmerger[$keyType, ${struct(cs.map(_._1))}, $op]"
      })
      val merges = struct(groups.zipWithIndex.map { case ((_, cs), i) =>
        s"merge(b.$$$i, {$keyValue, ${struct(cs.map(_._2))}})"
      })
      val results = struct(groups.indices.map(i => s"tovec(result(r.$$$i))"))
      (builders, merges, results, output, s"group by ${keys.size} keys, ${buffers.size} buffer values")
    }
  }
}
