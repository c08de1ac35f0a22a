package org.apache.spark.sparkweld

import org.apache.spark.SparkContext

/** The listener bus is Spark-private; the conformance run must drain it to attribute plans to the file that ran them. */
object ListenerBusAccess {
  def drain(sc: SparkContext): Unit = sc.listenerBus.waitUntilEmpty()
}
