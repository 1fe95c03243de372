#!/usr/bin/env bash
# Stress benchmark, side by side in one run against nginx on loopback serving a small JSON file:
#   closed model at each of CONNECTIONS (default 16 and 64): Vigie (one run = one event loop) vs wrk -t1 vs hey;
#   closed model on 2 threads (when the machine has 2 cores): Vigie threads:2 vs wrk -t2;
#   open model at each of RATES (default 2,000 and 20,000 req/s): Vigie's corrected and uncorrected percentiles and
#   its generator lag, next to wrk paced to the same rate.
# Also: the closed run driven by SingleLoopBench, Vigie's run verticle alone on a Vert.x with one event loop and no
# metrics, to tell the generator's cost from the application around it. PROFILE=1 records the Vigie JVM with JFR and
# prints its top frames (bench/stress/top-frames.py).
# Usage: bench/stress/run.sh [seconds=10] [rates="2000 20000"] [rounds=2]; CONNECTIONS="16 64" to change the closed
# rounds (CONNECTIONS="" measures the open model alone); NATIVE_TRANSPORT=false runs Vigie (and SingleLoopBench) on
# Netty's NIO transport instead of epoll. Needs: apt-get install -y nginx wrk hey jq curl python3. Results: bench/out/stress/ (raw outputs, summary.md).
# Ratios are recorded only when the load average at the start is at most 1.5 (bench/lib/load.sh).
# SKIP_BUILD=1 uses target/vigie.jar as it is; the build runs under flock $BENCH_LOCK (default /tmp/vigie-mvn.lock).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
source bench/lib/nginx.sh
source bench/lib/vigie.sh
DURATION=${1:-10}
RATES=${2:-2000 20000}
ROUNDS=${3:-2}
CONNECTIONS=${CONNECTIONS-16 64}
OPEN_CONNS=16
OUT=bench/out/stress

require nginx wrk hey jq curl python3
rm -rf "$OUT"
mkdir -p bench/out/data
# Built every time unless SKIP_BUILD=1: a jar left from older code measured the old code (it happened).
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f target/vigie.jar ]; then
  flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}" ./mvnw -B -q package -DskipTests
fi
bench_classpath "$PWD/$OUT/classpath.txt"

cleanup() {
  [ -n "${VIGIE_PID:-}" ] && kill "$VIGIE_PID" 2>/dev/null || true
  [ -f "$OUT/nginx/nginx.pid" ] && kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

load_before | tee "$OUT/load.txt"
# Every server binds a free port: nginx on one bench/lib/nginx.sh gets from the kernel (it refuses port 0), serving
# the ~100-byte JSON file the figures in BENCHMARKS.md were measured with; Vigie on port 0, read back from its log.
start_nginx "$OUT/nginx"
printf '{"symbol":"BTCUSDT","price":"97012.35","volume":"1532.118","openTime":1732320000000,"ok":true}\n' > "$OUT/nginx/html/data.json"
JFR=()
[ "${PROFILE:-0}" = 1 ] && JFR=("-XX:StartFlightRecording=filename=$PWD/$OUT/vigie.jfr,settings=profile")
NATIVE_TRANSPORT=${NATIVE_TRANSPORT:-true}
jq --arg target "127.0.0.1:$NGINX_PORT" ".nativeTransport = $NATIVE_TRANSPORT | .stress.allowedTargets = [\$target]" \
  bench/stress/vigie-bench.json > "$OUT/vigie-bench.json"
java "${JFR[@]}" -jar target/vigie.jar -conf "$OUT/vigie-bench.json" > "$OUT/vigie.log" 2>&1 &
VIGIE_PID=$!
vigie_port "$VIGIE_PID" "$OUT/vigie.log"
API=http://127.0.0.1:$VIGIE_PORT/api/stress
curl -sf -o /dev/null "$TARGET"

# Starts a Vigie run, waits for its end, saves its result as $OUT/$1.json. Nothing is asked while the run measures:
# one poll (curl, tee, jq) costs ~30 ms of CPU, 6 % of a core at two a second, taken from nginx and from Vigie while
# wrk's runs have the machine to themselves.
vigie() {
  local name=$1 body=$2 id state
  id=$(curl -sf -X POST -H 'content-type: application/json' -d "$body" "$API" | jq -r .id)
  sleep "$(jq -r '.durationMs / 1000' <<< "$body")"
  while :; do
    sleep 0.2
    state=$(curl -sf "$API/$id" | tee "$OUT/$name.json" | jq -r .state)
    [ "$state" != running ] && break
  done
  curl -sf "$API/$id/hgrm" > "$OUT/$name.hgrm"
}
closed() { echo "{\"plan\":\"closed\",\"target\":\"$TARGET\",\"connections\":$1,\"durationMs\":$2${3:+,\"threads\":$3}}"; }
open() { echo "{\"plan\":\"open\",\"target\":\"$TARGET\",\"rate\":$1,\"connections\":$OPEN_CONNS,\"durationMs\":$2}"; }

# Warm-up: JIT for Vigie (a shared 2-core machine compiles slowly), page cache and keep-alive for nginx.
vigie warmup "$(closed 16 15000)"
wrk -t1 -c16 -d3s "$TARGET" > /dev/null

# Vigie and wrk take turns going first (odd rounds Vigie, even rounds wrk), so neither always runs right after hey.
for c in $CONNECTIONS; do
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 0 ]; then
      wrk -t1 -c"$c" -d"${DURATION}"s --latency "$TARGET" > "$OUT/wrk-closed-$c-$r.txt"
      vigie closed-$c-$r "$(closed "$c" $((DURATION * 1000)))"
    else
      vigie closed-$c-$r "$(closed "$c" $((DURATION * 1000)))"
      wrk -t1 -c"$c" -d"${DURATION}"s --latency "$TARGET" > "$OUT/wrk-closed-$c-$r.txt"
    fi
    hey -c "$c" -z "${DURATION}"s "$TARGET" > "$OUT/hey-closed-$c-$r.txt"
  done
done
THREADS=$(( $(nproc) >= 2 ? 2 : 0 ))
[ -z "$CONNECTIONS" ] && THREADS=0
if [ "$THREADS" = 2 ]; then
  vigie closed-16-t2 "$(closed 16 $((DURATION * 1000)) 2)"
  wrk -t2 -c16 -d"${DURATION}"s --latency "$TARGET" > "$OUT/wrk-closed-16-t2.txt"
fi
if [ -n "$CONNECTIONS" ]; then
  java -DnativeTransport="$NATIVE_TRANSPORT" -cp "target/classes:target/test-classes:$(cat "$OUT/classpath.txt")" \
    dev.vigie.stress.bench.SingleLoopBench "$TARGET" 16 "$DURATION" 2> /dev/null | grep '^measured ' | cut -d' ' -f2- \
    > "$OUT/harness-closed.json"
fi

for rate in $RATES; do
  # The open model takes other paths (the schedule, connections queued in the pool): warm them as well.
  vigie open-warmup-$rate "$(open "$rate" 5000)"
  vigie open-$rate "$(open "$rate" $((DURATION * 1000)))"
  PAUSE_MS=$((1000 * OPEN_CONNS / rate)) wrk -t1 -c$OPEN_CONNS -d"${DURATION}"s --latency -s bench/stress/pace.lua "$TARGET" \
    > "$OUT/wrk-open-$rate.txt"
done
load_after | tee -a "$OUT/load.txt"

wrk_rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
wrk_pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
hey_rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
v() { jq -r "$2" "$OUT/$1.json"; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

{
  echo "Vigie on $(grep -o '"transport":"[a-z]*"' "$OUT/vigie.log" | head -1)"
  echo
  echo "## closed model, ${DURATION} s, $ROUNDS rounds (Vigie, wrk, hey in turn)"
  echo
  echo "| connections | round | tool | req/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|---|---|"
  for c in $CONNECTIONS; do
    for r in $(seq 1 "$ROUNDS"); do
      n=closed-$c-$r
      VR=$(v $n .throughput.achievedPerSec)
      WR=$(wrk_rps "$OUT/wrk-$n.txt")
      HR=$(hey_rps "$OUT/hey-$n.txt")
      echo "| $c | $r | Vigie jar (run on 1 event loop) | $VR | $(v $n .latencyMs.uncorrected.p50) ms | $(v $n .latencyMs.uncorrected.p99) ms | $(v $n '.errors | tostring') |"
      echo "| $c | $r | wrk -t1 -c$c | $WR | $(wrk_pct "$OUT/wrk-$n.txt" 50%) | $(wrk_pct "$OUT/wrk-$n.txt" 99%) | $(grep -c 'Socket errors' "$OUT/wrk-$n.txt" || true) |"
      echo "| $c | $r | hey -c $c | $HR | $(awk '/ 50% in/ {print $3*1000 " ms"}' "$OUT/hey-$n.txt") | $(awk '/ 99% in/ {print $3*1000 " ms"}' "$OUT/hey-$n.txt") | - |"
      echo "| $c | $r | **$(ratio "Vigie / wrk" "$(div "$VR" "$WR")"), $(ratio "Vigie / hey" "$(div "$VR" "$HR")")** | | | | |"
    done
  done
  if [ "$THREADS" = 2 ]; then
    VR=$(v closed-16-t2 .throughput.achievedPerSec)
    WR=$(wrk_rps "$OUT/wrk-closed-16-t2.txt")
    echo "| 16 | - | Vigie jar, threads: 2 | $VR | $(v closed-16-t2 .latencyMs.uncorrected.p50) ms | $(v closed-16-t2 .latencyMs.uncorrected.p99) ms | $(v closed-16-t2 '.errors | tostring') |"
    echo "| 16 | - | wrk -t2 -c16 | $WR | $(wrk_pct "$OUT/wrk-closed-16-t2.txt" 50%) | $(wrk_pct "$OUT/wrk-closed-16-t2.txt" 99%) | - |"
    echo "| 16 | - | **$(ratio "Vigie / wrk, 2 threads" "$(div "$VR" "$WR")")** | | | | |"
  fi
  HJ="$OUT/harness-closed.json"
  [ -f "$HJ" ] && echo "| 16 | - | SingleLoopBench (run verticle alone, Vert.x with 1 event loop, no metrics) | $(jq -r .throughput.achievedPerSec "$HJ") | $(jq -r .latencyMs.uncorrected.p50 "$HJ") ms | $(jq -r .latencyMs.uncorrected.p99 "$HJ") ms | $(jq -c .errors "$HJ") |"
  for rate in $RATES; do
    n=open-$rate
    echo
    echo "## open model, $rate req/s, $OPEN_CONNS connections, ${DURATION} s"
    echo
    echo "| tool | achieved req/s | p50 | p90 | p99 | p99.9 | max |"
    echo "|---|---|---|---|---|---|---|"
    for k in corrected uncorrected; do
      echo "| Vigie $k | $(v $n .throughput.achievedPerSec) | $(v $n .latencyMs.$k.p50) ms | $(v $n .latencyMs.$k.p90) ms | $(v $n .latencyMs.$k.p99) ms | $(v $n .latencyMs.$k.p999) ms | $(v $n .latencyMs.$k.max) ms |"
    done
    pace="delay $((1000 * OPEN_CONNS / rate)) ms/connection"
    [ $((1000 * OPEN_CONNS / rate)) = 0 ] && pace="wrk cannot pace under 1 ms a connection: unpaced, closed loop"
    echo "| wrk paced ($pace) | $(wrk_rps "$OUT/wrk-$n.txt") | $(wrk_pct "$OUT/wrk-$n.txt" 50%) | $(wrk_pct "$OUT/wrk-$n.txt" 90%) | $(wrk_pct "$OUT/wrk-$n.txt" 99%) | - | $(awk '/^    Latency/ {print $4}' "$OUT/wrk-$n.txt") |"
    echo
    echo "Vigie generator: $(v $n '.generator | {saturated, lagMs, poolWaitMs} | tostring');" \
      "corrected − uncorrected p50: $(v $n '(.latencyMs.corrected.p50 - .latencyMs.uncorrected.p50) * 1000 | round / 1000') ms"
  done
  echo
  cat "$OUT/load.txt"
} | tee "$OUT/summary.md"

if [ "${PROFILE:-0}" = 1 ]; then
  kill "$VIGIE_PID"
  wait "$VIGIE_PID" 2> /dev/null || true
  python3 bench/stress/top-frames.py "$OUT/vigie.jfr" | tee "$OUT/top-frames.txt"
fi
