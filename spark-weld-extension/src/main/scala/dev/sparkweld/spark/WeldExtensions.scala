package dev.sparkweld.spark

import dev.sparkweld.spark.rules.{WeldColumnarRule, WeldQueryStagePrepRule}
import org.apache.spark.sql.SparkSessionExtensions

/**
 * The entry point users name in `spark.sql.extensions=dev.sparkweld.spark.WeldExtensions`.
 *
 * Where each piece runs:
 *  - [[WeldQueryStagePrepRule]]: before AQE creates query stages, the same insertion for chains that read a scan
 *    directly, so that EXPLAIN's initial plan shows their stages;
 *  - [[WeldColumnarRule]] `preColumnarTransitions`: before `CollapseCodegenStages` (and under AQE once per query
 *    stage), it replaces chains of scan -> filter -> project -> partial hash aggregate with one
 *    [[dev.sparkweld.spark.exec.WeldStageExec]] each, and tags every node it leaves to Spark with the reason;
 *  - its `postColumnarTransitions`: removes the columnar-to-row transition Spark put under a Weld stage, which
 *    reads the scan's column batches itself.
 */
class WeldExtensions extends (SparkSessionExtensions => Unit) {
  override def apply(ext: SparkSessionExtensions): Unit = {
    ext.injectQueryStagePrepRule(session => new WeldQueryStagePrepRule(session))
    ext.injectColumnar(session => new WeldColumnarRule(session))
  }
}
