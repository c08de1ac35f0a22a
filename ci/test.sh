#!/usr/bin/env bash
# The project's test command (README.md, "Run the tests"). Installs what it needs: a JDK 17+ and Maven 3.8+.
set -euo pipefail
cd "$(dirname "$0")/.."

need_install=()
command -v java >/dev/null 2>&1 || need_install+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need_install+=(maven)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "installing: ${need_install[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_install[@]}"
fi

java -version 2>&1 | sed -n 1p  # sed reads everything: head would leave the writer a SIGPIPE (pipefail)
mvn -v 2>&1 | sed -n 1p
exec mvn -B verify "$@"
