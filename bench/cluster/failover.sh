#!/usr/bin/env bash
# Failover (issue 17): KILLS times, three clustered Vigies, each a `java -jar` process of its own on loopback, share the
# downloads from a demo mirror, the probing of one target, alerts to one webhook and a three-generator stress run;
# one member is killed with SIGKILL in the middle of all of it (src/test/java/dev/vigie/cluster/KilledMemberProcessIT,
# run alone by Maven's failsafe against target/vigie.jar). Per kill: the time from the SIGKILL to every endpoint re-owned and probed again, to every
# orphaned download taken over by a survivor, and to the last of them done and verified; and whether anything was
# lost or duplicated (the test's assertions: each archive held once and verified, each endpoint owned once, the
# alert raised once, the stress run partial with the lost share named). Prints p50 and max of each time.
# Goal: failover under 10 s, no lost or duplicated work in any kill. The machine's two cores run all three members,
# the mirror and the target: the times are an upper bound of what separate machines would see.
# Usage: [QUORUM=2] bench/cluster/failover.sh [kills=10]. QUORUM sets cluster.quorum on the three members (default 0,
# none): with it the survivors wait a lease before taking a dead member's downloads (docs/cluster.md, "A network split").
# Output: bench/out/cluster/ (one Maven log per kill, summary.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
require java
KILLS=${1:-10}
OUT=bench/out/cluster
rm -rf "$OUT" && mkdir -p "$OUT"
locked() { if command -v flock > /dev/null; then flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}" "$@"; else "$@"; fi; }

echo "== failover over $KILLS kills, cluster.quorum ${QUORUM:-0} ($(nproc) cores, $(date -u +%FT%TZ), $(java -version 2>&1 | head -1))"
load_before
locked ./mvnw -B -q -DskipTests package > /dev/null
failed=0
: > "$OUT/times.txt"
for i in $(seq 1 "$KILLS"); do
  if locked ./mvnw -B -q failsafe:integration-test failsafe:verify -Dit.test=KilledMemberProcessIT -Dvigie.it.quorum="${QUORUM:-0}" \
      > "$OUT/kill-$i.log" 2>&1; then
    line=$(grep -h "kill -9 of a member" target/failsafe-reports/dev.vigie.cluster.KilledMemberProcessIT-output.txt)
    echo "$line" | sed -E 's/.*again ([0-9]+) ms.*over ([0-9]+) ms.*done ([0-9]+) ms.*/\1 \2 \3/' >> "$OUT/times.txt"
    echo "kill $i: $line"
  else
    failed=$((failed + 1))
    echo "kill $i: FAILED (lost or duplicated work, or a bound missed): $OUT/kill-$i.log"
  fi
done
stats() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "none"; exit } printf "p50 %d ms, max %d ms", v[int((NR + 1) / 2)], v[NR] }'; }
{
  echo "| measure (over $(wc -l < "$OUT/times.txt") passed kills of $KILLS) | value |"
  echo "|---|---|"
  echo "| endpoints re-owned and probed again | $(cut -d' ' -f1 "$OUT/times.txt" | stats) |"
  echo "| orphaned downloads taken over by a survivor | $(cut -d' ' -f2 "$OUT/times.txt" | stats) |"
  echo "| orphaned downloads done and verified | $(cut -d' ' -f3 "$OUT/times.txt" | stats) |"
  echo "| kills with lost or duplicated work, or a bound missed | $failed |"
} | tee "$OUT/summary.md"
load_after
