#!/bin/sh
# The demo: TPC-H, vanilla Spark vs Weld, in one local[2] session (dev.sparkweld.examples.tpch.TpchBenchmark),
# printed as a side-by-side table (times, speedup, rows, identical results, Weld stages, fallbacks) and a geomean.
# Usage: examples/bin/tpch.sh [--sf 0.1] [--dir ./data/tpch-sf0.1] [--queries 1,6] [--warmup 1] [--iterations 3]
# Generates the Parquet tables on first use (SF 1: ~1 GB of heap is enough, rows stream to the files), then reuses them.
# JAVA_OPTS adds JVM flags (default heap: -Xmx6g).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cp_file="$root/examples/target/tpch-classpath.txt"

# Compile the reactor up to examples and resolve its runtime classpath (modules resolve to their target/classes).
(cd "$root" && mvn -q -B -pl examples -am compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime)

# The flags Spark's launcher adds on JDK 17+, as in the root pom's spark.jvm.opens (used by surefire's argLine).
opens=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$root/pom.xml")
if [ -z "$opens" ]; then
  echo "tpch.sh: could not read spark.jvm.opens from $root/pom.xml" >&2
  exit 1
fi

# shellcheck disable=SC2086  # $opens and $JAVA_OPTS are lists of flags
exec java ${JAVA_OPTS:--Xmx6g} $opens \
  -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" \
  -Dlog4j2.configurationFile="$root/examples/bin/log4j2-bench.properties" \
  -cp "$root/examples/target/classes:$(cat "$cp_file")" \
  dev.sparkweld.examples.tpch.TpchBenchmark \
  --query-dir "${QUERY_DIR:-$root/spark-weld-extension/src/test/resources/tpch/queries}" "$@"
