#!/usr/bin/env bash
# Start-up (issue 13.5): time from `java -jar target/vigie.jar` to the first /ws snapshot, over RUNS launches each,
# without and with class-data sharing (the archive bin/vigie uses: recorded by one training launch with
# -XX:ArchiveClassesAtExit, then mapped with -XX:SharedArchiveFile). Absolute figures only: no ratio is computed.
# Usage: bench/startup/run.sh [runs=10]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/bench/lib/load.sh"
require java
cd "$ROOT"
RUNS=${1:-10}
WORK=$(mktemp -d /tmp/vigie-startup-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# Builds share the machine's Maven lock when there is one (several worktrees build on one machine); a caller that
# already holds it for the whole measurement sets BENCH_LOCK to a lock of its own.
locked() { if command -v flock > /dev/null; then flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}" "$@"; else "$@"; fi; }
locked ./mvnw -B -q -DskipTests package > /dev/null
locked bash -c "source bench/lib/load.sh && bench_classpath '$WORK/cp.txt'"
cp="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
bench() { java -cp "$cp" dev.vigie.web.bench.StartupBench target/vigie.jar "$@" 2>&1 | { grep -v '^{"timestamp"' || true; }; }

echo "== start-up ($(nproc) cores, $(date -u +%FT%TZ), $(java -version 2>&1 | head -1))"
load_before
echo "-- java -jar (the JDK's default CDS archive only)"
bench "$RUNS"
echo "-- training launch: -XX:ArchiveClassesAtExit"
bench 1 -XX:ArchiveClassesAtExit="$WORK/vigie.jsa" > /dev/null
ls -l "$WORK/vigie.jsa" | awk '{printf "archive: %.1f MB\n", $5 / 1048576}'
echo "-- java -XX:SharedArchiveFile=vigie.jsa -jar (as bin/vigie starts it)"
bench "$RUNS" -XX:SharedArchiveFile="$WORK/vigie.jsa" -Xshare:auto
load_after
