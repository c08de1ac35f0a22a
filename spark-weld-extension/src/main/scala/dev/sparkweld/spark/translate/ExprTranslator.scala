package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions._

/** Why a plan part stays on Spark: thrown by translators, caught by the rule, recorded on the plan node. */
final class Fallback(val reason: String) extends RuntimeException(reason, null, false, false)

object Fallback {
  def apply(reason: String): Nothing = throw new Fallback(reason)
}

/** Translates one family of Spark expressions (see [[ExprTranslation.registry]]). */
trait ExprTranslator {
  def translate(e: Expression, tr: ExprTranslation, scope: Scope): WVal
}

/**
 * Translation of expressions of one stage: the registry of translators by expression class, the stage's input
 * columns (attributes already bound to Weld names), and the evaluation mode. Translators never read configuration
 * themselves; everything they depend on is here.
 *
 * @param wholePartition the stage hands nothing on before its partition is computed (an aggregate stage), so a
 *                       kernel error still hands the whole partition to Spark's plan: translations exact only for
 *                       some values (upper/lower of ASCII strings) assert those values and leave the rest to Spark
 * @param derived        where the stage can have Spark compute values while gathering its input ([[DerivedInputs]])
 */
final class ExprTranslation(val inputs: Map[ExprId, WVal], val ansi: Boolean, val wholePartition: Boolean = false,
    val derived: Option[DerivedInputs] = None) {
  def apply(e: Expression, scope: Scope): WVal =
    ExprTranslation.registry.get(e.getClass) match {
      case Some(t) => t.translate(e, this, scope)
      case None => derived.flatMap(_.column(e)).getOrElse(
        Fallback(s"expression ${e.prettyName} (${e.getClass.getSimpleName}) is not supported"))
    }

  /** The type of a Spark expression in Weld, or a fallback. */
  def weldType(e: Expression): String = WeldTypes.of(e.dataType).fold(r => Fallback(r), identity)

  /** The null flag of a null-intolerant expression over `args`. */
  def anyNull(scope: Scope, args: WVal*): String = {
    val flags = args.map(_.isNull).filter(_ != "false").distinct
    if (flags.contains("true")) "true"
    else if (flags.isEmpty) "false"
    else scope.bind(flags.mkString(" || "))
  }
}

object ExprTranslation {
  private val families: Seq[(Seq[Class[_]], ExprTranslator)] = Seq(
    LeafTranslator.classes -> LeafTranslator,
    ArithmeticTranslator.classes -> ArithmeticTranslator,
    ComparisonTranslator.classes -> ComparisonTranslator,
    LogicTranslator.classes -> LogicTranslator,
    ConditionalTranslator.classes -> ConditionalTranslator,
    CastTranslator.classes -> CastTranslator,
    StringTranslator.classes -> StringTranslator,
    DateTranslator.classes -> DateTranslator,
    ScalarSubqueries.classes -> ScalarSubqueries)

  val registry: Map[Class[_], ExprTranslator] =
    families.flatMap { case (classes, t) => classes.map(_ -> t) }.toMap
}
