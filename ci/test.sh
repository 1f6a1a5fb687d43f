#!/usr/bin/env bash
# The project's test command (README): builds everything and runs the JUnit suite in one reused JVM fork.
# Java 17 and Maven 3.8 are all it needs; Maven fetches dependencies from Maven Central on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "ci/test.sh: $tool not found (need Java 17 and Maven 3.8+)" >&2; exit 2; }
done
exec mvn -B -ntp test "$@"
