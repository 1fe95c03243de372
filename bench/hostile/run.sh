#!/usr/bin/env bash
# Hostile clients (issue #11): a well-behaved client's GET /api/snapshot and /ws update latency, and Vigie's heap after
# GC, through a baseline and then an attack by three clients at once: a refresh flood on /ws, sections posted at the
# caps, connections opened on /ws and /eventbus up to the caps and past them. Vigie runs as an operator runs it
# (java -jar target/vigie.jar -conf FILE, every bound at its default, VIGIE_TOKEN set since it listens on "::"), in a
# process of its own, so its heap is measured apart from the clients (src/test/java/dev/vigie/web/bench/HostileBench).
# Usage: bench/hostile/run.sh [baselineSeconds=30] [attackSeconds=60] [warmupSeconds=10] [afterSeconds=15]; SKIP_BUILD=1 uses
# target/vigie.jar as it is
# HOLDERS_READ=true: the connection holder reads what it is sent instead of stalling its sockets.
# ATTACKERS=flood,post,hold (the default): which attackers run, to tell what each one costs.
# ATTACK_SETTLE=N: the attack runs N seconds before its window is measured (default 0: measured from its start).
# VIGIE_JVM_ARGS: flags for the Vigie JVM (default: the G1 pause goal bin/vigie sets; "" for none), e.g. add
# "-XX:StartFlightRecording=filename=/tmp/vigie.jfr".
# Needs a non-loopback IPv4 address on the machine (the well-behaved client's, see HostileBench), jcmd (the JDK).
# Output: bench/out/hostile/summary.md, and Vigie's heap histograms (histogram-PHASE.txt) next to it. Maven runs under flock $BENCH_LOCK (default /tmp/vigie-mvn.lock) when flock
# exists, so that builds of other worktrees on the same machine do not run at the same time.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
BASELINE=${1:-30}
ATTACK=${2:-60}
WARMUP=${3:-10}
AFTER=${4:-15}
OUT=bench/out/hostile
LOCK=()
command -v flock > /dev/null && LOCK=(flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}")

require java jcmd
rm -rf "$OUT"
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f target/vigie.jar ]; then
  "${LOCK[@]}" ./mvnw -B -q package -DskipTests
fi
"${LOCK[@]}" bash -c "source bench/lib/load.sh && bench_classpath '$PWD/$OUT/classpath.txt'"

VIGIE_JVM_ARGS=${VIGIE_JVM_ARGS-$(sed -n 's/^gc_goal=//p' bin/vigie)}
echo "Vigie's JVM flags: ${VIGIE_JVM_ARGS:-none}"
load_before | tee "$OUT/load.txt"
java ${BENCH_JVM_ARGS:-} -Dbench.attackSettleSeconds="${ATTACK_SETTLE:-0}" -Dbench.vigieJvmArgs="${VIGIE_JVM_ARGS:-}" -Dbench.holdersRead="${HOLDERS_READ:-false}" -Dbench.attackers="${ATTACKERS:-flood,post,hold}" -Dbench.out="$OUT" -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" \
  dev.vigie.web.bench.HostileBench \
  target/vigie.jar "$BASELINE" "$ATTACK" "$WARMUP" "$AFTER" 2> "$OUT/bench.err" | tee "$OUT/bench.txt"
load_after | tee -a "$OUT/load.txt"
{
  echo "bench/hostile/run.sh $BASELINE $ATTACK $WARMUP $AFTER, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo
  cat "$OUT/bench.txt"
  echo
  cat "$OUT/load.txt"
} > "$OUT/summary.md"
echo "summary: $OUT/summary.md"
