#!/usr/bin/env bash
# JMH 1.37 benchmark of the quality row parser (ns per row). Not part of ./mvnw verify.
# Usage: bench/quality/jmh.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/load.sh
OUT="target/bench-quality"
mkdir -p "$OUT/jmh"
bench_classpath "$PWD/$OUT/cp.txt"
./mvnw -B -q -f bench/quality/jmh/pom.xml org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$PWD/$OUT/jmh-cp.txt" >/dev/null
CP="target/classes:$(cat "$OUT/cp.txt"):$(cat "$OUT/jmh-cp.txt")"
javac -d "$OUT/jmh" -cp "$CP" -processorpath "$(cat "$OUT/jmh-cp.txt")" \
  $(find bench/quality/jmh/src/main/java -name '*.java')
load_before
java -cp "$OUT/jmh:$CP" org.openjdk.jmh.Main RowParserBench "$@"
load_after
