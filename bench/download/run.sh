#!/usr/bin/env bash
# Verified download of a >= 300 MB archive from nginx on loopback: Vigie against curl | tee | openssl and curl -o.
# Usage: bench/download/run.sh [SIZE_MB] [RUNS]   (from the repository root; needs nginx, curl, openssl)
set -euo pipefail
SIZE_MB=${1:-320}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/bench/lib/load.sh"
source "$ROOT/bench/lib/nginx.sh"
# A port the kernel just gave out (nginx refuses port 0); BENCH_PORT to choose one.
PORT=${BENCH_PORT:-$(free_port)}
WORK=$(mktemp -d /tmp/vigie-download-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody
trap 'if [ -f "$WORK/nginx.pid" ]; then kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

require nginx curl openssl
[ -f "$ROOT/target/vigie.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)

KEY=data/spot/monthly/trades/BTCUSDT/BTCUSDT-trades-2024-01.zip
mkdir -p "$WORK/www/$(dirname "$KEY")" "$WORK/logs"
# Random bytes: the downloader never unzips, and random data cannot be compressed on the way.
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$WORK/www/$KEY"
(cd "$WORK/www/$(dirname "$KEY")" && sha256sum "$(basename "$KEY")" | tr -d '\n' > "$(basename "$KEY").CHECKSUM")

cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $WORK/logs;
  proxy_temp_path $WORK/logs;
  fastcgi_temp_path $WORK/logs;
  uwsgi_temp_path $WORK/logs;
  scgi_temp_path $WORK/logs;
  server {
    listen 127.0.0.1:$PORT;
    root $WORK/www;
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"
sleep 0.5

echo "machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1)"
load_before
java -Xmx512m -Dwarmup="${WARMUP:-2}" -Dbench.ratioRefused="$(ratio_refusal)" -cp "$ROOT/target/vigie.jar" "$ROOT/bench/download/DownloadBench.java" "http://127.0.0.1:$PORT" "$WORK" "$RUNS" \
  2>&1 | grep --line-buffered -v '^{"timestamp"'
load_after
