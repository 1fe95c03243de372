#!/usr/bin/env bash
# Cache existence-check benchmarks: in-process (JMH) and through the event bus (HdrHistogram).
# Usage: bench/cache/run.sh   (from anywhere; results go to bench/out/cache/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out/cache"
source "$root/bench/lib/load.sh"
mkdir -p "$out"
"$root/mvnw" -B -q -f "$here/pom.xml" package -DskipTests
jar="$here/target/cache-bench.jar"
load_before | tee "$out/load.txt"
echo "== in-process: ArchiveIndex.lookup (JMH)"
java -jar "$jar" ArchiveIndexBench -rf json -rff "$out/jmh.json" | tee "$out/jmh.txt"
echo "== through the event bus: CacheBus.LOOKUP request-reply"
java -cp "$jar" dev.vigie.cache.BusLookupBench 10000 200000 50000 | grep -v '^{"timestamp"' | tee "$out/bus.txt"
load_after | tee -a "$out/load.txt"
