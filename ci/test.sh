#!/usr/bin/env bash
# The project's test command (README): builds everything and runs the JUnit suite in one reused JVM fork.
# Java 17 and Maven 3.8 are all it needs; Maven fetches dependencies from Maven Central on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "ci/test.sh: $tool not found (need Java 17 and Maven 3.8+)" >&2; exit 2; }
done
# IFEval's language checker agrees exactly with Python langdetect only with that package's own language
# profiles, which Debian ships; Heed reads them where the package installs them.
if [ ! -f /usr/lib/python3/dist-packages/langdetect/profiles/ca ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "ci/test.sh: installing python3-langdetect (language profiles)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-langdetect; } >/dev/null \
    || echo "ci/test.sh: could not install python3-langdetect; exact language-detection tests will skip" >&2
fi
exec mvn -B -ntp test "$@"
