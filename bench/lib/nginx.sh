# Sourced by the bench scripts that probe or load one nginx target on loopback.
#   free_port          prints a port the kernel just gave out (for a server that cannot bind port 0 itself);
#   start_nginx DIR    writes DIR/nginx.conf (one worker, a small JSON file DIR/html/data.json, no logs, long
#                      keep-alive) and starts nginx on a free port, again on another one should something take the
#                      port in between (nginx refuses port 0); sets NGINX_PORT and TARGET (the JSON file's URL). The
#                      caller stops it: kill "$(cat DIR/nginx.pid)".
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_nginx() {
  local dir=$1 attempt
  mkdir -p "$dir/html" "$dir/logs"
  printf '{"status":"ok","symbol":"BTCUSDT","price":"97012.35"}\n' > "$dir/html/data.json"
  for attempt in 1 2 3 4 5; do
    NGINX_PORT=$(free_port)
    cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  default_type application/json;
  server { listen 127.0.0.1:$NGINX_PORT; root html; }
}
CONF
    nginx -p "$(cd "$dir" && pwd)" -e stderr -c nginx.conf 2> "$dir/start.log" && break
    grep -q 'in use' "$dir/start.log" && [ "$attempt" -lt 5 ] || { cat "$dir/start.log" >&2; return 1; }
  done
  TARGET=http://127.0.0.1:$NGINX_PORT/data.json
  curl -sf -o /dev/null "$TARGET"
}
