#!/bin/sh
# Builds the examples module and its siblings, then runs the kernel benchmark with the JVM flags the tests use.
# Usage: examples/bin/bench.sh [--n 10000000] [--reps 7] [--only sum,q6] [--conf weld.bounds.check=false] ...
#        examples/bin/bench.sh --optimizer [--n 10000000] [--reps 7]   (the Weld optimizer's passes, on and off)
# Environment: MVN (default mvn), MVN_FLAGS (e.g. -o for offline), JAVA (default java), JAVA_OPTS (extra JVM flags).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

# Maven's output is shown only when the build fails, so that the benchmark's output stays a clean table.
if ! build_log=$(${MVN:-mvn} ${MVN_FLAGS:-} -q -B package dependency:build-classpath -DskipTests -pl examples -am \
  -Dmdep.outputFile=target/classpath.txt 2>&1); then
  printf '%s\n' "$build_log" >&2
  exit 1
fi
cp="examples/target/classes:$(cat examples/target/classpath.txt)"

# The native LLVM libraries are unpacked once into this cache (same place as the test runs use).
cachedir="$root/.cache/javacpp"

# The same add-opens Spark's launcher adds on JDK 17+ (root pom, spark.jvm.opens).
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
 --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"

# shellcheck disable=SC2086 # opens and JAVA_OPTS are lists of flags
main=dev.sparkweld.examples.bench.KernelBenchmark
if [ "${1:-}" = "--optimizer" ]; then
  main=dev.sparkweld.examples.bench.OptimizerBenchmark
fi

exec "${JAVA:-java}" -Xmx4g -Xss8m -Dorg.bytedeco.javacpp.cachedir="$cachedir" $opens ${JAVA_OPTS:-} \
  -cp "$cp" "$main" "$@"
