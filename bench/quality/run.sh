#!/usr/bin/env bash
# Quality scanner benchmarks: generates the archives (once), then in one run measures scan throughput side by side
# with a JDK ZipInputStream newline count and `unzip -p | wc -l`, and the memory proof under -Xmx64m.
# Usage: bench/quality/run.sh [WORKDIR] (default /tmp/vigie-bench-quality). Never part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
require unzip bc
WORK="${1:-/tmp/vigie-bench-quality}"
ROUNDS="${ROUNDS:-3}"
OUT="target/bench-quality"
mkdir -p "$OUT" "$WORK"

bench_classpath "$PWD/$OUT/cp.txt"
CP="target/classes:$(cat "$OUT/cp.txt")"
javac -d "$OUT/classes" -cp "$CP" bench/quality/src/*.java
RUN_CP="$OUT/classes:$CP"

TRADES="$WORK/BTCUSDT-trades-2025-03.zip"
KLINES="$WORK/BTCUSDT-1s-2025-03.zip"
TRADES_KEY="data/spot/monthly/trades/BTCUSDT/BTCUSDT-trades-2025-03.zip"
KLINES_KEY="data/spot/monthly/klines/BTCUSDT/1s/BTCUSDT-1s-2025-03.zip"
if [[ ! -f "$TRADES" || ! -f "$KLINES" ]]; then
  java -cp "$RUN_CP" GenerateArchives "$WORK" "${TRADES_BYTES:-1100000000}"
fi
ls -l "$TRADES" "$KLINES"
echo "machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1)"
load_before

echo "## JVM side by side (-Xmx64m)"
java -Xmx64m -Dbench.ratioRefused="$(ratio_refusal)" -cp "$RUN_CP" QualityBench "$ROUNDS" "$TRADES" "$TRADES_KEY" "$KLINES" "$KLINES_KEY"

echo "## unzip -p FILE | wc -l (median of $ROUNDS)"
for f in "$TRADES" "$KLINES"; do
  size=$(unzip -Zt "$f" | awk '{print $3}')
  rates=()
  for _ in $(seq "$ROUNDS"); do
    start=$(date +%s.%N)
    lines=$(unzip -p "$f" | wc -l)
    end=$(date +%s.%N)
    rates+=("$(echo "$size / 1000000 / ($end - $start)" | bc -l)")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")
  printf '| %s | unzip -p | wc -l | %.0f | %.0f | %s | %s |\n' "$(basename "$f")" "$(echo "$size/1000000" | bc -l)" \
    "$median" "$(printf '%.0f ' "${rates[@]}")" "$lines"
done

echo "## memory proof: -Xmx64m, heap sampled every 500 ms, peak RSS from /usr/bin/time"
/usr/bin/time -f "peak RSS (time -v): %M KB, elapsed %e s" java -Xmx64m -cp "$RUN_CP" ScanWithHeapSamples "$TRADES" "$TRADES_KEY"
load_after
