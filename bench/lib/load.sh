# Sourced by every bench/*/run.sh (bash), first thing. A ratio measured while other work competes for the CPU says
# more about that work than about Vigie, so the 1-minute load average when the script starts (LOAD_AT_START, read
# when this file is sourced, before any build) decides whether ratios are recorded:
#   load_before        prints the load average;
#   load_after         prints the load average at the end;
#   ratio LABEL VALUE  prints "LABEL: VALUE", or "LABEL: ratio not recorded: load average X > 1.5" when the load
#                      average at the start was above BENCH_MAX_LOAD (default 1.5); the figures themselves are
#                      printed by each script either way;
#   ratio_refusal      the reason as one line, empty when ratios may be recorded (for a Java bench: -Dbench.ratioRefused);
#   bench_classpath F  writes the project's runtime + test classpath to F, resolving what is missing (never -o);
#   require TOOL...    stops with the apt-get line when a tool is missing.
BENCH_MAX_LOAD=${BENCH_MAX_LOAD:-1.5}
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOAD_AT_START=$(cut -d' ' -f1 /proc/loadavg)

load_before() {
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores; at the start of the script: $LOAD_AT_START)"
  local refusal
  refusal=$(ratio_refusal)
  if [ -n "$refusal" ]; then echo "$refusal: figures are printed, ratios are not recorded"; fi
}

load_after() {
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

ratio_refusal() {
  if awk -v l="$LOAD_AT_START" -v m="$BENCH_MAX_LOAD" 'BEGIN { exit !(l > m) }'; then
    echo "load average $LOAD_AT_START > $BENCH_MAX_LOAD"
  fi
}

ratio() {
  local label=$1 value=$2 refusal
  refusal=$(ratio_refusal)
  if [ -n "$refusal" ]; then echo "$label: ratio not recorded: $refusal"; else echo "$label: $value"; fi
}

bench_classpath() {
  (cd "$BENCH_ROOT" && ./mvnw -B -q test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$1" > /dev/null)
}

require() {
  local missing=()
  for tool in "$@"; do command -v "$tool" > /dev/null || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
}
