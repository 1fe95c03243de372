#!/usr/bin/env bash
# The fault matrix of docs/reliability.md, end to end: builds the jar, runs Vigie as `java -jar target/vigie.jar`
# against real servers on loopback (nginx serving real Binance archives, the demo mirror in a Vigie of its own,
# a python3 target that never answers), injects each fault and prints a table: fault, expected, observed, evidence.
# A full run (no --only) writes that table into docs/reliability.md under "## Last run".
#
# Usage: bench/faults/run.sh [--outage SECONDS] [--only a,b,...] [--no-build] [--keep]
#   --outage    how long the source is down in case (i) (default 120)
#   --only      run only these cases (letters a..l)
#   --no-build  use target/vigie.jar as it is
#   --keep      keep the work directory (logs, data directories) for a look afterwards
# Needs: java 17, nginx (Debian: /usr/sbin/nginx), python3, curl, jq, zip. Root for the tmpfs of case (f); without
# it, (f) falls back to a file-size limit (ulimit -f). Prints the table last; exit status 1 when a row failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/faults"
OUTAGE=120
ONLY=""
BUILD=1
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --outage) OUTAGE=$2; shift ;;
    --only) ONLY=$2; shift ;;
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
for tool in java curl jq python3 zip; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 2; }
TESTDATA=${VIGIE_TESTDATA:-}
for candidate in "$TESTDATA" "$ROOT/testdata/binance-real" "$ROOT/../shared/testdata/binance-real" /work/shared/testdata/binance-real; do
  if [ -n "$candidate" ] && [ -f "$candidate/BTCUSDT-1m-2023-04-15.csv" ]; then TESTDATA=$candidate; break; fi
done
[ -f "$TESTDATA/BTCUSDT-1m-2023-04-15.csv" ] || { echo "real Binance files not found: set VIGIE_TESTDATA" >&2; exit 2; }

WORK=$(mktemp -d /tmp/vigie-faults.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody
JAR="$ROOT/target/vigie.jar"
TABLE="$WORK/table.tsv"
: > "$TABLE"
PIDS=()
MOUNTED=""

log() { echo "[$(date -u +%T)] $*" >&2; }
# row LETTER FAULT EXPECTED OBSERVED EVIDENCE PASS|FAIL
row() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" >> "$TABLE"
  log "($1) $6: $4 | $5"
}
wanted() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null && { wait "$pid"; } 2>/dev/null
  done
  if [ -f "$WORK/nginx/nginx.pid" ]; then kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null; fi
  [ -n "$MOUNTED" ] && umount "$MOUNTED" 2>/dev/null
  if [ "$KEEP" = 1 ]; then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------------
# Vigie processes
# ---------------------------------------------------------------------------------------------------------------

# start_vigie NAME CONFIG_JSON [ULIMIT_F_BLOCKS]: starts java -jar in $WORK/NAME, appends to its vigie.log, waits
# for vigie_started; sets VPID, VPORT, VLOG, VDATA.
start_vigie() {
  local name=$1 config=$2 limit=${3:-}
  mkdir -p "$WORK/$name"
  echo "$config" > "$WORK/$name/vigie.json"
  VLOG="$WORK/$name/vigie.log"
  VDATA=$(jq -r .dataDir <<<"$config")
  local before
  before=$(grep -c '"vigie_started"' "$VLOG" 2>/dev/null)
  before=${before:-0}
  (
    cd "$WORK/$name" || exit 1
    if [ -n "$limit" ]; then ulimit -f "$limit"; fi
    exec java -Xmx256m -jar "$JAR" -conf "$WORK/$name/vigie.json"
  ) >> "$VLOG" 2>&1 &
  VPID=$!
  PIDS+=("$VPID")
  local i
  for i in $(seq 1 240); do
    if [ "$(grep -c '"vigie_started"' "$VLOG" 2>/dev/null)" -gt "$before" ]; then
      VPORT=$(grep '"vigie_started"' "$VLOG" | tail -1 | jq -r .context.port)
      return 0
    fi
    kill -0 "$VPID" 2>/dev/null || { log "Vigie $name exited at start: $(tail -3 "$VLOG")"; return 1; }
    sleep 0.25
  done
  log "Vigie $name did not start in 60 s"
  return 1
}

# stop_vigie [TERM|KILL]: signals VPID and waits; sets STOP_MS (time from the signal to the exit).
stop_vigie() {
  local sig=${1:-TERM} t0
  t0=$(date +%s%3N)
  kill -"$sig" "$VPID" 2>/dev/null
  local i
  for i in $(seq 1 600); do
    kill -0 "$VPID" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$VPID" 2>/dev/null; then
    log "Vigie $VPID still running 30 s after SIG$sig: killing it"
    kill -9 "$VPID"
  fi
  { wait "$VPID"; } 2>/dev/null
  STOP_MS=$(( $(date +%s%3N) - t0 ))
}

# vigie_config NAME SOURCE_URL [JQ_ARGS... JQ_FILTER]: the configuration every case starts from, adjusted by the
# filter (given last, after any --arg).
vigie_config() {
  local name=$1 source=$2
  shift 2
  [ $# -gt 0 ] || set -- .
  jq -n --arg data "$WORK/$name/data" --arg source "$source" '{
    http: {host: "127.0.0.1", port: 0, wsMaxStallMs: 5000, rateLimit: {requestsPerSecond: 1000, burst: 2000}},
    dataDir: $data,
    source: {baseUrl: $source},
    monitor: {pushIntervalMs: 200},
    cache: {sweepAtStart: false, indexSaveIntervalMs: 200},
    download: {maxConcurrent: 4, retryBaseMs: 200, retryMaxMs: 2000, breakerMaxFailures: 5, breakerResetMs: 5000,
               idleTimeoutMs: 5000, connectTimeoutMs: 2000}
  }' | jq "$@"
}

api() { curl -s --max-time 20 "http://127.0.0.1:$VPORT$1"; }
post() { curl -s --max-time 20 -X POST -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:$VPORT$1"; }
request_key() { post /api/downloads "$(python3 "$HERE/helpers.py" body "$1")" >/dev/null; }

# job KEY: the newest job for KEY (the list runs newest first), else null.
job() {
  api "/api/downloads?limit=1000" | jq -c --arg k "$1" '.items | map(select(.key == $k)) | first'
}
# wait_final KEY SECONDS: prints the job once done or failed (or the last one seen).
wait_final() {
  local key=$1 end=$(( $(date +%s) + $2 )) j=null
  while [ "$(date +%s)" -lt "$end" ]; do
    j=$(job "$key")
    case "$(jq -r '.state // empty' <<<"$j" 2>/dev/null)" in done|failed) break ;; esac
    sleep 0.5
  done
  echo "$j"
}
# wait_idle SECONDS: until nothing is queued or active.
wait_idle() {
  local end=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    [ "$(api /api/downloads | jq '.activeCount + .queueLength' 2>/dev/null)" = 0 ] && return 0
    sleep 0.5
  done
  return 1
}
# wait_for SECONDS COMMAND...: polls until COMMAND succeeds.
wait_for() {
  local end=$(( $(date +%s) + $1 )); shift
  while [ "$(date +%s)" -lt "$end" ]; do
    "$@" && return 0
    sleep 0.25
  done
  return 1
}
sha_of() { sha256sum "$1" 2>/dev/null | cut -c1-64; }
json_ok() { [ ! -e "$1" ] || jq empty "$1" 2>/dev/null; }
errors_in() { grep -c '"level":"error"' "$1" 2>/dev/null; }
part_size() { stat -c %s "$1" 2>/dev/null || echo 0; }
part_name() { echo "${1#data/}" | tr / _ | sed 's/$/.part/'; }

# ---------------------------------------------------------------------------------------------------------------
# Servers: the demo mirror (in a Vigie of its own, so it outlives the Vigie under test), nginx, a hanging target
# ---------------------------------------------------------------------------------------------------------------

if [ "$BUILD" = 1 ]; then
  log "building target/vigie.jar"
  # The lock keeps builds from several worktrees on one machine from running at once.
  (cd "$ROOT" && flock "${BENCH_LOCK:-/tmp/vigie-mvn.lock}" ./mvnw -B -q -DskipTests package) || { echo "build failed" >&2; exit 2; }
fi
[ -f "$JAR" ] || { echo "$JAR is missing (run without --no-build)" >&2; exit 2; }

MPORT=$(python3 "$HERE/helpers.py" freeport)
MURL="http://127.0.0.1:$MPORT"
start_vigie mirrorhost "$(jq -n --arg dir "$WORK/mirror" --arg data "$WORK/mirrorhost/data" --argjson port "$MPORT" '{
  http: {host: "127.0.0.1", port: 0}, dataDir: $data, source: {baseUrl: "{demo.mirror}"},
  cache: {sweepAtStart: false},
  demo: {enabled: true, mirror: {enabled: true, port: $port, dir: $dir, tradesPerDay: 200000}}}')" \
  || { echo "the mirror host did not start" >&2; exit 2; }
MIRROR_PID=$VPID
log "demo mirror on $MURL (in Vigie pid $MIRROR_PID)"
mirror_fault() { curl -s -X POST -H 'Content-Type: application/json' -d "$1" "$MURL/_faults"; }
mirror_sha() { curl -s --max-time 60 "$MURL/$1.CHECKSUM" | cut -c1-64; }
mirror_size() { curl -sI --max-time 60 "$MURL/$1" | tr -d '\r' | awk 'tolower($1) == "content-length:" {print $2}'; }

# The nginx tree: real Binance files zipped as Binance does (one CSV per ZIP, .CHECKSUM "<sha>  <name>" without a
# newline), bad ZIPs with checksums that match them, and larger archives copied from the mirror.
WWW="$WORK/www"
publish() {  # publish KEY FILE [CHECKSUM_SHA]
  local key=$1 file=$2 sha=${3:-}
  mkdir -p "$WWW/$(dirname "$key")"
  cp "$file" "$WWW/$key"
  [ -n "$sha" ] || sha=$(sha_of "$WWW/$key")
  printf '%s  %s' "$sha" "$(basename "$key")" > "$WWW/$key.CHECKSUM"
}
STAGE="$WORK/stage"
mkdir -p "$STAGE"
(cd "$STAGE" && cp "$TESTDATA/BTCUSDT-1m-2023-04-15.csv" "$TESTDATA/ADABTC-1m-2021-11-27.csv" . \
  && zip -q -X BTCUSDT-1m-2023-04-15.zip BTCUSDT-1m-2023-04-15.csv && zip -q -X ADABTC-1m-2021-11-27.zip ADABTC-1m-2021-11-27.csv)
REAL_KEY=data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2023-04-15.zip
WRONG_KEY=data/spot/daily/klines/ADABTC/1m/ADABTC-1m-2021-11-27.zip
publish "$REAL_KEY" "$STAGE/BTCUSDT-1m-2023-04-15.zip"
# (c): the real archive, and a .CHECKSUM that does not match it (the SHA-256 of the CSV inside instead).
publish "$WRONG_KEY" "$STAGE/ADABTC-1m-2021-11-27.zip" "$(sha_of "$STAGE/ADABTC-1m-2021-11-27.csv")"
# (g): a truncated ZIP, a file that is not a ZIP, and a bomb; each with the checksum that matches it.
TRUNC_KEY=data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2023-04-16.zip
NOTZIP_KEY=data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2023-04-17.zip
BOMB_KEY=data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2023-04-18.zip
head -c $(( $(stat -c %s "$STAGE/BTCUSDT-1m-2023-04-15.zip") / 2 )) "$STAGE/BTCUSDT-1m-2023-04-15.zip" > "$STAGE/trunc.zip"
publish "$TRUNC_KEY" "$STAGE/trunc.zip"
publish "$NOTZIP_KEY" "$STAGE/BTCUSDT-1m-2023-04-15.csv"
python3 "$HERE/helpers.py" bomb "$(sed -n 2p "$TESTDATA/BTCUSDT-1m-2023-04-15.csv")" 200 "$STAGE/bomb.zip" BTCUSDT-1m-2023-04-18.csv
publish "$BOMB_KEY" "$STAGE/bomb.zip"
# (d), (i): larger archives (about 5 MB of trades each), generated by the mirror, served by nginx at 300 KB/s.
SLOW_KEYS=()
for day in 01 02 03 04; do
  key=data/spot/daily/trades/BTCUSDT/BTCUSDT-trades-2024-01-$day.zip
  curl -s --max-time 120 -o "$STAGE/slow.zip" "$MURL/$key"
  publish "$key" "$STAGE/slow.zip" "$(mirror_sha "$key")"
  SLOW_KEYS+=("$key")
done
echo '{"status":"ok"}' > "$WWW/ok.json"

NPORT=$(python3 "$HERE/helpers.py" freeport)
NURL="http://127.0.0.1:$NPORT"
mkdir -p "$WORK/nginx/logs"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 256; }
http {
  log_format faults '\$msec \$status \$request_method \$uri range="\$http_range" sent=\$body_bytes_sent';
  access_log $WORK/nginx/logs/access.log faults;
  sendfile on;
  default_type application/octet-stream;
  client_body_temp_path $WORK/nginx/logs;
  proxy_temp_path $WORK/nginx/logs;
  fastcgi_temp_path $WORK/nginx/logs;
  uwsgi_temp_path $WORK/nginx/logs;
  scgi_temp_path $WORK/nginx/logs;
  server {
    listen 127.0.0.1:$NPORT;
    root $WWW;
    location /data/spot/daily/trades/ { limit_rate 300k; }
  }
}
CONF
nginx_start() {
  "$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>>"$WORK/nginx/logs/error.log"
  wait_for 10 curl -sf -o /dev/null "$NURL/ok.json"
}
nginx_stop() {
  "$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -s stop 2>>"$WORK/nginx/logs/error.log"
  wait_for 10 bash -c "! curl -s -o /dev/null --max-time 1 $NURL/ok.json"
}
nginx_start || { echo "nginx did not start" >&2; exit 2; }
log "nginx $("$NGINX" -v 2>&1 | cut -d/ -f2) on $NURL serving $WWW"

# ---------------------------------------------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------------------------------------------

case_a() {
  local key=data/spot/daily/trades/ETHUSDT/ETHUSDT-trades-2024-02-01.zip size sha j
  size=$(mirror_size "$key"); sha=$(mirror_sha "$key")
  mirror_fault "{\"key\":\"$key\",\"dropAfterBytes\":$(( size / 3 )),\"times\":2}" >/dev/null
  start_vigie a "$(vigie_config a "$MURL")" || { row a "connection dropped mid-file" "" "Vigie did not start" "" FAIL; return; }
  request_key "$key"
  j=$(wait_final "$key" 120)
  local got ranges
  got=$(sha_of "$VDATA/archives/$key")
  ranges=$(curl -s "$MURL/_seen" | jq -r --arg p "/$key" '[.[] | select(.path == $p) | (.range // "none")] | join(", ")')
  row a "connection dropped mid-file (mirror cuts after $(( size / 3 )) of $size bytes, twice)" \
    "resumed with Range, SHA-256 equal" \
    "$(jq -r '"state=\(.state) resumed=\(.resumed) attempts=\(.attempts)"' <<<"$j"), sha256 $( [ "$got" = "$sha" ] && echo equal || echo "DIFFERS ($got)")" \
    "the mirror's requests for the archive, Range header (the first is this script's HEAD): $ranges" \
    "$( [ "$(jq -r .state <<<"$j")" = done ] && [ "$got" = "$sha" ] && [ "$(jq -r .resumed <<<"$j")" = true ] && echo PASS || echo FAIL)"
  stop_vigie TERM
}

case_b() {
  local k429=data/spot/daily/klines/ETHUSDT/1m/ETHUSDT-1m-2024-02-02.zip k503=data/spot/daily/klines/ETHUSDT/1m/ETHUSDT-1m-2024-02-03.zip
  mirror_fault "{\"key\":\"$k429\",\"status\":429,\"retryAfterSeconds\":3,\"times\":1}" >/dev/null
  mirror_fault "{\"key\":\"$k503\",\"status\":503,\"retryAfterSeconds\":4,\"times\":1}" >/dev/null
  start_vigie b "$(vigie_config b "$MURL")" || { row b "429 / 503 with Retry-After" "" "Vigie did not start" "" FAIL; return; }
  request_key "$k429"; request_key "$k503"
  local j1 j2 gap1 gap2
  j1=$(wait_final "$k429" 60); j2=$(wait_final "$k503" 60)
  # The gap between the refused request and the next one for the same archive, as the mirror saw them.
  gap() { curl -s "$MURL/_seen" | jq --arg k "/$1" '[.[] | select(.path | startswith($k)) | .atMs] | sort | .[1] - .[0]'; }
  gap1=$(gap "$k429"); gap2=$(gap "$k503")
  row b "429 (Retry-After: 3) and 503 (Retry-After: 4) on the first request" "honoured: next request after >= 3 s / 4 s, then done" \
    "429: $(jq -r .state <<<"$j1") after $(jq -r .attempts <<<"$j1") attempts, next request after ${gap1} ms; 503: $(jq -r .state <<<"$j2"), next request after ${gap2} ms" \
    "mirror's request log (GET /_seen)" \
    "$( [ "$(jq -r .state <<<"$j1")" = done ] && [ "$(jq -r .state <<<"$j2")" = done ] && [ "${gap1:-0}" -ge 3000 ] && [ "${gap2:-0}" -ge 4000 ] && echo PASS || echo FAIL)"
  stop_vigie TERM
}

case_c() {
  start_vigie c "$(vigie_config c "$NURL")" || { row c "wrong checksum" "" "Vigie did not start" "" FAIL; return; }
  request_key "$WRONG_KEY"
  local j cached parts gets
  j=$(wait_final "$WRONG_KEY" 60)
  cached=$(api "/api/cache" | jq .archive.entries)
  parts=$(find "$VDATA/tmp" -name '*.part' 2>/dev/null | wc -l)
  gets=$(grep -c "GET /$WRONG_KEY " "$WORK/nginx/logs/access.log")
  row c "wrong checksum (nginx: real ADABTC archive, .CHECKSUM of something else)" "never cached" \
    "$(jq -r '"state=\(.state) error=\(.error) corrupted=\(.corrupted)"' <<<"$j"); cache entries=$cached; file in archives/: $( [ -e "$VDATA/archives/$WRONG_KEY" ] && echo YES || echo no); .part left: $parts" \
    "nginx access log: $gets GETs of the archive (downloaded, re-checked once)" \
    "$( [ "$(jq -r .error <<<"$j")" = CHECKSUM_MISMATCH ] && [ ! -e "$VDATA/archives/$WRONG_KEY" ] && [ "$cached" = 0 ] && echo PASS || echo FAIL)"
  stop_vigie TERM
}

case_d() {
  local key=${SLOW_KEYS[0]} sha part
  sha=$(cut -c1-64 "$WWW/$key.CHECKSUM")
  start_vigie d "$(vigie_config d "$NURL")" || { row d "kill -9 mid-download" "" "Vigie did not start" "" FAIL; return; }
  request_key "$key"
  part="$VDATA/tmp/$(part_name "$key")"
  wait_for 60 bash -c "[ \$(stat -c %s '$part' 2>/dev/null || echo 0) -gt 1100000 ]"
  stop_vigie KILL
  local at_kill journal
  at_kill=$(part_size "$part")
  journal=$(jq -c '[.[].key]' "$VDATA/tmp/pending.json" 2>/dev/null)
  start_vigie d "$(vigie_config d "$NURL")" || { row d "kill -9 mid-download" "" "Vigie did not restart" "" FAIL; return; }
  local j got range index
  j=$(wait_final "$key" 120)
  got=$(sha_of "$VDATA/archives/$key")
  stop_vigie TERM
  range=$(grep "/$key " "$WORK/nginx/logs/access.log" | grep -o 'range="bytes=[0-9]*-"' | tail -1)
  index=$(python3 "$HERE/helpers.py" indexcheck "$VDATA")
  row d "kill -9 mid-download (nginx, 300 KB/s; killed with a ${at_kill}-byte .part)" "resumed after restart, SHA-256 equal, index consistent" \
    "$(jq -r '"state=\(.state) resumed=\(.resumed)"' <<<"$j"), sha256 $( [ "$got" = "$sha" ] && echo equal || echo DIFFERS); $index" \
    "journal at kill: $journal; nginx access log after restart: $range" \
    "$( [ "$got" = "$sha" ] && [ "$(jq -r .resumed <<<"$j")" = true ] && [[ "$index" == *"problems=0"* ]] && [ -n "$range" ] && echo PASS || echo FAIL)"
}

case_e() {
  local from=2024-03-01 to=2024-04-29 kills=0 torn=0 delays=(0.4 0.9 1.5 2.2 0.6) evidence=""
  local body="{\"market\":\"spot\",\"period\":\"daily\",\"dataType\":\"klines\",\"symbol\":\"BNBUSDT\",\"interval\":\"1m\",\"from\":\"$from\",\"to\":\"$to\"}"
  local config
  config=$(vigie_config e "$MURL" '.cache.indexSaveIntervalMs = 50')
  start_vigie e "$config" || { row e "kill -9 during index/journal writes" "" "Vigie did not start" "" FAIL; return; }
  local queued
  queued=$(post /api/downloads "$body" | jq '.queued | length')
  local d
  for d in "${delays[@]}"; do
    sleep "$d"
    stop_vigie KILL
    kills=$((kills + 1))
    for f in "$VDATA/tmp/pending.json" "$VDATA/archive-index.json"; do
      json_ok "$f" || { torn=$((torn + 1)); evidence="$evidence torn:$(basename "$f")@kill$kills"; }
    done
    evidence="$evidence kill$kills:pending=$(jq length "$VDATA/tmp/pending.json" 2>/dev/null),indexed=$(jq '.entries | length' "$VDATA/archive-index.json" 2>/dev/null)"
    start_vigie e "$config" || { row e "kill -9 during index/journal writes" "" "Vigie did not restart after kill $kills" "" FAIL; return; }
  done
  wait_idle 180
  local missing=0 wrong=0 key day
  for day in $(seq 0 59); do
    key=data/spot/daily/klines/BNBUSDT/1m/BNBUSDT-1m-$(date -u -d "$from + $day day" +%F).zip
    if [ ! -f "$VDATA/archives/$key" ]; then missing=$((missing + 1))
    elif [ "$(sha_of "$VDATA/archives/$key")" != "$(mirror_sha "$key")" ]; then wrong=$((wrong + 1)); fi
  done
  stop_vigie TERM
  local index
  index=$(python3 "$HERE/helpers.py" indexcheck "$VDATA")
  row e "kill -9 while the index and journal are written ($queued archives asked, killed $kills times 0.4-2.2 s apart)" \
    "nothing lost, nothing half-written" \
    "torn files: $torn; after the last restart: $((queued - missing)) of $queued cached, $wrong with a wrong SHA-256; $index; pending.json: $(jq -c . "$VDATA/tmp/pending.json")" \
    "after each kill (pending entries, index entries):$evidence" \
    "$( [ "$torn" = 0 ] && [ "$missing" = 0 ] && [ "$wrong" = 0 ] && [[ "$index" == *"problems=0"* ]] && echo PASS || echo FAIL)"
}

case_f() {
  local key=data/spot/daily/trades/SOLUSDT/SOLUSDT-trades-2024-02-05.zip how data="$WORK/f/data" limit=""
  local size
  size=$(mirror_size "$key")
  mkdir -p "$data"
  if mount -t tmpfs -o size=2m vigie-faults "$data" 2>/dev/null; then
    MOUNTED=$data; how="a 2 MB tmpfs as the data directory"
  else
    limit=2048; how="ulimit -f 2048 (2 MB files; no tmpfs allowed here)"
  fi
  start_vigie f "$(vigie_config f "$MURL")" "$limit" || { row f "disk full" "" "Vigie did not start" "" FAIL; return; }
  request_key "$key"
  local j storage partials
  j=$(wait_final "$key" 60)
  storage_metric() {
    api /api/snapshot | jq -c '.sections[] | select(.section == "downloads") | .metrics[] | select(.label == "Storage") | {value, status, hint}'
  }
  # The section is republished every download.sectionIntervalMs.
  storage_critical() { [[ "$(storage_metric)" == *critical* ]]; }
  wait_for 10 storage_critical
  storage=$(storage_metric)
  partials=$(find "$data/archives" -type f 2>/dev/null | wc -l)
  local parts alive
  parts=$(find "$data/tmp" -name '*.part' 2>/dev/null | wc -l)
  alive=$(api /health | jq -r .outcome)
  stop_vigie TERM
  [ -n "$MOUNTED" ] && umount "$MOUNTED" && MOUNTED=""
  row f "disk full mid-download ($how; archive of $size bytes)" "clear status, nothing partial in archives/" \
    "$(jq -r '"state=\(.state) error=\(.error)"' <<<"$j"); Storage metric $storage; files in archives/: $partials; .part left in tmp/: $parts; /health $alive" \
    "message: $(jq -r .message <<<"$j" | cut -c1-120)" \
    "$( [ "$(jq -r .error <<<"$j")" = IO_ERROR ] && [ "$partials" = 0 ] && [[ "$storage" == *critical* ]] && echo PASS || echo FAIL)"
}

case_g() {
  start_vigie g "$(vigie_config g "$NURL")" || { row g "bad ZIPs" "" "Vigie did not start" "" FAIL; return; }
  local key observed="" ok=1 j report code
  for key in "$TRUNC_KEY" "$NOTZIP_KEY" "$BOMB_KEY"; do
    request_key "$key"
  done
  for key in "$TRUNC_KEY" "$NOTZIP_KEY" "$BOMB_KEY"; do
    j=$(wait_final "$key" 60)
    report=null
    wait_for 30 bash -c "curl -s http://127.0.0.1:$VPORT/api/quality/$key | jq -e '.state == \"failed\" or .state == \"completed\"' >/dev/null" \
      && report=$(api "/api/quality/$key")
    code=$(jq -r '.failure.code // "none"' <<<"$report")
    observed="$observed $(basename "$key" .zip): download $(jq -r .state <<<"$j"), scan $(jq -r .state <<<"$report") $code;"
    [ "$code" = none ] && ok=0
  done
  local alive
  alive=$(api /health | jq -r .outcome)
  stop_vigie TERM
  row g "truncated ZIP (half the real file), not a ZIP (the CSV), bomb (200 MB of one row, deflated); checksums match" \
    "reported, no crash" "$observed /health $alive after" "GET /api/quality/{key}; errors in log: $(errors_in "$VLOG")" \
    "$( [ "$ok" = 1 ] && [ "$alive" = UP ] && echo PASS || echo FAIL)"
}

case_h() {
  start_vigie h "$(vigie_config h "$MURL")" || { row h "websocket client stops reading" "" "Vigie did not start" "" FAIL; return; }
  local out
  out=$(python3 "$HERE/helpers.py" wsfault "$VPORT" 18)
  local maxgap frames stalled
  maxgap=$(jq '[.readers[].maxGapMs] | max' <<<"$out")
  frames=$(jq -c '[.readers[].frames]' <<<"$out")
  stalled=$(jq -r .stalled <<<"$out")
  stop_vigie TERM
  row h "a websocket client that stops reading (4 KB receive buffer) while 600 sections of 32 KB are pushed in 12 s" \
    "others unaffected (no gap > 1 s during the flood), the stalled one closed after http.wsMaxStallMs (5 s)" \
    "3 readers got $frames frames, longest gap between two during the flood ${maxgap} ms (push interval 200 ms); stalled client dropped by the server $(jq -r .stalledDroppedAfterS <<<"$out") s into the flood; it then read: $stalled" \
    "/health web clients: $(jq -c '{clientsBefore, clientsPeak, clientsAfter, sectionsPosted}' <<<"$out")" \
    "$( [ "${maxgap:-99999}" -lt 1000 ] && [[ "$stalled" == closed-by-server* ]] && echo PASS || echo FAIL)"
}

case_i() {
  local keys=("${SLOW_KEYS[@]:1:3}") key
  start_vigie i "$(vigie_config i "$NURL" '.download.maxConcurrent = 2 | .download.breakerMaxFailures = 3')" \
    || { row i "source down" "" "Vigie did not start" "" FAIL; return; }
  for key in "${keys[@]}"; do request_key "$key"; done
  wait_for 30 bash -c "curl -s http://127.0.0.1:$VPORT/api/downloads | jq -e '[.items[] | select(.state == \"active\" or .state == \"waiting\") | .bytes] | add > 500000' >/dev/null"
  log "(i) source down for $OUTAGE s"
  nginx_stop
  local down_at opened="" failed_during="" failed_at=""
  down_at=$(date +%s)
  while [ $(( $(date +%s) - down_at )) -lt "$OUTAGE" ]; do
    local state
    state=$(api "/api/downloads?limit=1000")
    [ -z "$opened" ] && [ "$(jq -r .breaker.state <<<"$state")" = open ] && opened=$(( $(date +%s) - down_at ))
    failed_during=$(jq -r '[.items[] | select(.state == "failed") | .error] | unique | join(",")' <<<"$state")
    [ -z "$failed_at" ] && [ -n "$failed_during" ] && failed_at=" (first seen $(( $(date +%s) - down_at )) s into the outage, $(jq '[.items[] | select(.state == "failed")] | length' <<<"$state") of 3 jobs)"
    sleep 2
  done
  nginx_start
  log "(i) source back"
  local back_at done_n=0 good=0 j
  back_at=$(date +%s)
  for key in "${keys[@]}"; do
    j=$(wait_final "$key" 180)
    [ "$(jq -r .state <<<"$j")" = done ] && done_n=$((done_n + 1))
    [ "$(sha_of "$VDATA/archives/$key")" = "$(cut -c1-64 "$WWW/$key.CHECKSUM")" ] && good=$((good + 1))
  done
  local resumed_after=$(( $(date +%s) - back_at ))
  stop_vigie TERM
  row i "the source (nginx) down for $OUTAGE s with 3 archives asked, 2 in flight" \
    "breaker opens, work waits (no BREAKER_OPEN failure), resumes, nothing lost" \
    "breaker open after ${opened:-never} s; failed during the outage: ${failed_during:-none}${failed_at}; after it: $done_n of 3 done, $good with the right SHA-256, ${resumed_after} s after the source came back" \
    "GET /api/downloads polled every 2 s; nginx stopped with -s stop and started again" \
    "$( [ -n "$opened" ] && [ -z "$failed_during" ] && [ "$good" = 3 ] && echo PASS || echo FAIL)"
}

case_jk() {
  python3 "$HERE/helpers.py" hold "$WORK/hold.port" &
  local hold_pid=$!
  PIDS+=("$hold_pid")
  wait_for 10 test -s "$WORK/hold.port"
  local hport
  hport=$(cat "$WORK/hold.port")
  start_vigie jk "$(vigie_config jk "$MURL" --arg ok "$NURL/ok.json" --arg hang "http://127.0.0.1:$hport/" '.probe.endpoints = [
      {name: "ok-1", url: $ok, intervalMs: 1000, timeoutMs: 2000, jsonPointer: "/status", expectValue: "ok"},
      {name: "ok-2", url: $ok, intervalMs: 1000, timeoutMs: 2000},
      {name: "hang", url: $hang, intervalMs: 1000, timeoutMs: 2000},
      {name: "dns", url: "http://vigie-fault.invalid/", intervalMs: 1000, timeoutMs: 2000}]')" \
    || { row j "probe target never answers" "" "Vigie did not start" "" FAIL; kill "$hold_pid"; return; }
  local started
  started=$(date +%s)
  sleep 15
  local probes elapsed
  probes=$(api /api/probes)
  elapsed=$(( $(date +%s) - started ))
  stop_vigie TERM
  kill "$hold_pid" 2>/dev/null
  local by hang dns ok1 ok2
  by() { jq -c --arg n "$1" '.endpoints[] | select(.name == $n) | {ok, reason, latencyMs, samples, p50, p99}' <<<"$probes"; }
  hang=$(by hang); dns=$(by dns); ok1=$(by ok-1); ok2=$(by ok-2)
  row j "a probe target that accepts and never answers (python3 socket server), beside two good ones, every 1 s" \
    "TIMEOUT; the other probes on time" \
    "hang: $(jq -r '"\(.reason) after \(.latencyMs) ms, \(.samples) samples"' <<<"$hang"); ok-1: $(jq -r '"\(.samples) samples in '"$elapsed"' s, p50 \(.p50) ms, p99 \(.p99) ms (the first check is a cold start)"' <<<"$ok1"); ok-2: $(jq -r '"\(.samples) samples, p50 \(.p50) ms"' <<<"$ok2")" \
    "GET /api/probes" \
    "$( [ "$(jq -r .reason <<<"$hang")" = timeout ] && [ "$(jq -r .samples <<<"$ok1")" -ge $(( elapsed * 8 / 10 )) ] && [ "$(jq -r '.p50 < 100' <<<"$ok1")" = true ] && echo PASS || echo FAIL)"
  row k "a name that does not resolve (vigie-fault.invalid)" "DNS" \
    "dns: $(jq -r '"ok=\(.ok) reason=\(.reason) after \(.latencyMs) ms"' <<<"$dns")" "GET /api/probes" \
    "$( [ "$(jq -r .reason <<<"$dns")" = dns ] && echo PASS || echo FAIL)"
}

case_l() {
  local drop=data/spot/daily/trades/XRPUSDT/XRPUSDT-trades-2024-03-01.zip
  local k429=data/spot/daily/trades/XRPUSDT/XRPUSDT-trades-2024-03-02.zip
  local badsum=data/spot/daily/klines/XRPUSDT/1m/XRPUSDT-1m-2024-03-03.zip
  local slow1=data/spot/daily/trades/XRPUSDT/XRPUSDT-trades-2024-03-04.zip slow2=data/spot/daily/trades/XRPUSDT/XRPUSDT-trades-2024-03-05.zip
  local size
  size=$(mirror_size "$drop")
  mirror_fault "{\"key\":\"$drop\",\"dropAfterBytes\":$(( size / 2 )),\"times\":2}" >/dev/null
  mirror_fault "{\"key\":\"$k429\",\"status\":429,\"retryAfterSeconds\":2,\"times\":2}" >/dev/null
  mirror_fault "{\"key\":\"$badsum\",\"wrongChecksum\":true}" >/dev/null
  mirror_fault "{\"key\":\"$slow1\",\"throttleBytesPerSecond\":400000}" >/dev/null
  mirror_fault "{\"key\":\"$slow2\",\"throttleBytesPerSecond\":400000}" >/dev/null
  python3 "$HERE/helpers.py" hold "$WORK/hold-l.port" &
  local hold_pid=$!
  PIDS+=("$hold_pid")
  wait_for 10 test -s "$WORK/hold-l.port"
  local config
  config=$(vigie_config l "$MURL" --arg hang "http://127.0.0.1:$(cat "$WORK/hold-l.port")/" '.probe.endpoints = [
      {name: "hang", url: $hang, intervalMs: 1000, timeoutMs: 3000},
      {name: "dns", url: "http://vigie-fault.invalid/", intervalMs: 1000, timeoutMs: 2000}]')
  start_vigie l "$config" || { row l "SIGTERM during everything" "" "Vigie did not start" "" FAIL; return; }
  python3 "$HERE/helpers.py" stall "$VPORT" 20 >/dev/null 2>&1 &
  local stall_pid=$!
  PIDS+=("$stall_pid")
  local key asked=("$drop" "$k429" "$badsum" "$slow1" "$slow2")
  for key in "${asked[@]}"; do request_key "$key"; done
  post /api/downloads '{"market":"spot","period":"daily","dataType":"klines","symbol":"XRPUSDT","interval":"1m","from":"2024-04-01","to":"2024-04-20"}' >/dev/null
  local day
  for day in $(seq -w 1 20); do asked+=("data/spot/daily/klines/XRPUSDT/1m/XRPUSDT-1m-2024-04-$day.zip"); done
  sleep 3
  stop_vigie TERM
  local term_ms=$STOP_MS torn=0 f
  for f in "$VDATA/tmp/pending.json" "$VDATA/archive-index.json"; do json_ok "$f" || torn=$((torn + 1)); done
  local index_at_stop pending_at_stop
  index_at_stop=$(python3 "$HERE/helpers.py" indexcheck "$VDATA")
  pending_at_stop=$(jq length "$VDATA/tmp/pending.json" 2>/dev/null)
  kill "$stall_pid" 2>/dev/null
  row l "SIGTERM while downloads drop, wait on 429, fail checksums, crawl at 400 KB/s, 20 more queue, a probe hangs, a websocket stalls" \
    "stops in < 5 s" "exited ${term_ms} ms after SIGTERM" "time from kill -TERM to the process gone" \
    "$( [ "$term_ms" -lt 5000 ] && echo PASS || echo FAIL)"
  start_vigie l "$config" || { row l "SIGTERM: state on restart" "" "Vigie did not restart" "" FAIL; return; }
  wait_idle 180
  local missing=0 wrong=0
  for key in "${asked[@]}"; do
    [ "$key" = "$badsum" ] && continue
    if [ ! -f "$VDATA/archives/$key" ]; then missing=$((missing + 1))
    elif [ "$(sha_of "$VDATA/archives/$key")" != "$(mirror_sha "$key")" ]; then wrong=$((wrong + 1)); fi
  done
  local bad_cached=no
  [ -e "$VDATA/archives/$badsum" ] && bad_cached=YES
  stop_vigie TERM
  kill "$hold_pid" 2>/dev/null
  local index
  index=$(python3 "$HERE/helpers.py" indexcheck "$VDATA")
  row l "... then restarted on the same data directory" "consistent state on restart, nothing lost" \
    "at stop: torn files $torn, $index_at_stop, $pending_at_stop pending; after the restart: $(( ${#asked[@]} - 1 - missing )) of $(( ${#asked[@]} - 1 )) good archives cached, $wrong wrong, bad-checksum one cached: $bad_cached; $index" \
    "pending.json after: $(jq -c . "$VDATA/tmp/pending.json"); errors in log: $(errors_in "$VLOG")" \
    "$( [ "$torn" = 0 ] && [ "$missing" = 0 ] && [ "$wrong" = 0 ] && [ "$bad_cached" = no ] && [[ "$index" == *"problems=0"* ]] && echo PASS || echo FAIL)"
}

for c in a b c d e f g h i jk l; do
  if wanted "$c" || { [ "$c" = jk ] && { wanted j || wanted k; }; }; then
    log "== case $c"
    curl -s -X DELETE "$MURL/_faults" >/dev/null
    "case_$c"
  fi
done

# ---------------------------------------------------------------------------------------------------------------
# The table (markdown, as docs/reliability.md keeps it)
# ---------------------------------------------------------------------------------------------------------------
{
  echo "Run $(date -u +%FT%TZ), commit $(cd "$ROOT" && git rev-parse --short HEAD), $(nproc) cores, nginx $("$NGINX" -v 2>&1 | cut -d/ -f2), outage ${OUTAGE} s"
  echo
  echo "| case | fault | expected | observed | evidence | result |"
  echo "|---|---|---|---|---|---|"
  while IFS=$'\t' read -r letter fault expected observed evidence result; do
    printf '| %s | %s | %s | %s | %s | **%s** |\n' "$letter" "${fault//|/\\|}" "${expected//|/\\|}" "${observed//|/\\|}" "${evidence//|/\\|}" "$result"
  done < "$TABLE"
} | tee "$WORK/table.md"
# A full run replaces the table under "## Last run" in docs/reliability.md; a partial one (--only) leaves it.
if [ -z "$ONLY" ]; then
  python3 - "$ROOT/docs/reliability.md" "$WORK/table.md" <<'PY'
import sys
doc, table = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
head = text[:text.index("## Last run")]
open(doc, "w").write(head + "## Last run\n\n" + table)
PY
  log "docs/reliability.md now holds this run's table"
fi
! grep -q $'\tFAIL$' "$TABLE"
