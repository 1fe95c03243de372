#!/usr/bin/env bash
# Websocket fan-out (issue 13.4): N clients of /ws on one `java -jar` Vigie at its production push rate (one update a
# second). Per N: clients connected, updates delivered to every client, delivery delay, the event-loop lag the
# system section reports, Vigie's RSS and its heap after GC. Absolute figures only: no ratio is computed.
# Usage: bench/fanout/run.sh [clients...]   (default 1000 5000 10000)
#   WINDOW=30        seconds measured per N, after every client has its snapshot
#   COMPRESSION=true clients ask for permessage-deflate and Vigie grants it (http.live.compression), to measure its cost
#   VIGIE_OPTS=...   JVM options for Vigie (default: the G1 pause goal bin/vigie launches it with; "" for none)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/bench/lib/load.sh"
require java jcmd
cd "$ROOT"
# Each client is a socket at both ends: Vigie and the client JVM each need one descriptor per client.
ulimit -n "$(ulimit -Hn)"
CP_FILE=$(mktemp /tmp/vigie-fanout-cp.XXXXXX)
trap 'rm -f "$CP_FILE"' EXIT
# Builds share the machine's Maven lock when there is one (several worktrees build on one machine).
locked() { if command -v flock > /dev/null; then flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}" "$@"; else "$@"; fi; }
locked ./mvnw -B -q -DskipTests package > /dev/null
locked bash -c "source bench/lib/load.sh && bench_classpath '$CP_FILE'"
cp="target/test-classes:target/classes:$(cat "$CP_FILE")"
# Vigie as bin/vigie launches it: its collector's pause goal.
VIGIE_OPTS=${VIGIE_OPTS-$(sed -n 's/^gc_goal=//p' bin/vigie)}
CLIENTS=("$@")
[ ${#CLIENTS[@]} -gt 0 ] || CLIENTS=(1000 5000 10000)

echo "== websocket fan-out ($(nproc) cores, $(date -u +%FT%TZ), $(java -version 2>&1 | head -1), open files $(ulimit -n), Vigie's JVM options: ${VIGIE_OPTS:-none})"
load_before
for n in "${CLIENTS[@]}"; do
  java -Xmx2g -Dfanout.vigieOpts="${VIGIE_OPTS:-}" -cp "$cp" dev.vigie.web.bench.FanoutBench target/vigie.jar "$n" \
    "${WINDOW:-30}" "${COMPRESSION:-false}" 2>&1 | { grep -v '^{"timestamp"' || true; }
done
load_after
