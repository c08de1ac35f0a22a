package dev.sparkweld.spark.translate

import scala.collection.mutable.ArrayBuffer

/**
 * A translated Spark value: Weld expressions (usually let-bound names) for its null flag and its value. `isNull` is
 * the literal `false` for values that are never null, which lets translators skip null logic statically.
 */
final case class WVal(value: String, isNull: String, weldType: String) {
  def nullable: Boolean = isNull != "false"
}

/**
 * Let bindings of one evaluation scope. Translating an expression appends `let tN = ...;` lines and returns names,
 * so shared subexpressions are computed once and the program text stays linear in the plan's size. Code that must
 * not run unconditionally (the right side of AND/OR, CASE branches, the part of a row after its filter: Spark
 * evaluates those lazily, and an ANSI error there must not fire when Spark would not evaluate it) goes into a
 * [[child]] scope, rendered inside the `if` that guards it.
 */
final class Scope(private val names: Names) {
  private val lines = ArrayBuffer[String]()

  def this() = this(new Names)

  def child(): Scope = new Scope(names)

  def bind(code: String): String = {
    if (isAtom(code)) code
    else {
      val n = names.fresh()
      lines += s"let $n = $code;"
      n
    }
  }

  /** The scope's lets followed by `result`, as one parenthesized expression. */
  def render(result: String): String =
    if (lines.isEmpty) result else lines.mkString("(", " ", s" $result)")

  def renderLines: String = lines.mkString("\n  ")

  private def isAtom(code: String): Boolean =
    code.matches("[A-Za-z_][A-Za-z0-9_]*|true|false|-?[0-9][0-9.]*(L|i128|f)?")
}

final class Names {
  private var next = 0
  def fresh(): String = { next += 1; s"t$next" }
}
