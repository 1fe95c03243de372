#!/usr/bin/env bash
# Stress benchmark, side by side in one run against nginx on loopback serving a small JSON file:
#   closed model, 16 connections: Vigie (one run = one event loop) vs wrk -t1 -c16 vs hey -c 16;
#   open model at RATE/s: Vigie's corrected (and uncorrected) percentiles next to wrk's, paced to the same rate.
# Also: the same closed run driven by SingleLoopBench, Vigie's run verticle alone on a Vert.x with one event loop
# and no metrics, to tell the generator's cost from the application around it.
# Usage: bench/stress/run.sh [seconds=10] [rate=2000] [rounds=2]. Needs: apt-get install -y nginx wrk hey jq curl bc.
# Results: bench/out/stress/ (raw outputs, summary.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
RATE=${2:-2000}
ROUNDS=${3:-2}
CONNS=16
OUT=bench/out/stress
API=http://127.0.0.1:18081/api/stress
TARGET=http://127.0.0.1:18080/data.json

rm -rf "$OUT"
mkdir -p "$OUT/nginx/html" "$OUT/nginx/logs" bench/out/data
cp bench/stress/nginx.conf "$OUT/nginx/"
printf '{"symbol":"BTCUSDT","price":"97012.35","volume":"1532.118","openTime":1732320000000,"ok":true}\n' > "$OUT/nginx/html/data.json"
[ -f target/vigie.jar ] || ./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/classpath.txt" > /dev/null

cleanup() {
  [ -n "${VIGIE_PID:-}" ] && kill "$VIGIE_PID" 2>/dev/null || true
  [ -f "$OUT/nginx/nginx.pid" ] && kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

for port in 18080 18081; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already taken: stop what listens there" >&2; exit 1; fi
done
nginx -p "$PWD/$OUT/nginx" -e stderr -c nginx.conf
java -jar target/vigie.jar -conf bench/stress/vigie-bench.json > "$OUT/vigie.log" 2>&1 &
VIGIE_PID=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:18081/health && break; sleep 0.2; done
curl -sf -o /dev/null "$TARGET"

# Starts a Vigie run, waits for its end, saves its result as $OUT/$1.json.
vigie() {
  local name=$1 body=$2 id state
  id=$(curl -sf -X POST -H 'content-type: application/json' -d "$body" "$API" | jq -r .id)
  while :; do
    sleep 0.5
    state=$(curl -sf "$API/$id" | tee "$OUT/$name.json" | jq -r .state)
    [ "$state" != running ] && break
  done
  curl -sf "$API/$id/hgrm" > "$OUT/$name.hgrm"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"
# Warm-up: JIT for Vigie (a shared 2-core machine compiles slowly), page cache and keep-alive for nginx.
vigie warmup "{\"plan\":\"closed\",\"target\":\"$TARGET\",\"connections\":$CONNS,\"durationMs\":15000}"
wrk -t1 -c$CONNS -d3s "$TARGET" > /dev/null

for r in $(seq 1 "$ROUNDS"); do
  vigie closed-$r "{\"plan\":\"closed\",\"target\":\"$TARGET\",\"connections\":$CONNS,\"durationMs\":$((DURATION * 1000))}"
  wrk -t1 -c$CONNS -d${DURATION}s --latency "$TARGET" > "$OUT/wrk-closed-$r.txt"
  hey -c $CONNS -z ${DURATION}s "$TARGET" > "$OUT/hey-closed-$r.txt"
done
java -cp "target/classes:target/test-classes:$(cat "$OUT/classpath.txt")" dev.vigie.stress.bench.SingleLoopBench \
  "$TARGET" $CONNS "$DURATION" 2> /dev/null | grep '^measured ' | cut -d' ' -f2- > "$OUT/harness-closed.json"

# The open model takes other paths (timers, connections queued in the pool): warm them as well.
vigie open-warmup "{\"plan\":\"open\",\"target\":\"$TARGET\",\"rate\":$RATE,\"connections\":$CONNS,\"durationMs\":10000}"
vigie open "{\"plan\":\"open\",\"target\":\"$TARGET\",\"rate\":$RATE,\"connections\":$CONNS,\"durationMs\":$((DURATION * 1000))}"
PAUSE_MS=$((1000 * CONNS / RATE)) wrk -t1 -c$CONNS -d${DURATION}s --latency -s bench/stress/pace.lua "$TARGET" > "$OUT/wrk-open.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"

wrk_rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
wrk_pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
hey_rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
v() { jq -r "$2" "$OUT/$1.json"; }

{
  echo "## closed model, $CONNS connections, ${DURATION} s, $ROUNDS rounds (Vigie, wrk, hey in turn)"
  echo
  echo "| round | tool | req/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|---|"
  for r in $(seq 1 "$ROUNDS"); do
    VR=$(v closed-$r .throughput.achievedPerSec)
    WR=$(wrk_rps "$OUT/wrk-closed-$r.txt")
    HR=$(hey_rps "$OUT/hey-closed-$r.txt")
    echo "| $r | Vigie jar (run on 1 event loop) | $VR | $(v closed-$r .latencyMs.uncorrected.p50) ms | $(v closed-$r .latencyMs.uncorrected.p99) ms | $(v closed-$r '.errors | tostring') |"
    echo "| $r | wrk -t1 -c$CONNS | $WR | $(wrk_pct "$OUT/wrk-closed-$r.txt" 50%) | $(wrk_pct "$OUT/wrk-closed-$r.txt" 99%) | $(grep -c 'Socket errors' "$OUT/wrk-closed-$r.txt" || true) |"
    echo "| $r | hey -c $CONNS | $HR | $(awk '/ 50% in/ {print $3*1000 " ms"}' "$OUT/hey-closed-$r.txt") | $(awk '/ 99% in/ {print $3*1000 " ms"}' "$OUT/hey-closed-$r.txt") | - |"
    echo "| $r | **Vigie / wrk = $(echo "scale=2; $VR / $WR" | bc), Vigie / hey = $(echo "scale=2; $VR / $HR" | bc)** | | | | |"
  done
  HJ="$OUT/harness-closed.json"
  echo "| - | SingleLoopBench (run verticle alone, Vert.x with 1 event loop, no metrics) | $(jq -r .throughput.achievedPerSec "$HJ") | $(jq -r .latencyMs.uncorrected.p50 "$HJ") ms | $(jq -r .latencyMs.uncorrected.p99 "$HJ") ms | $(jq -c .errors "$HJ") |"
  echo
  echo "## open model, $RATE req/s, $CONNS connections, ${DURATION} s"
  echo
  echo "| tool | achieved req/s | p50 | p90 | p99 | p99.9 | max |"
  echo "|---|---|---|---|---|---|---|"
  for k in corrected uncorrected; do
    echo "| Vigie $k | $(v open .throughput.achievedPerSec) | $(v open .latencyMs.$k.p50) ms | $(v open .latencyMs.$k.p90) ms | $(v open .latencyMs.$k.p99) ms | $(v open .latencyMs.$k.p999) ms | $(v open .latencyMs.$k.max) ms |"
  done
  echo "| wrk paced (delay $((1000 * CONNS / RATE)) ms/connection) | $(wrk_rps "$OUT/wrk-open.txt") | $(wrk_pct "$OUT/wrk-open.txt" 50%) | $(wrk_pct "$OUT/wrk-open.txt" 90%) | $(wrk_pct "$OUT/wrk-open.txt" 99%) | - | $(awk '/^    Latency/ {print $4}' "$OUT/wrk-open.txt") |"
  echo
  echo "Vigie generator: $(v open '.generator | {saturated, lagMs, poolWaitMs} | tostring')"
  echo
  cat "$OUT/load.txt"
} | tee "$OUT/summary.md"
