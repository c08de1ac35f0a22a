package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions.{Attribute, Expression}
import org.apache.spark.sql.types.DataType

/**
 * An input column of a stage: the child's output ordinal, and how it is passed (`c<i>` values, `n<i>` nulls); or a
 * column Spark computes from the input columns while gathering (`derived`, over the child's output; ordinals past
 * it, see [[DerivedInputs]]).
 */
final case class StageInput(ordinal: Int, attr: Attribute, weldType: String, nullable: Boolean,
    derived: Option[Expression] = None)

/** An output value of a stage: its Spark type and Weld representation. */
final case class OutCol(dataType: DataType, weldType: String)

/** What the kernel returns and how it becomes rows. */
sealed trait StageOutput

/**
 * Filter/project stages: the kernel returns `{vec[T0], vec[bool], vec[T1], vec[bool], ...}`, a values vector and a
 * null-flag vector per output column, one element per surviving row.
 */
final case class RowOutput(columns: Seq[OutCol]) extends StageOutput

/** One buffer value of a partial aggregate, read from the kernel's accumulators (see [[AggregateTranslator]]). */
sealed trait BufferValue
/**
 * A running sum/count: component `index` of the `+` accumulators; null when the `nonNullCount` component is 0, or
 * when the `nullIfAny` component is not 0 (a merged overflow). A decimal beyond `decimalPrecision` digits is null, or
 * with `failWhenTooWide` (ANSI merges) an error that hands the partition to Spark's plan, as is an overflowed input
 * then: Spark's own merge raises its error. `prefixBounds`: the `+` components summing the positive and the negative
 * addends of a decimal sum. Spark adds in row order and an overflow midway is sticky (null, or an ANSI error) even
 * when the total fits; every running sum lies between the two bounds, so when both fit no prefix overflowed, and
 * otherwise the partition goes to Spark's plan, whose answer then depends on its row order.
 */
final case class SumValue(index: Int, nonNullCount: Option[Int], col: OutCol, decimalPrecision: Option[Int],
    nullIfAny: Option[Int] = None, failWhenTooWide: Boolean = false, prefixBounds: Option[(Int, Int)] = None)
  extends BufferValue
/** `isEmpty` of a decimal sum: true when the count component is 0. */
final case class IsEmptyValue(nonNullCount: Int) extends BufferValue
/**
 * A min/max: component `index` of the accumulators of `op`, null when the count component is 0; a float min is NaN
 * when its `numbers` component (the count of values other than NaN) is 0.
 */
final case class ExtremeValue(op: String, index: Int, nonNullCount: Int, col: OutCol, numbers: Option[Int] = None)
  extends BufferValue

/**
 * Aggregates: group keys (empty for a global aggregate) and, per buffer attribute of Spark's partial
 * aggregate in order, where its value comes from. Accumulators are grouped by operator: `plus`, `min`, `max`.
 */
final case class AggOutput(keys: Seq[OutCol], buffers: Seq[BufferValue], plusTypes: Seq[String],
    minTypes: Seq[String], maxTypes: Seq[String], finalEval: Option[FinalEval] = None, mergeAll: Boolean = false)
  extends StageOutput

/**
 * A final aggregate's last step, done by Spark's own expressions once per group (not per row): the merged buffers
 * (`groupingAttributes ++ bufferAttributes`, the rows the kernel's results become) projected by
 * `resultExpressions` with the aggregate attributes replaced by the functions' `evaluateExpression`s. Exactly Spark's
 * semantics for the decimal division of avg, the overflow checks of sum and the result casts.
 */
final case class FinalEval(input: Seq[Attribute], output: Seq[Expression])

/**
 * A translated stage: the Weld program, its inputs in parameter order, its output, a one-line summary, and the build
 * sides of the joins it probes (their parameters follow the inputs', in join order).
 */
final case class StagePlan(program: String, inputs: Seq[StageInput], output: StageOutput, summary: String,
    joins: Seq[JoinBuild] = Nil) {
  /** This plan with the values of its scalar subqueries written into its programs ([[ScalarSubqueries]]). */
  def bind(subqueries: Seq[Expression]): StagePlan =
    if (subqueries.isEmpty) this
    else copy(program = ScalarSubqueries.bind(program, subqueries),
      joins = joins.map(j => j.copy(program = ScalarSubqueries.bind(j.program, subqueries))))
}
