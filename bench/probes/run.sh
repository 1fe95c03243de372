#!/usr/bin/env bash
# Probing at scale (issue 15, points 3 and 5), side by side in one run against the same nginx target on loopback:
#   1. saturation: Vigie probing ENDPOINTS endpoints every 50 ms (far more than it can do), its achieved probes per
#      second and the CPU it used (its process's user + system time), then prometheus-blackbox-exporter driven at its
#      saturation by wrk (-c BB_CONNECTIONS, each GET /probe?target=...&module=http_2xx is one probe) and its CPU;
#      probes per second per core of each, and the ratio (the issue's goal: Vigie at least 2x);
#   2. scale: 10,000 endpoints at a 10 s interval (1,000 probes/s) in a Vigie limited to a 512 MB heap, for
#      SCALE_SECONDS: heap used after a full GC (and per endpoint, against a Vigie with none), the lateness of the
#      checks over the last minute (actual start minus schedule: max and p99) and since start, checks skipped;
#   3. the page at that scale: PAINT_ROUNDS (default 5) fresh pages in real Chromium (/usr/bin/chromium) against the
#      10,000-endpoint Vigie, the endpoint list's first paint, then its long tasks while updates stream in
#      (bench/probes/src/EndpointsPaintBench.java; goal: first paint under 1 s).
# Usage: bench/probes/run.sh [seconds=20] [scale-seconds=90]; SKIP_BUILD=1 to use target/vigie.jar as it is;
# ONLY=scale to run part 2 alone; COLD_REFRESH=0 to leave out its Refresh All right after start; SCALE_JAVA_OPTS adds JVM options to the 10,000-endpoint Vigie (a JFR recording:
# SCALE_JAVA_OPTS="-XX:StartFlightRecording=filename=bench/out/probes/scale.jfr,settings=profile").
# Needs: apt-get install -y nginx wrk jq curl prometheus-blackbox-exporter (and a JDK with jcmd).
# Results: bench/out/probes/ (raw outputs, summary.md). Ratios are recorded only when the load average at the start
# is at most 1.5 (bench/lib/load.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
source bench/lib/nginx.sh
source bench/lib/vigie.sh
DURATION=${1:-20}
SCALE_SECONDS=${2:-90}
ENDPOINTS=${ENDPOINTS:-1000}
BB_CONNECTIONS=${BB_CONNECTIONS:-64}
OUT=bench/out/probes

require nginx wrk jq curl jcmd prometheus-blackbox-exporter ss python3
rm -rf "$OUT"
mkdir -p "$OUT/nginx/html" "$OUT/nginx/logs" "$OUT/data"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f target/vigie.jar ]; then
  flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}" ./mvnw -B -q package -DskipTests
fi
PAINT_CP=
if [ -x /usr/bin/chromium ]; then
  bench_classpath "$PWD/$OUT/cp.txt"
  PAINT_CP="$OUT/classes:target/classes:target/test-classes:$(cat "$OUT/cp.txt")"
  javac -d "$OUT/classes" -cp "$PAINT_CP" bench/probes/src/*.java
fi

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  [ -f "$OUT/nginx/nginx.pid" ] && kill "$(cat "$OUT/nginx/nginx.pid")" 2> /dev/null || true
}
trap cleanup EXIT

# Every server binds a free port and the script reads it back: Vigie and blackbox_exporter bind port 0 (Vigie logs
# the port it got, ss tells blackbox_exporter's); nginx gets one from bench/lib/nginx.sh.
listening_port() { ss -ltnpH 2> /dev/null | awk -v pid="pid=$1," 'index($0, pid) { n = split($4, a, ":"); print a[n]; exit }'; }

cat > "$OUT/blackbox.yml" <<EOF
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
EOF

# A Vigie configuration: COUNT endpoints on the nginx target every INTERVAL ms; only what probing needs runs beside
# the probe (no downloads, no demo); the rate limiter is off so the bench's own polling is never refused.
config() {
  local count=$1 interval=$2 file=$3
  jq -n --argjson n "$count" --argjson interval "$interval" --arg target "$TARGET" \
    --arg data "$PWD/$OUT/data" '{
      http: {host: "127.0.0.1", port: 0, rateLimit: {requestsPerSecond: 0}},
      dataDir: $data,
      probe: {maxMonitors: 20000, endpoints: [range(0; $n) | {name: "ep-\(.)", url: "\($target)?e=\(.)", intervalMs: $interval}]}
    }' > "$file"
}

# Starts a Vigie with a configuration file (HTTP on port 0) and extra JVM options; sets VIGIE_PID and VIGIE_PORT,
# the port it logged in "vigie_started".
# Vigie as bin/vigie launches it: its collector's pause goal (as bench/fanout and bench/hostile do).
GC_GOAL=$(sed -n 's/^gc_goal=//p' bin/vigie)
start_vigie() {
  local conf=$1 log=$2
  shift 2
  java $GC_GOAL "$@" -jar target/vigie.jar -conf "$conf" > "$log" 2>&1 &
  VIGIE_PID=$!
  PIDS+=("$VIGIE_PID")
  vigie_port "$VIGIE_PID" "$log"
}

stop_vigie() {
  kill "$VIGIE_PID" 2> /dev/null || true
  wait "$VIGIE_PID" 2> /dev/null || true
}

# user + system CPU seconds of a process so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"; }
endpoints_section() { curl -sf "http://127.0.0.1:$VIGIE_PORT/api/snapshot" | jq '.sections[] | select(.section == "endpoints")'; }
# Heap used after a full GC, in bytes (the JVM's own heap summary after GC.run).
heap_after_gc() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v * 1024; exit } }'
}
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

load_before | tee "$OUT/load.txt"
start_nginx "$OUT/nginx"

if [ "${ONLY:-}" != scale ]; then
# --- 1. saturation: Vigie ---
config "$ENDPOINTS" 50 "$OUT/vigie-saturation.json"
start_vigie "$OUT/vigie-saturation.json" "$OUT/vigie-saturation.log" -Xmx512m
sleep 5 # first checks, JIT warm-up
S0=$(endpoints_section)
C0=$(cpu_seconds "$VIGIE_PID")
sleep "$DURATION"
S1=$(endpoints_section)
C1=$(cpu_seconds "$VIGIE_PID")
echo "$S1" > "$OUT/vigie-saturation-section.json"
stop_vigie
R0=$(jq .details.lateness.resultsSinceStart <<< "$S0")
R1=$(jq .details.lateness.resultsSinceStart <<< "$S1")
SPAN=$(jq -rn --arg a "$(jq -r .updatedAt <<< "$S0")" --arg b "$(jq -r .updatedAt <<< "$S1")" \
  '(($b | sub("\\.[0-9]+Z$"; "Z") | fromdate) - ($a | sub("\\.[0-9]+Z$"; "Z") | fromdate))')
[ "$SPAN" -gt 0 ] || SPAN=$DURATION
VIGIE_RATE=$(div $((R1 - R0)) "$SPAN")
VIGIE_CORES=$(div "$(awk -v a="$C0" -v b="$C1" 'BEGIN { print b - a }')" "$SPAN")

# --- 1. saturation: blackbox_exporter ---
prometheus-blackbox-exporter --config.file="$OUT/blackbox.yml" --web.listen-address=127.0.0.1:0 \
  > "$OUT/blackbox.log" 2>&1 &
BB_PID=$!
PIDS+=("$BB_PID")
BB_PORT=
for _ in $(seq 1 50); do
  BB_PORT=$(listening_port "$BB_PID")
  [ -n "$BB_PORT" ] && curl -sf -o /dev/null "http://127.0.0.1:$BB_PORT/" && break
  sleep 0.2
done
[ -n "$BB_PORT" ] || { echo "blackbox_exporter did not listen: see $OUT/blackbox.log" >&2; exit 1; }
PROBE="http://127.0.0.1:$BB_PORT/probe?target=$TARGET&module=http_2xx"
curl -sf "$PROBE" | grep -q '^probe_success 1' || { echo "blackbox_exporter does not probe the target: see $OUT/blackbox.log" >&2; exit 1; }
wrk -t1 -c"$BB_CONNECTIONS" -d5s "$PROBE" > /dev/null # warm-up
B0=$(cpu_seconds "$BB_PID")
wrk -t1 -c"$BB_CONNECTIONS" -d"${DURATION}"s "$PROBE" > "$OUT/wrk-blackbox.txt"
B1=$(cpu_seconds "$BB_PID")
kill "$BB_PID"
BB_RATE=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-blackbox.txt")
BB_CORES=$(div "$(awk -v a="$B0" -v b="$B1" 'BEGIN { print b - a }')" "$DURATION")
BB_ERRORS=$(awk '/Non-2xx|Socket errors/' "$OUT/wrk-blackbox.txt")
fi

# --- 2. scale: 10,000 endpoints at 10 s within 512 MB ---
config 0 10000 "$OUT/vigie-empty.json"
start_vigie "$OUT/vigie-empty.json" "$OUT/vigie-empty.log" -Xmx512m
sleep 5
HEAP_EMPTY=$(heap_after_gc "$VIGIE_PID")
stop_vigie
config 10000 10000 "$OUT/vigie-scale.json"
# shellcheck disable=SC2086 # options, split on purpose
start_vigie "$OUT/vigie-scale.json" "$OUT/vigie-scale.log" -Xmx512m ${SCALE_JAVA_OPTS:-}
SC0=$(cpu_seconds "$VIGIE_PID")
# Refresh All right after start (the first checks are still being paced in) and once warm: about as fast.
run_all() {
  curl -s -X POST "http://127.0.0.1:$VIGIE_PORT/api/probes/run" \
    | jq -c 'if .results then {wallMs, results: (.results | length), failed: ([.results[] | select(.ok | not)] | length)} else . end' \
    || echo '"no answer"'
}
# COLD_REFRESH=0 leaves it out: are checks late because of the first Refresh All, or because of the start alone?
# The second, at once after the first: is the first one's extra time paid once (the JVM warming up) or each time?
if [ "${COLD_REFRESH:-1}" = 1 ]; then COLD=$(run_all); AGAIN=$(run_all); else COLD='"not run (COLD_REFRESH=0)"'; AGAIN=$COLD; fi
SCALE0=$(endpoints_section)
sleep "$SCALE_SECONDS"
SC1=$(cpu_seconds "$VIGIE_PID")
SCALE=$(endpoints_section)
echo "$SCALE" > "$OUT/vigie-scale-section.json"
WARM=$(run_all)
if [ -n "$PAINT_CP" ]; then
  PAINT=$(java -cp "$PAINT_CP" EndpointsPaintBench "http://127.0.0.1:$VIGIE_PORT" "${PAINT_ROUNDS:-5}" 10)
else
  PAINT="| endpoint list first paint | not measured: no /usr/bin/chromium (apt-get install -y chromium) | |"
fi
HEAP_SCALE=$(heap_after_gc "$VIGIE_PID")
stop_vigie
load_after | tee -a "$OUT/load.txt"

L() { jq -r ".details.lateness.$1 // \"n/a\"" <<< "$SCALE"; }
{
  if [ "${ONLY:-}" != scale ]; then
  echo "## probes per second at saturation, ${DURATION} s each, target nginx (1 worker) on loopback"
  echo
  echo "| prober | probes/s | CPU (cores) | probes/s per core | CPU per 1,000 probes/s |"
  echo "|---|---|---|---|---|"
  echo "| Vigie ($ENDPOINTS endpoints every 50 ms, probe.maxConcurrent 64, keep-alive) | $VIGIE_RATE | $VIGIE_CORES | $(div "$VIGIE_RATE" "$VIGIE_CORES") | $(div "$VIGIE_CORES" "$(div "$VIGIE_RATE" 1000)") cores |"
  echo "| blackbox_exporter $(prometheus-blackbox-exporter --version 2>&1 | head -1 | awk '{print $3}') (wrk -t1 -c$BB_CONNECTIONS on /probe, http_2xx) | $BB_RATE | $BB_CORES | $(div "$BB_RATE" "$BB_CORES") | $(div "$BB_CORES" "$(div "$BB_RATE" 1000)") cores |"
  echo
  echo "**$(ratio "Vigie / blackbox_exporter, probes per second per core" "$(div "$(div "$VIGIE_RATE" "$VIGIE_CORES")" "$(div "$BB_RATE" "$BB_CORES")")")** (goal: at least 2)"
  if [ -n "$BB_ERRORS" ]; then echo; echo "blackbox_exporter: $BB_ERRORS"; fi
  echo
  fi
  echo "## 10,000 endpoints at 10 s (1,000 probes/s), -Xmx512m, ${SCALE_SECONDS} s"
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| probes/s (results between two section updates, after the first Refresh All) | $(div $(( $(L resultsSinceStart) - $(jq .details.lateness.resultsSinceStart <<< "$SCALE0") )) "$(jq -rn --arg a "$(jq -r .updatedAt <<< "$SCALE0")" --arg b "$(jq -r .updatedAt <<< "$SCALE")" '(($b | sub("\\.[0-9]+Z$"; "Z") | fromdate) - ($a | sub("\\.[0-9]+Z$"; "Z") | fromdate))')") |"
  echo "| CPU (cores) | $(div "$(awk -v a="$SC0" -v b="$SC1" 'BEGIN { print b - a }')" "$SCALE_SECONDS") |"
  echo "| heap used after full GC | $((HEAP_SCALE / 1048576)) MB (a Vigie with no endpoint: $((HEAP_EMPTY / 1048576)) MB) |"
  echo "| heap per endpoint | $(( (HEAP_SCALE - HEAP_EMPTY) / 10000 )) bytes |"
  echo "| lateness, last minute: max / p99 / p50 | $(L max) / $(L p99) / $(L p50) ms over $(L checks) checks |"
  echo "| checks later than $(L lateMs) ms: last minute / since start | $(L late) / $(L lateSinceStart) |"
  echo "| lateness max since start (includes start-up) | $(L maxSinceStart) ms |"
  echo "| checks skipped (could not start before their next one) | $(L skipped) |"
  echo "| Refresh All of the 10,000: right after start / again at once / after the run | $COLD / $AGAIN / $WARM |"
  echo "| endpoints by status | $(jq -c .details.counts <<< "$SCALE") |"
  echo "| endpoints section size | $(jq -c . <<< "$SCALE" | wc -c) bytes |"
  echo
  echo "## The page with those 10,000 endpoints"
  echo
  echo "| figure | value | goal |"
  echo "|---|---|---|"
  echo "$PAINT"
  echo
  cat "$OUT/load.txt"
} | tee "$OUT/summary.md"
