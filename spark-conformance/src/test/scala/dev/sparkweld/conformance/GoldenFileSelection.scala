package dev.sparkweld.conformance

/**
 * Which golden files a run covers, from the system property `conformance.files`:
 *  - `ci` (the default): [[GoldenFileSelection.CI]], the files about aggregates, joins, decimals, nulls, strings,
 *    dates, group-by, having, order-by and limit that fit the CI time budget;
 *  - `all`: every input file of the test-jar (about 45 minutes per side on two cores);
 *  - a comma-separated list of input files relative to `sql-tests/inputs` (`group-by.sql,postgreSQL/case.sql`).
 *
 * Spark's analyzer-only twins of each file (`<file>_analyzer_test`) never run: they stop after analysis, where the
 * extension does nothing (it only rewrites physical plans).
 */
object GoldenFileSelection {
  val Property = "conformance.files"

  /**
   * Every file here passes on both sides; Weld stages run in most of them. Measured on two busy cores: about 3-4
   * minutes per side. The slow files about the same subjects stay in the full run only (`postgreSQL/join.sql` 4-6
   * minutes per side, `subquery/in-subquery/in-joins.sql` and `group-by-filter.sql` about 2 each).
   */
  val CI: Seq[String] = Seq(
    // aggregates, group-by, having
    "count.sql",
    "group-by.sql",
    "group-by-ordinal.sql",
    "having.sql",
    "postgreSQL/aggregates_part1.sql",
    "postgreSQL/aggregates_part2.sql",
    "postgreSQL/select_having.sql",
    // joins and subqueries
    "inner-join.sql",
    "outer-join.sql",
    "natural-join.sql",
    "cross-join.sql",
    "join-empty-relation.sql",
    "subquery/in-subquery/not-in-joins.sql",
    "subquery/scalar-subquery/scalar-subquery-predicate.sql",
    // nulls, numbers, decimals
    "null-handling.sql",
    "null-propagation.sql",
    "decimalArithmeticOperations.sql",
    "postgreSQL/int8.sql",
    "postgreSQL/case.sql",
    // strings, dates
    "string-functions.sql",
    "like-all.sql",
    "date.sql",
    // order-by, limit
    "order-by.sql",
    "order-by-nulls-ordering.sql",
    "limit.sql",
    "postgreSQL/limit.sql")

  /** The input file a test of SQLQueryTestSuite runs: its name up to the UDF suffix (`udf/x.sql - Scala UDF`). */
  def fileOf(testName: String): String = testName.split(" - ", 2)(0).trim

  def isAnalyzerTest(testName: String): Boolean = testName.endsWith("_analyzer_test")

  def selected(testName: String): Boolean = !isAnalyzerTest(testName) && (spec match {
    case "all" => true
    case "ci" => CI.contains(fileOf(testName))
    case list => list.split(",").map(_.trim).filter(_.nonEmpty).contains(fileOf(testName))
  })

  def spec: String = sys.props.getOrElse(Property, "ci").trim
}
