#!/usr/bin/env bash
# Vigie's own GET /api/snapshot under load on loopback: 1,000 requests/s with hey (-q is per worker: 10 x 100),
# then wrk closed-loop at full speed for the ceiling. The demo config runs (probes, freshness, sample backend)
# with the rate limiter off (http.rateLimit.requestsPerSecond 0), else one client at 1,000/s would get 429s.
# Run from anywhere; builds target/vigie.jar when it is missing. Needs: apt-get install -y hey wrk
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
require hey wrk curl
[ -f target/vigie.jar ] || ./mvnw -B -q package -DskipTests
PORT=18191
DURATION=${DURATION:-30}
URL="http://127.0.0.1:$PORT/api/snapshot"
java -jar target/vigie.jar -conf bench/probe/vigie-snapshot-bench.json > target/bench-probe-vigie.log 2>&1 &
VIGIE=$!
trap 'kill $VIGIE 2>/dev/null || true' EXIT
for i in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break
  sleep 0.5
done
echo "snapshot bytes: $(curl -s "$URL" | wc -c)"
load_before
echo "== warm-up: wrk 10 s"
wrk -t2 -c10 -d10s "$URL" > /dev/null
echo "== hey: 10 workers x 100 req/s = 1,000 req/s for ${DURATION}s"
hey -z "${DURATION}s" -c 10 -q 100 "$URL" | sed -n '/Summary/,/Status code distribution/p;/Status code distribution/,+3p'
echo "== wrk: closed loop, 2 threads, 10 connections, ${DURATION}s (max throughput, for the ceiling)"
wrk -t2 -c10 -d"${DURATION}s" --latency "$URL"
load_after
