#!/usr/bin/env bash
# Soak: `java -jar target/vigie.jar --demo` for MINUTES (default 30) with 200 websocket clients, the demo's downloads
# flowing, Refresh All every 10 s and a stress run every minute. Every 10 s: heap after a full GC, RSS, open file
# descriptors, threads and Vigie's own event-loop lag, into bench/soak/soak.csv, drawn to bench/soak/soak.png.
# Goal (printed last): heap after GC, descriptors and threads flat (last within 10 % of minute 5), no error line in
# the log, event-loop lag p99 < 20 ms. Exit status 1 when a goal is missed.
# Usage: bench/soak/run.sh [MINUTES] [CLIENTS]   (needs java 17 with jcmd; Linux /proc; fonts for the PNG's text)
set -euo pipefail
MINUTES=${1:-30}
CLIENTS=${2:-200}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/soak"
WORK=$(mktemp -d /tmp/vigie-soak.XXXXXX)
VIGIE_PID=""
cleanup() {
  if [ -n "$VIGIE_PID" ]; then kill "$VIGIE_PID" 2>/dev/null && wait "$VIGIE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${SOAK_BUILD:-1}" = 1 ]; then
  # The lock keeps builds from several worktrees on one machine from running at once.
  (cd "$ROOT" && flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}" ./mvnw -B -q -DskipTests package)
fi
cd "$WORK"
# The GC log is for the sampler (heap after each forced GC); it changes nothing else.
java -Xlog:gc:file="$WORK/gc.log" -jar "$ROOT/target/vigie.jar" --demo --port 0 > "$WORK/vigie.log" 2>&1 &
VIGIE_PID=$!
for _ in $(seq 1 240); do
  grep -q '"vigie_started"' "$WORK/vigie.log" && break
  kill -0 "$VIGIE_PID" || { cat "$WORK/vigie.log" >&2; exit 2; }
  sleep 0.25
done
PORT=$(grep '"vigie_started"' "$WORK/vigie.log" | head -1 | sed 's/.*"port":\([0-9]*\).*/\1/')
echo "== soak: $MINUTES min, $CLIENTS websocket clients, Vigie --demo pid $VIGIE_PID on port $PORT ($(nproc) cores, $(date -u +%FT%TZ), commit $(cd "$ROOT" && git rev-parse --short HEAD))" | tee "$OUT/last-run.txt"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/last-run.txt"
status=0
java -Xmx256m -cp "$ROOT/target/vigie.jar" "$OUT/SoakLoad.java" "$PORT" "$VIGIE_PID" "$MINUTES" "$OUT" "$WORK/vigie.log" "$WORK/gc.log" "$CLIENTS" \
  2> "$WORK/load.err" | tee -a "$OUT/last-run.txt" || status=$?
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine share its cores)" | tee -a "$OUT/last-run.txt"
echo "archives downloaded by the demo: $(grep -c '"download_completed"' "$WORK/vigie.log"), stress runs completed: $(grep -c '"stress_finished"' "$WORK/vigie.log" || true)" | tee -a "$OUT/last-run.txt"
if grep -q '"level":"error"' "$WORK/vigie.log"; then
  echo "first error lines:" | tee -a "$OUT/last-run.txt"
  grep '"level":"error"' "$WORK/vigie.log" | head -5 | cut -c1-400 | tee -a "$OUT/last-run.txt"
fi
echo "csv: $OUT/soak.csv, chart: $OUT/soak.png"
exit "$status"
