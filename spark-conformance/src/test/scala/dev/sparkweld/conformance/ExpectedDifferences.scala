package dev.sparkweld.conformance

/**
 * Golden files whose expected output differs with the extension by design, each with why. A failure in one of them
 * counts as expected only when the first mismatching query is of the kind named here; any other mismatch in the
 * same file is still a Weld-caused difference.
 */
object ExpectedDifferences {
  private val PlanText = "the golden output is EXPLAIN's physical plan text; with the extension the plan shows " +
    "WeldStage nodes where Spark's codegen stages were (the rows of the queries are not what these files check)"

  /** file -> (reason, the statement the first mismatching query must start with) */
  val Files: Map[String, (String, String)] = Map(
    "explain.sql" -> (PlanText, "EXPLAIN"),
    "explain-aqe.sql" -> (PlanText, "EXPLAIN"),
    "explain-cbo.sql" -> (PlanText, "EXPLAIN"))

  private val Mismatch = """(?s).*did not match for query #\d+\s*\n\s*(\S+).*""".r

  /** The reason `failure` (a normalized failure text) is expected for `testName`, if it is. */
  def reason(testName: String, failure: String): Option[String] =
    Files.get(GoldenFileSelection.fileOf(testName)).collect {
      case (why, statement) if (failure match {
        case Mismatch(first) => first.equalsIgnoreCase(statement)
        case _ => false
      }) => why
    }
}
