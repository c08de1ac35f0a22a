#!/bin/sh
# Runs one example's main class on the examples module's classpath (compiling the reactor up to it first).
# Usage: examples/bin/run.sh dev.sparkweld.examples.dataframe.DataFramePipeline [args...]
set -eu
if [ $# -lt 1 ]; then
  echo "usage: examples/bin/run.sh MAIN_CLASS [args...]" >&2
  exit 64
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
cp_file="$root/examples/target/examples-classpath.txt"
(cd "$root" && mvn -q -B -pl examples -am compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime)
opens=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$root/pom.xml")
main=$1
shift
# shellcheck disable=SC2086  # $opens and $JAVA_OPTS are lists of flags
exec java ${JAVA_OPTS:--Xmx4g} $opens \
  -Dorg.bytedeco.javacpp.cachedir="$root/.cache/javacpp" \
  -Dlog4j2.configurationFile="$root/examples/bin/log4j2-bench.properties" \
  -cp "$root/examples/target/classes:$(cat "$cp_file")" "$main" "$@"
