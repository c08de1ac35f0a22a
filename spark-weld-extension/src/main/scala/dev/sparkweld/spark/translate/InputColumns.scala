package dev.sparkweld.spark.translate

import org.apache.spark.sql.catalyst.expressions.{Attribute, ExprId}

/**
 * How a program receives its input columns: per column `c<ordinal>: vec[T]` and, if nullable, `n<ordinal>:
 * vec[bool]`; its loop zips them and binds each row's values as `v<ordinal>` / `z<ordinal>`.
 */
object InputColumns {
  /** A child's output as stage inputs, or a fallback naming the column of an unsupported type. */
  def of(output: Seq[Attribute]): Seq[StageInput] = output.zipWithIndex.map { case (a, i) =>
    StageInput(i, a, WeldTypes.of(a.dataType).fold(r => Fallback(s"input column ${a.name}: $r"), identity),
      a.nullable)
  }

  /** The inputs' attributes bound to the loop's per-row names. */
  def bind(inputs: Seq[StageInput]): Map[ExprId, WVal] = inputs.map { in =>
    in.attr.exprId -> WVal(s"v${in.ordinal}", if (in.nullable) s"z${in.ordinal}" else "false", in.weldType)
  }.toMap

  /** The parameter list, the iterated expression and the per-row unpacking lets of a loop over `inputs`. */
  final case class Loop(params: String, iter: String, unpack: String)

  def loop(inputs: Seq[StageInput]): Loop = {
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
    Loop(params.mkString(", "), s"zip(${vectors.mkString(", ")})", unpack)
  }
}
