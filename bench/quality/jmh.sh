#!/usr/bin/env bash
# JMH 1.37 benchmark of the quality row parser (ns per row). Not part of ./mvnw verify.
# Usage: bench/quality/jmh.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="target/bench-quality"
mkdir -p "$OUT/jmh"
./mvnw -B -q compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
./mvnw -B -q -f bench/quality/jmh/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/jmh-cp.txt" >/dev/null
CP="target/classes:$(cat "$OUT/cp.txt"):$(cat "$OUT/jmh-cp.txt")"
javac -d "$OUT/jmh" -cp "$CP" -processorpath "$(cat "$OUT/jmh-cp.txt")" \
  $(find bench/quality/jmh/src/main/java -name '*.java')
java -cp "$OUT/jmh:$CP" org.openjdk.jmh.Main RowParserBench "$@"
