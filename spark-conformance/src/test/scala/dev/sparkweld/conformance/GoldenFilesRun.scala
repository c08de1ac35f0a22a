package dev.sparkweld.conformance

import scala.util.control.NonFatal

import dev.sparkweld.spark.WeldExtensions
import org.scalactic.source.Position
import org.scalatest.{DoNotDiscover, Tag}
import org.scalatest.exceptions.TestCanceledException

import org.apache.spark.SparkConf
import org.apache.spark.sparkweld.ListenerBusAccess
import org.apache.spark.sql.SQLQueryTestSuite

/**
 * Spark's golden-file suite, unchanged, on one side: the files of [[GoldenFileSelection]] run exactly as in Spark's
 * build, and each file's verdict, time and Weld coverage are recorded in [[ConformanceResults]].
 *
 * Only the session differs: the Weld side installs the extension with strict fallback reasons (a node left to Spark
 * without a recorded reason fails its query, so the file fails) and with filter/project-only stages on, so that
 * every operator the extension can take runs on Weld.
 *
 * On the Weld side, a file that vanilla Spark failed with the same message in this run is cancelled, not failed:
 * the difference is the setup's, not Weld's, and the report lists it. So is a file that differs only as
 * [[ExpectedDifferences]] documents.
 */
abstract class GoldenFilesRun(val side: Side) extends SQLQueryTestSuite {
  private lazy val planListener = new WeldPlanListener

  protected override def sparkConf: SparkConf = {
    // Spark's own test runs have the TIME type on (its default there is "is testing"); the golden files expect it.
    val conf = super.sparkConf.set("spark.sql.timeType.enabled", "true")
    side match {
      case Side.Weld => conf
          .set("spark.sql.extensions", classOf[WeldExtensions].getName)
          .set("spark.weld.strict", "true")
          .set("spark.weld.rowStages.enabled", "true")
      case Side.Vanilla => conf
    }
  }

  override def beforeAll(): Unit = {
    super.beforeAll()
    spark.sparkContext.addSparkListener(planListener)
  }

  override protected def createScalaTestCase(testCase: TestCase): Unit =
    if (GoldenFileSelection.selected(testCase.name)) super.createScalaTestCase(testCase)

  // The suite's own unit tests (of its file-splitting helpers) are not golden files and are left out.
  override protected def test(testName: String, testTags: Tag*)(testFun: => Any)(implicit pos: Position): Unit =
    if (testName.contains(".sql")) super.test(testName, testTags: _*)(recorded(testName, testFun))

  private def recorded(testName: String, body: => Any): Unit = {
    planListener.takeCounts()
    val t0 = System.nanoTime()
    val failure = try {
      body
      None
    } catch {
      case e: TestCanceledException => throw e
      case e: AssertionError => Some(e)
      case NonFatal(e) => Some(e)
    }
    val millis = (System.nanoTime() - t0) / 1000000
    ListenerBusAccess.drain(spark.sparkContext)
    val (executions, weld) = planListener.takeCounts()
    val verdict = failure.fold[Verdict](Verdict.Passed) { e =>
      val text = GoldenFilesRun.normalized(e)
      val expected = if (side == Side.Weld) ExpectedDifferences.reason(testName, text) else None
      expected.fold[Verdict](Verdict.Failed(text))(Verdict.Expected(text, _))
    }
    ConformanceResults.record(side, FileOutcome(testName, verdict, millis, executions, weld))
    failure.foreach { e =>
      val vanilla = ConformanceResults.get(Side.Vanilla, testName).map(_.verdict)
      verdict match {
        case Verdict.Expected(_, why) => cancel(s"$testName differs as documented: $why")
        case _ if side == Side.Weld && vanilla.contains(verdict) =>
          cancel(s"$testName fails on vanilla Spark too, with the same message (listed in the report)")
        case _ => throw e
      }
    }
  }
}

object GoldenFilesRun {
  /** A failure's text without what differs between the two sides' sessions (the suite class in warehouse paths). */
  def normalized(e: Throwable): String = {
    val text = s"${e.getClass.getName}: ${e.getMessage}"
    Seq(classOf[VanillaGoldenFiles], classOf[WeldGoldenFiles]).foldLeft(text)((t, c) =>
      t.replace(c.getCanonicalName, "<suite>"))
  }
}

@DoNotDiscover
class VanillaGoldenFiles extends GoldenFilesRun(Side.Vanilla)

@DoNotDiscover
class WeldGoldenFiles extends GoldenFilesRun(Side.Weld)
