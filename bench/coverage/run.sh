#!/usr/bin/env bash
# Issue 16 benchmarks. (1) The quality side by side per data type: the scanner with each type's own rules against
# the plain ZipInputStream newline count (the inflate limit), in one JVM under -Xmx64m, plus `unzip -p | wc -l`, on
# archives from the demo's ArchiveGenerator (every type in its documented columns); the small types over many files
# (DAYS daily files, 12 monthly fundingRate, 3 monthly markPriceKlines), as a user holds them. (2) The coverage
# ledger query for 5 years x 200 symbols x 1 type, through the store's bus address on an H2 file (goal: under
# 100 ms), and (3) the heatmap's first paint for it in real Chromium (goal: under 1 s).
# Usage: bench/coverage/run.sh [WORKDIR] (default /tmp/vigie-bench-coverage). ROWS_PER_DAY sizes the big types,
# DAYS the daily groups; SCAN_ONLY=1 runs step 1 alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
require unzip bc
WORK="${1:-/tmp/vigie-bench-coverage}"
ROUNDS="${ROUNDS:-3}"
SYMBOLS="${SYMBOLS:-200}"
YEARS="${YEARS:-5}"
DAYS="${DAYS:-30}"
OUT="target/bench-coverage"
mkdir -p "$OUT" "$WORK"

# Maven without -o (a fresh clone resolves). On a shared machine run the whole script under the build lock:
# flock /tmp/vigie-mvn.lock bench/coverage/run.sh
bench_classpath "$PWD/$OUT/cp.txt"
CP="target/classes:target/test-classes:$(cat "$OUT/cp.txt")"
javac -d "$OUT/classes" -cp "$CP" bench/coverage/src/*.java
RUN_CP="$OUT/classes:$CP"

java -cp "$RUN_CP" GenerateEveryType "$WORK" "${ROWS_PER_DAY:-3000000}" "$DAYS" > "$OUT/archives.txt"
awk '{print $1}' "$OUT/archives.txt" | uniq -c
echo "machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1)"
load_before

echo "## JVM side by side per data type, each group's files together (-Xmx64m)"
java -Xmx64m -Dbench.ratioRefused="$(ratio_refusal)" -cp "$RUN_CP" TypeScanBench "$ROUNDS" "$OUT/archives.txt"

echo "## unzip -p FILE | wc -l over each group's files (median of $ROUNDS)"
for group in $(awk '{print $1}' "$OUT/archives.txt" | uniq); do
  files=$(awk -v g="$group" '$1 == g {print $2}' "$OUT/archives.txt")
  size=0
  for f in $files; do size=$((size + $(unzip -Zt "$f" | awk '{print $3}'))); done
  rates=()
  for _ in $(seq "$ROUNDS"); do
    start=$(date +%s.%N)
    lines=0
    for f in $files; do lines=$((lines + $(unzip -p "$f" | wc -l))); done
    end=$(date +%s.%N)
    rates+=("$(echo "$size / 1000000 / ($end - $start)" | bc -l)")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")
  printf '| %s | unzip -p | wc -l | %.1f | %.0f | %s |\n' "$group" "$(echo "$size/1000000" | bc -l)" "$median" "$lines"
done

if [ -n "${SCAN_ONLY:-}" ]; then
  load_after
  exit 0
fi

echo "## coverage ledger: $YEARS years x $SYMBOLS symbols x 1 type (H2 under $WORK/ledger)"
java -cp "$RUN_CP" LedgerQueryBench "$WORK/ledger" "$SYMBOLS" "$YEARS" 20

echo "## heatmap first paint for that ledger (real Chromium, /usr/bin/chromium)"
if [ -x /usr/bin/chromium ]; then
  java -cp "$RUN_CP" HeatmapPaintBench "$WORK/ledger" "$YEARS" 5
else
  echo "no /usr/bin/chromium (apt-get install -y chromium): heatmap paint not measured"
fi
load_after
