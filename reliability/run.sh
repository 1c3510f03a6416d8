#!/usr/bin/env bash
# Reliability suite of the food-delivery sample. See reliability/README.md.
#   reliability/run.sh                 build, then every phase on a fresh PostgreSQL database
#   reliability/run.sh fuzz stall      only these phases
#   reliability/run.sh --url http://127.0.0.1:8080 fuzz   against an already running app
#   reliability/run.sh --help          all options
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

# Many sockets: the burst opens 5000 connections, the stall phase 10,000 (the app inherits this too).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
	echo "[reliability] warning: ulimit -n is $(ulimit -n); the stall and overload phases need ~12000" >&2
fi

build=1
for arg in "$@"; do
	case "$arg" in
		--url|--url=*|--jar|--jar=*|--no-build|-h|--help) build=0 ;;
	esac
done
args=()
for arg in "$@"; do
	[ "$arg" = --no-build ] || args+=("$arg")
done

if [ "$build" = 1 ]; then
	echo "[reliability] building the sample (mvn -pl sample-app -am package -DskipTests)"
	(cd "$root" && mvn -B -ntp -q -pl sample-app -am package -DskipTests)
fi

cd "$here"
exec python3 -u -m rel.main "${args[@]+"${args[@]}"}"
