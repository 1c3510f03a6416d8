#!/usr/bin/env bash
# Runs every benchmark in one invocation and writes benchmarks/results/results.{md,csv}.
#   benchmarks/run.sh                       # A, B, C, D at 64, 512, 4096, 5 rounds + JMH (about 30 minutes)
#   benchmarks/run.sh --rounds=3 --skip-jmh # options: benchmarks/README.md (Options), HarnessOptions
#   benchmarks/run.sh --mode=inflight --inflight=10000 --kitchen-delay-ms=20000 --heap=256m  # memory per request in flight
# Needs PostgreSQL at 127.0.0.1:5432 (database test, user postgres), a JDK 21+ and wrk (installed
# from Debian's packages when missing and run as root).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

find_java() {
  for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] || continue
    major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then echo "$home/bin/java"; return 0; fi
  done
  return 1
}
java_bin=$(find_java) || { echo "benchmarks/run.sh needs a JDK 21 or newer (none found in JAVA_HOME or /usr/lib/jvm)" >&2; exit 1; }

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null
  else
    echo "benchmarks/run.sh needs wrk: apt-get install wrk" >&2; exit 1
  fi
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

mvn -B -q -DskipTests package -pl benchmarks/harness,benchmarks/jmh,benchmarks/webflux-variants,benchmarks/mvc-variant -am
exec "$java_bin" -jar benchmarks/harness/target/harness.jar --java="$java_bin" --root="$root" "$@"
