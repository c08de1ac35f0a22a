package dev.sparkweld.conformance

/** The Markdown report of a conformance run: counts per side, then every failing file, then every file. */
object ConformanceReport {
  private val MaxMessage = 600

  def render(selection: String, vanilla: Seq[FileOutcome], weld: Seq[FileOutcome]): String = {
    val out = new StringBuilder
    val v = vanilla.map(o => o.file -> o).toMap
    val w = weld.map(o => o.file -> o).toMap
    val files = (vanilla.map(_.file) ++ weld.map(_.file)).distinct.sorted
    out ++= "# Spark golden-file conformance\n\n"
    out ++= s"Spark's `SQLQueryTestSuite` golden files (selection `$selection`), each run on vanilla Spark and with " +
      "`spark.sql.extensions=dev.sparkweld.spark.WeldExtensions` (strict fallback reasons, row stages on).\n\n"
    out ++= "| side | files | pass | fail | expected difference | minutes |\n|---|---|---|---|---|---|\n"
    for ((side, os) <- Seq(Side.Vanilla -> vanilla, Side.Weld -> weld)) {
      val pass = os.count(_.verdict == Verdict.Passed)
      val expected = os.count(_.verdict.isInstanceOf[Verdict.Expected])
      out ++= f"| ${side.name} | ${os.size} | $pass | ${os.size - pass - expected} | $expected | " +
        f"${os.map(_.millis).sum / 60000.0}%.1f |\n"
    }
    val executions = weld.map(_.executions).sum
    val withWeld = weld.map(_.weldExecutions).sum
    out ++= f"\nWith the extension, $withWeld of $executions SQL executions " +
      f"(${if (executions == 0) 0.0 else 100.0 * withWeld / executions}%.0f%%) ran at least one Weld stage; " +
      s"${weld.count(_.weldExecutions > 0)} of ${weld.size} files had at least one.\n"

    val expected = weld.collect { case FileOutcome(f, Verdict.Expected(_, why), _, _, _) => f -> why }
    val weldOnly = files.filter(f => w.get(f).exists(isFailed) && v.get(f).forall(o => !isFailed(o)))
    out ++= s"\n## Weld-caused differences (${weldOnly.size})\n\n"
    out ++= "Files that fail with the extension but pass on vanilla Spark (or did not run there).\n\n"
    if (weldOnly.isEmpty) out ++= "None.\n"
    weldOnly.foreach(f => out ++= s"- `$f`: ${excerpt(w(f))}\n")

    out ++= s"\n## Expected differences (${expected.size})\n\n"
    out ++= "Files that differ with the extension by design (`ExpectedDifferences`).\n\n"
    if (expected.isEmpty) out ++= "None.\n"
    expected.foreach { case (f, why) => out ++= s"- `$f`: $why\n" }

    val vanillaFails = files.filter(f => v.get(f).exists(isFailed))
    out ++= s"\n## Files vanilla Spark fails in this setup (${vanillaFails.size})\n\n"
    if (vanillaFails.isEmpty) out ++= "None.\n"
    vanillaFails.foreach { f =>
      val same = w.get(f).map(o => if (o.verdict == v(f).verdict) "the same way with Weld" else
        s"with Weld: ${o.verdict.label}").getOrElse("not run with Weld")
      out ++= s"- `$f` ($same): ${excerpt(v(f))}\n"
    }

    out ++= "\n## Every file\n\n| file | vanilla | weld | vanilla s | weld s | executions | with Weld stage |\n" +
      "|---|---|---|---|---|---|---|\n"
    for (f <- files) {
      def cell(o: Option[FileOutcome]) = o.map(_.verdict.label).getOrElse("-")
      def secs(o: Option[FileOutcome]) = o.map(x => f"${x.millis / 1000.0}%.1f").getOrElse("-")
      out ++= s"| `$f` | ${cell(v.get(f))} | ${cell(w.get(f))} | ${secs(v.get(f))} | ${secs(w.get(f))} | " +
        s"${w.get(f).map(_.executions).getOrElse("-")} | ${w.get(f).map(_.weldExecutions).getOrElse("-")} |\n"
    }
    out.toString
  }

  private def isFailed(o: FileOutcome): Boolean = o.verdict.isInstanceOf[Verdict.Failed]

  private def excerpt(o: FileOutcome): String = o.verdict match {
    case Verdict.Failed(m) =>
      val flat = m.replaceAll("\\s+", " ").trim
      (if (flat.length > MaxMessage) flat.take(MaxMessage) + " ..." else flat).replace("|", "\\|")
    case _ => ""
  }
}
