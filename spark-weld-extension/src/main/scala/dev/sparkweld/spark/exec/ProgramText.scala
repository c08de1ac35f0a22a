package dev.sparkweld.spark.exec

/** The part `EXPLAIN FORMATTED` adds to every Weld node: its Weld program(s) after Spark's own description. */
object ProgramText {
  def apply(base: String, program: String, more: Seq[String] = Nil): String =
    (Seq(base, "Weld program:", program) ++ more).mkString("\n") + "\n"
}
