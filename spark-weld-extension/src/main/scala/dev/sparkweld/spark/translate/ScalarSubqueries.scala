package dev.sparkweld.spark.translate

import scala.util.matching.Regex

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Expression, GetStructField}
import org.apache.spark.sql.execution.{ScalarSubquery => ExecScalarSubquery, SparkPlan}
import org.apache.spark.sql.types.StructType

/**
 * Scalar subqueries as parameters of a stage's program (TPC-H Q11, Q15, Q22). Their value is known only when the
 * query runs (Spark runs the subquery before the stage that reads it), so translation leaves a placeholder for the
 * value and one for its null flag; the stage node carries the subquery expressions, so that Spark prepares and waits
 * for them as it does for its own operators; and [[bind]] writes the values in as constants before the program goes
 * to the executors. The constants then fold like any literal (a null subquery makes its comparisons constant null).
 * The planning-time type check binds zeros ([[withZeros]]).
 */
object ScalarSubqueries extends ExprTranslator {
  // Spark merges the scalar subqueries of a query over the same table into one returning a struct
  // (MergeScalarSubqueries); its readers take a field each.
  val classes: Seq[Class[_]] = Seq(classOf[ExecScalarSubquery], classOf[GetStructField])

  override def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal = e match {
    case s: ExecScalarSubquery => placeholder(s.exprId.id, "", tr.weldType(s))
    case GetStructField(s: ExecScalarSubquery, ordinal, _) => placeholder(s.exprId.id, s".$ordinal", tr.weldType(e))
    case other => Fallback(s"struct field of ${other.children.head.prettyName} (only of a scalar subquery)")
  }

  private def placeholder(id: Long, field: String, t: String): WVal =
    WVal(s"$${subquery#$id$field:value:$t}", s"$${subquery#$id$field:null}", t)

  private val Placeholder: Regex = """\$\{subquery#(\d+)(?:\.(\d+))?:(?:value:([^}]+)|null)\}""".r

  def has(program: String): Boolean = Placeholder.findFirstIn(program).isDefined

  /** The scalar subqueries in the expressions of `operators` (the ones a stage fuses). */
  def in(operators: Seq[SparkPlan]): Seq[ExecScalarSubquery] =
    operators.flatMap(_.expressions.flatMap(_.collect { case s: ExecScalarSubquery => s }))
      .groupBy(_.exprId).values.map(_.head).toSeq.sortBy(_.exprId.id)

  /**
   * `program` with every placeholder replaced by the value of its subquery, which must have run (Spark's
   * `waitForSubqueries` before `doExecute`). A placeholder without its subquery is a bug of ours: it fails here.
   */
  def bind(program: String, subqueries: Seq[Expression]): String = {
    if (!has(program)) return program
    val values = subqueries.collect { case s: ExecScalarSubquery => s.exprId.id -> s }.toMap
    Placeholder.replaceAllIn(program, m => {
      val s = values.getOrElse(m.group(1).toLong,
        throw new IllegalStateException(s"scalar subquery #${m.group(1)} of a Weld stage was not prepared"))
      val (v, dataType) = Option(m.group(2)).map(_.toInt) match {
        case None => (s.eval(null), s.dataType)
        case Some(ordinal) =>
          val fieldType = s.dataType.asInstanceOf[StructType].fields(ordinal).dataType
          val row = s.eval(null).asInstanceOf[InternalRow]
          (if (row == null || row.isNullAt(ordinal)) null else row.get(ordinal, fieldType), fieldType)
      }
      val text =
        if (m.group(3) == null) (v == null).toString
        else if (v == null) WeldTypes.zero(m.group(3))
        else LeafTranslator.constant(v, dataType)
      Regex.quoteReplacement(text)
    })
  }

  /**
   * `plan` (a stage's fallback, Spark's operators) reading the same subquery instances as the stage node, which Spark
   * has already run: adaptive execution may have replaced the node's (reuse) but not those inside the fallback, which
   * would otherwise run each subquery once more when the fallback is prepared.
   */
  def shared(plan: SparkPlan, subqueries: Seq[Expression]): SparkPlan = {
    val byId = subqueries.collect { case s: ExecScalarSubquery => s.exprId -> s }.toMap
    if (byId.isEmpty) plan
    else plan.transformUp { case p =>
      p.transformExpressions { case s: ExecScalarSubquery if byId.contains(s.exprId) => byId(s.exprId) }
    }
  }

  /** `program` with zeros for the values and `false` null flags: what the driver type-checks at planning. */
  def withZeros(program: String): String =
    Placeholder.replaceAllIn(program, m =>
      Regex.quoteReplacement(if (m.group(3) == null) "false" else WeldTypes.zero(m.group(3))))
}
