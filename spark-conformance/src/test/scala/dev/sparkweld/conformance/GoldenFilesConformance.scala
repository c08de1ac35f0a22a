package dev.sparkweld.conformance

import java.nio.file.{Files, Path}

import org.scalatest.{BeforeAndAfterAll, Sequential}

/**
 * The conformance run: the selected golden files on vanilla Spark first, then with the extension (whose verdicts
 * are read against vanilla's), then the report (`conformance.report`, by default `target/conformance-report.md`).
 */
class GoldenFilesConformance extends Sequential(new VanillaGoldenFiles, new WeldGoldenFiles)
    with BeforeAndAfterAll {

  override def afterAll(): Unit = {
    val path = Path.of(sys.props.getOrElse("conformance.report", "target/conformance-report.md"))
    Option(path.getParent).foreach(Files.createDirectories(_))
    Files.writeString(path, ConformanceReport.render(GoldenFileSelection.spec,
      ConformanceResults.of(Side.Vanilla), ConformanceResults.of(Side.Weld)))
    println(s"GoldenFilesConformance: report written to ${path.toAbsolutePath}")
  }
}
