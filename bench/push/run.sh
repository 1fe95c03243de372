#!/usr/bin/env bash
# Issue-2 benchmarks: websocket push to 100 clients, and time from `java -jar` to the first snapshot.
# Push has two parts (see PushLatencyBench): frames published straight on vigie.monitor.update, which every client
# must receive (fan-out latency), then section updates through the monitor, which merges a section's updates within
# its push interval: there it counts what a client sees (merged updates, newest state reached, how late).
# Usage: bench/push/run.sh [clients=100] [messages=1000] [perSecond=20] [startupRuns=10]
# Prints the load average before and after (bench/lib/load.sh). Maven runs under flock $BENCH_LOCK (default
# /tmp/vigie-mvn.lock) when flock exists, so that builds of other worktrees on the same machine do not run at once.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
LOCK=()
command -v flock > /dev/null && LOCK=(flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}")
require java
"${LOCK[@]}" ./mvnw -B -q -DskipTests package > /dev/null
"${LOCK[@]}" bash -c "source bench/lib/load.sh && bench_classpath '$PWD/target/bench-classpath.txt'"
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
load_before
echo "== push latency ($(nproc) cores, $(date -u +%FT%TZ))"
java -cp "$cp" dev.vigie.web.bench.PushLatencyBench "${1:-100}" "${2:-1000}" "${3:-20}" 2>/dev/null | { grep -v "^{" || true; }
echo "== startup"
java -cp "$cp" dev.vigie.web.bench.StartupBench target/vigie.jar "${4:-10}"
load_after
