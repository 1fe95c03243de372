# Sourced by the bench scripts that start Vigie with HTTP on port 0.
#   vigie_port PID LOG   waits (up to 30 s) until that Vigie has logged "vigie_started" in LOG and answers /health on
#                        the port it logged; sets VIGIE_PORT. Exits the script, naming LOG, when it does not start.
vigie_port() {
  local pid=$1 log=$2
  for _ in $(seq 1 150); do
    VIGIE_PORT=$(sed -n '/"vigie_started"/ { s/.*"port":\([0-9]*\).*/\1/p; q }' "$log")
    [ -n "$VIGIE_PORT" ] && curl -sf -o /dev/null "http://127.0.0.1:$VIGIE_PORT/health" && return
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.2
  done
  echo "Vigie did not start: see $log" >&2
  exit 1
}
