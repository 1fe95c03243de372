#!/usr/bin/env bash
# Cluster throughput (issue 17): with 1, 2 and 3 members (`java -jar target/vigie.jar` processes clustered on
# loopback) against one nginx target on loopback:
#   probes: ENDPOINTS endpoints checked every 50 ms (far more than the members can do), shared out among the members;
#     the probes per second the cluster achieved (each member's results over SECONDS, summed) and the CPU it used;
#   stress: a closed run of CONNECTIONS connections for SECONDS with `generators` = the member count (1: a single
#     node), its achieved requests per second from the merged result, against the single node's in the same run.
# This machine's two cores run every member and the target: the total is bounded by them, so more members share the
# same cores rather than add any; the figures say what the sharing costs, not what more machines would add.
# Usage: bench/cluster/run.sh [seconds=20]; ENDPOINTS (1000), CONNECTIONS (16), MEMBERS ("1 2 3"), SKIP_BUILD=1 to use
# target/vigie.jar as it is. Needs: apt-get install -y nginx jq curl python3. Output: bench/out/cluster-throughput/.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
source bench/lib/nginx.sh
require nginx jq curl python3 java
SECONDS_RUN=${1:-20}
ENDPOINTS=${ENDPOINTS:-1000}
CONNECTIONS=${CONNECTIONS:-16}
MEMBERS=${MEMBERS:-1 2 3}
OUT=bench/out/cluster-throughput
rm -rf "$OUT" && mkdir -p "$OUT"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f target/vigie.jar ]; then
  flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}" ./mvnw -B -q package -DskipTests
fi

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  [ -f "$OUT/nginx/nginx.pid" ] && kill "$(cat "$OUT/nginx/nginx.pid")" 2> /dev/null || true
}
trap cleanup EXIT
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

load_before | tee "$OUT/load.txt"
start_nginx "$OUT/nginx"

# Starts N clustered members (HTTP on port 0, Hazelcast on free ports, each listing all) with ENDPOINTS endpoints
# (probes) or none (stress); sets PORTS (their HTTP ports) and MEMBER_PIDS.
start_members() {
  local n=$1 kind=$2 cluster_ports=() members i conf log
  for i in $(seq 1 "$n"); do cluster_ports+=("$(free_port)"); done
  members=$(printf '"127.0.0.1:%s",' "${cluster_ports[@]}"); members="[${members%,}]"
  PORTS=(); MEMBER_PIDS=()
  for i in $(seq 0 $((n - 1))); do
    conf="$OUT/$kind-$n-$i.json"; log="$OUT/$kind-$n-$i.log"
    jq -n --argjson members "$members" --argjson port "${cluster_ports[$i]}" --arg data "$PWD/$OUT/data/$kind-$n-$i" \
      --argjson endpoints "$([ "$kind" = probes ] && echo "$ENDPOINTS" || echo 0)" --arg target "$TARGET" '{
        http: {host: "127.0.0.1", port: 0, rateLimit: {requestsPerSecond: 0}}, dataDir: $data,
        cluster: {enabled: true, host: "127.0.0.1", port: $port, members: $members, joinWaitSeconds: 0},
        stress: {allowedTargets: ["127.0.0.1:*"]},
        probe: {maxMonitors: 20000, endpoints: [range(0; $endpoints) | {name: "ep-\(.)", url: "\($target)?e=\(.)", intervalMs: 50}]}
      }' > "$conf"
    java -Xmx512m -jar target/vigie.jar -conf "$conf" > "$log" 2>&1 &
    MEMBER_PIDS+=("$!"); PIDS+=("$!")
    local port=
    for _ in $(seq 1 300); do
      port=$(sed -n '/"vigie_started"/ { s/.*"port":\([0-9]*\).*/\1/p; q }' "$log")
      [ -n "$port" ] && break
      kill -0 "${MEMBER_PIDS[$i]}" 2> /dev/null || { echo "member $i did not start: see $log" >&2; exit 1; }
      sleep 0.2
    done
    [ -n "$port" ] || { echo "member $i did not start: see $log" >&2; exit 1; }
    PORTS+=("$port")
  done
  for port in "${PORTS[@]}"; do
    for _ in $(seq 1 300); do
      [ "$(curl -sf "http://127.0.0.1:$port/api/snapshot" | jq '[.sections[] | select(.section == "cluster")
        | .details.members[] | select(.areas != null)] | length')" = "$n" ] && break
      sleep 0.2
    done
  done
}

stop_members() {
  for pid in "${MEMBER_PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${MEMBER_PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
}

# Every member's checks since start (its own endpoints section), summed.
results() {
  local total=0 port r
  for port in "${PORTS[@]}"; do
    r=$(curl -sf "http://127.0.0.1:$port/api/snapshot" | jq '. as $s | [$s.sections[]
      | select(.section == "endpoints" and .node == $s.node)][0].details.lateness.resultsSinceStart // 0')
    total=$((total + r))
  done
  echo "$total"
}
cpu_all() { local t=0 pid; for pid in "${MEMBER_PIDS[@]}"; do t=$(awk -v a="$t" -v b="$(cpu_seconds "$pid")" 'BEGIN { print a + b }'); done; echo "$t"; }

{
  echo "| members | probes/s (cluster) | cores used (members) | probes/s per core | stress: achieved req/s (generators = members) | × one node |"
  echo "|---|---|---|---|---|---|"
} > "$OUT/summary.md"
SINGLE=
for n in $MEMBERS; do
  start_members "$n" probes
  sleep 5 # each member's first checks and JIT warm-up; the endpoints are shared out by then
  R0=$(results); C0=$(cpu_all); T0=$(date +%s.%N)
  sleep "$SECONDS_RUN"
  R1=$(results); C1=$(cpu_all); T1=$(date +%s.%N)
  stop_members
  SPAN=$(awk -v a="$T0" -v b="$T1" 'BEGIN { print b - a }')
  RATE=$(div $((R1 - R0)) "$SPAN")
  CORES=$(div "$(awk -v a="$C0" -v b="$C1" 'BEGIN { print b - a }')" "$SPAN")

  start_members "$n" stress
  ID=$(curl -sf -XPOST "http://127.0.0.1:${PORTS[0]}/api/stress" -H 'content-type: application/json' -d "$(jq -n \
    --arg t "$TARGET" --argjson c "$CONNECTIONS" --argjson d $((SECONDS_RUN * 1000)) --argjson g "$n" \
    '{plan: "closed", target: $t, connections: $c, durationMs: $d} + (if $g > 1 then {generators: $g} else {} end)')" | jq -r .id)
  for _ in $(seq 1 $((SECONDS_RUN * 10 + 300))); do
    STATE=$(curl -sf "http://127.0.0.1:${PORTS[0]}/api/stress/$ID" | jq -r .state)
    [ "$STATE" != running ] && break
    sleep 0.2
  done
  curl -sf "http://127.0.0.1:${PORTS[0]}/api/stress/$ID" > "$OUT/stress-$n.json"
  stop_members
  ACHIEVED=$(jq -r '.throughput.achievedPerSec' "$OUT/stress-$n.json")
  [ -z "$SINGLE" ] && SINGLE=$ACHIEVED
  TIMES=$(div "$ACHIEVED" "$SINGLE")
  [ -n "$(ratio_refusal)" ] && TIMES="not recorded: $(ratio_refusal)"
  echo "| $n | $RATE | $CORES | $(div "$RATE" "$CORES") | $ACHIEVED ($(jq -r .state "$OUT/stress-$n.json")) | $TIMES |" \
    >> "$OUT/summary.md"
done
cat "$OUT/summary.md"
load_after | tee -a "$OUT/load.txt"
