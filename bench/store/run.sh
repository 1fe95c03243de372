#!/usr/bin/env bash
# History store (issue 14): Vigie's store and web areas (started by the launcher, as in the tests), on the embedded H2
# file and on a throwaway PostgreSQL (the test kit's LocalPostgres: the Debian package, run as the postgres user).
# Per store (src/test/java/dev/vigie/store/bench/StoreBench):
#   writes: probe results published on vigie.probe.result as the probe area publishes them, at RATE a second over
#     MONITORS endpoints for SECONDS, after a warm-up: results written a second against those offered, the buffer's
#     highest occupancy and its drops, the time to drain it, the sender's handover time per result (p50/p99/max,
#     HdrHistogram) and the store's size per million results (H2: the file; PostgreSQL: pg_total_relation_size);
#   query: 30 days of history for MONITORS endpoints seeded as rollups and retention leave them, one roll-up by the
#     store, then GET /api/history/uptime (24 h, 7 d, 30 d uptime and percentiles of every monitor) once cold and
#     RUNS times: p50/p99/max.
# Usage: bench/store/run.sh [seconds=60] [rate=10000] [monitors=1000] [runs=20]
#   STORES="h2 postgres" (default both), WARMUP=5 seconds of writes before the measured ones, INTERVAL=30 (seconds
#   between two probes of one monitor in the seeded history), JAVA_OPTS for the bench JVM (default -Xmx1g).
# Needs: a JDK 17, apt-get install -y postgresql (for STORES with postgres). Output: bench/out/store/summary.md.
# Maven runs under flock $BENCH_LOCK (default /tmp/vigie-mvn.lock) when flock exists, so that builds of other
# worktrees on the same machine do not run at the same time.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
SECONDS_RUN=${1:-60}
RATE=${2:-10000}
MONITORS=${3:-1000}
RUNS=${4:-20}
STORES=${STORES:-h2 postgres}
OUT=bench/out/store
LOCK=()
command -v flock > /dev/null && LOCK=(flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}")

require java
rm -rf "$OUT"
mkdir -p "$OUT"
"${LOCK[@]}" bash -c "source bench/lib/load.sh && bench_classpath '$PWD/$OUT/classpath.txt'"

load_before | tee "$OUT/load.txt"
: > "$OUT/bench.txt"
for store in $STORES; do
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:--Xmx1g} -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" \
    dev.vigie.store.bench.StoreBench "$store" "$SECONDS_RUN" "$RATE" "$MONITORS" "$RUNS" "${WARMUP:-5}" "${INTERVAL:-30}" \
    2> "$OUT/bench-$store.err" | { grep -v '^{"timestamp"' || true; } | tee -a "$OUT/bench.txt"
done
load_after | tee -a "$OUT/load.txt"
{
  echo "bench/store/run.sh $SECONDS_RUN $RATE $MONITORS $RUNS (STORES=\"$STORES\"), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo
  cat "$OUT/bench.txt"
  cat "$OUT/load.txt"
} > "$OUT/summary.md"
echo "summary: $OUT/summary.md"
