package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.catalyst.expressions.aggregate._
import org.apache.spark.sql.execution.{FilterExec, ProjectExec, SparkPlan}
import org.apache.spark.sql.execution.aggregate.HashAggregateExec

/**
 * A chain `[partial HashAggregate] <- (Project | Filter | hash join probe)* <- input` as ONE Weld program: a `for` over the input
 * columns whose body evaluates the filters, then the projections, then merges into the aggregate's accumulators (or
 * appends the projected row). Rows that a filter drops are not evaluated further, as in Spark. A join continues the
 * loop over its streamed side and probes its build side's table (see [[JoinTranslator]]).
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
    val inputs = InputColumns.of(input.output)
    val bound = InputColumns.bind(inputs)
    val derived = Some(new DerivedInputs(inputs))
    val rowScope = new Scope()
    // Walk the chain bottom-up: filters narrow the rows, projects rebind attributes.
    var env: Map[ExprId, WVal] = bound
    var scope = rowScope
    // Each wrapper encloses the rest of the row's code, rendered in its scope (filters: `if(passes, <rest>, b)`).
    val guards = Seq.newBuilder[(Scope, String => String)]
    val joins = Seq.newBuilder[JoinProbe]
    val needed = ((top.toSeq ++ chain).flatMap(_.references) ++ chain.headOption.toSeq.flatMap(_.output))
      .map(_.exprId).toSet
    var joinCount = 0
    for (op <- chain.reverse) op match {
      case f: FilterExec =>
        // One guard per conjunct, in the order Spark's generated code evaluates them (see FilterOrder).
        for (conjunct <- FilterOrder.conjuncts(f)) {
          val c = new ExprTranslation(env, ansi, top.nonEmpty, derived)(conjunct, scope)
          val passes = if (c.nullable) s"!${c.isNull} && ${c.value}" else c.value
          guards += ((scope, rest => s"if($passes, $rest, b)"))
          scope = scope.child()
        }
      case JoinShape(shape) =>
        JoinShape.unsupported(shape).foreach(r => Fallback(r))
        val probe = new JoinTranslator(shape, joinCount, ansi, (s, w) => guards += ((s, w)))
          .probe(env, scope, needed)
        joinCount += 1
        joins += probe
        env = probe.env
        scope = probe.rest
      case p: ProjectExec =>
        val tr = new ExprTranslation(env, ansi, top.nonEmpty, derived)
        env = p.projectList.map(ne => ne.toAttribute.exprId -> tr(ne, scope)).toMap
      case other => Fallback(s"${other.nodeName} inside a stage")
    }
    val tr = new ExprTranslation(env, ansi, top.nonEmpty, derived)
    val (builders, merges, results, output, summary) = top match {
      case Some(agg) => aggregate(agg, tr, scope)
      case None => rows(chain.head.output, tr, scope, inputs.headOption.map(in => s"len(c${in.ordinal})"))
    }
    // Nest the guarded scopes: each filter's scope ends in `if(passes, <rest>, b)`.
    var body = scope.render(merges)
    for ((s, wrap) <- guards.result().reverse) {
      body = s.render(wrap(body))
    }
    val probes = joins.result()
    val allInputs = inputs ++ derived.get.all
    val cols = InputColumns.loop(allInputs)
    val params = (Seq(cols.params) ++ probes.flatMap(_.params)).mkString(", ")
    // Built line by line: the program's own `|...|` would confuse stripMargin.
    val program = (Seq(
      s"|$params|",
      "  let u8empty = result(appender[u8]);") ++ probes.flatMap(_.prelude).map("  " + _) ++ Seq(
      s"  let r = for(${cols.iter}, $builders, |b, i, x|",
      s"    ${cols.unpack}",
      s"    $body);",
      s"  $results")).mkString("\n")
    StagePlan(program, allInputs, output, summary, probes.map(_.build))
  }

  private type Parts = (String, String, String, StageOutput, String)

  /**
   * Output columns as appenders sized for every input row (`rowsHint`): growing from Weld's default capacity of 16,
   * each column was reallocated about 20 times per batch, copied by libc wherever another column's block followed
   * it, and its new pages faulted in (measured: TPC-H Q5's 8-column lineitem projection, 1M rows per kernel call, 41
   * ms unsized, 24 ms sized). Where a filter keeps few rows the hint mostly reserves address space (pages are touched
   * as rows are appended), though it counts against the task's memory like the input columns. Joins that match a
   * row more than once grow past it.
   */
  private def rows(output: Seq[Attribute], tr: ExprTranslation, scope: Scope, rowsHint: Option[String]): Parts = {
    val values = output.map(a => tr(a, scope))
    val cols = output.zip(values).map { case (a, v) => OutCol(a.dataType, v.weldType) }
    val sized = rowsHint.fold("")(h => s"($h)")
    val builders = values.flatMap(v => Seq(s"appender[${v.weldType}]$sized", s"appender[bool]$sized"))
      .mkString("{", ", ", "}")
    var k = -1
    val merges = values.flatMap { v =>
      k += 2
      Seq(s"merge(b.$$${k - 1}, ${v.value})", s"merge(b.$$$k, ${v.isNull})")
    }.mkString("{", ", ", "}")
    val results = values.indices.flatMap(i => Seq(s"result(r.$$${2 * i})", s"result(r.$$${2 * i + 1})"))
      .mkString("{", ", ", "}")
    (builders, merges, results, RowOutput(cols), s"${output.size} columns")
  }

  /**
   * Spark's own evaluation of a final aggregate's merged buffers (see [[FinalEval]]), or of a grouping's result
   * expressions over its keys; none for partial modes and for a grouping that outputs its keys as they are.
   */
  private def finalEval(agg: HashAggregateExec): Option[FinalEval] = {
    val modes = agg.aggregateExpressions.map(_.mode).distinct
    if (modes == Seq(Final)) {
      val functions = agg.aggregateExpressions.map(_.aggregateFunction)
      val evals = functions.map {
        case d: DeclarativeAggregate => d.evaluateExpression
        case other => Fallback(s"aggregate function ${other.prettyName}")
      }
      val byAttribute = agg.aggregateAttributes.map(_.exprId).zip(evals).toMap
      val output = agg.resultExpressions.map(_.transform {
        case a: AttributeReference if byAttribute.contains(a.exprId) => byAttribute(a.exprId)
      })
      // rand() and friends depend on the order groups are produced in, which is not Spark's hash map order.
      if (!output.forall(_.deterministic)) Fallback("nondeterministic expressions over a final aggregate")
      Some(FinalEval(agg.groupingExpressions.map(_.toAttribute) ++ functions.flatMap(_.aggBufferAttributes), output))
    } else if (modes.isEmpty && agg.resultExpressions.map(_.toAttribute) !=
        agg.groupingExpressions.map(_.toAttribute)) {
      // Grouping without aggregate functions (GROUP BY, DISTINCT) whose result computes over the keys.
      if (!agg.resultExpressions.forall(_.deterministic)) Fallback("nondeterministic expressions over a grouping")
      Some(FinalEval(agg.groupingExpressions.map(_.toAttribute), agg.resultExpressions))
    } else if (modes.forall(m => m == Partial || m == PartialMerge)) None
    else Fallback(s"aggregate modes ${modes.mkString(", ")} in one operator")
  }

  private def aggregate(agg: HashAggregateExec, tr: ExprTranslation, scope: Scope): Parts = {
    val keys = agg.groupingExpressions.map(g => tr(g, scope))
    val keyCols = agg.groupingExpressions.zip(keys).map { case (g, v) => OutCol(g.dataType, v.weldType) }
    val aggs = new AggregateTranslator(tr)
    val buffers = agg.aggregateExpressions.flatMap((a: AggregateExpression) => aggs.translate(a, scope))
    // Always one + accumulator (the row count), so the + dictionary exists and fixes the groups' order.
    val plus = aggs.plusComponents :+ ("i64" -> "1L")
    val groups = Seq("+" -> plus, "min" -> aggs.minComponents, "max" -> aggs.maxComponents).filter(_._2.nonEmpty)
    // i128 decimal sums must never wrap (Spark's decimals do not); only non-ANSI long sums must, and the one
    // overflow mode of a builder cannot serve both.
    val wideSums = plus.exists(_._1 == "i128")
    if (wideSums && aggs.needsWrapping) Fallback("a non-ANSI long sum beside a decimal sum")
    val check = if (tr.ansi || wideSums) "@(overflow:check) " else ""
    def struct(xs: Seq[String]) = xs.mkString("{", ", ", "}")
    val output = AggOutput(keyCols, buffers, plus.map(_._1), aggs.minComponents.map(_._1),
      aggs.maxComponents.map(_._1), finalEval(agg),
      // Aggregates after an exchange see all rows of their groups and must merge them in one run.
      mergeAll = agg.requiredChildDistributionExpressions.isDefined)
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
