#!/usr/bin/env bash
# Issue-2 benchmarks: websocket push to 100 clients, and time from `java -jar` to the first snapshot.
# Push has two parts (see PushLatencyBench): frames published straight on vigie.monitor.update, which every client
# must receive (fan-out latency), then section updates through the monitor, which merges a section's updates within
# its push interval: there it counts what a client sees (merged updates, newest state reached, how late).
# Usage: bench/push/run.sh [clients=100] [messages=1000] [perSecond=20] [startupRuns=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
echo "== push latency ($(nproc) cores, $(date -u +%FT%TZ))"
java -cp "$cp" dev.vigie.web.bench.PushLatencyBench "${1:-100}" "${2:-1000}" "${3:-20}" 2>/dev/null | { grep -v "^{" || true; }
echo "== startup"
java -cp "$cp" dev.vigie.web.bench.StartupBench target/vigie.jar "${4:-10}"
