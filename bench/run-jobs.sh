#!/usr/bin/env bash
# The jobs benchmark: trivial jobs through the queue (enqueue → complete) on embedded SQLite, and on PostgreSQL
# with 1 and 2 worker processes; job progress → WebSocket client latency; 1,000 idle WebSocket clients and the
# server's memory per client. Prints markdown rows with the machine's load.
#   bench/run-jobs.sh        (JOBS=50000 WORKERS=4 ROWS=5000 CLIENTS=1000)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
BIN=${CC_BINARY:-$BUILD_DIR/commandcenter}
JOBS=${JOBS:-50000}
WORKERS=${WORKERS:-4}
RESULTS=bench/results
mkdir -p "$RESULTS"
STAMP=$(date -u +%Y-%m-%dT%H%MZ)
cmake --build "$BUILD_DIR" --target queue_bench >/dev/null

work_dir=$(mktemp -d -t cc-jobs-bench.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || echo "server exited with status $?" >&2
  fi
  rm -rf "$work_dir"
  scripts/test-services stop
}
trap cleanup EXIT
# Everything printed also goes to the results file. (Not `{ …; } | tee`: that would run the benchmark in a
# subshell whose server the EXIT trap above could not see, and leave it running.)
exec > >(tee "$RESULTS/jobs-$STAMP.md")

{
  echo "## Jobs benchmark $STAMP ($(git rev-parse --short HEAD 2>/dev/null || echo unversioned)), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| database | worker processes | threads each | jobs | jobs/s, enqueue → complete (concurrently) | jobs/s, draining a queued backlog | enqueue only, jobs/s |"
  echo "|---|---|---|---|---|---|---|"
  "$BUILD_DIR/queue_bench" --database-url "sqlite:$work_dir/queue.db" --jobs "$JOBS" --workers "$WORKERS"
  admin_url=$(scripts/test-services start)
  psql "$admin_url" -qAtc "DROP DATABASE IF EXISTS cc_queue_bench WITH (FORCE)"
  psql "$admin_url" -qAtc "CREATE DATABASE cc_queue_bench"
  for processes in 1 2; do
    "$BUILD_DIR/queue_bench" --database-url "${admin_url%/postgres}/cc_queue_bench" --jobs "$JOBS" --workers "$WORKERS" --processes "$processes"
  done
  echo

  # WebSockets, against the real server on SQLite.
  printf '%s\n' 'bench-password-123' | "$BIN" user create --email bench@example.com --password-stdin --admin --data-dir "$work_dir/ws" >/dev/null
  "$BIN" serve --port 0 --data-dir "$work_dir/ws" --log-format json >"$work_dir/server.log" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 100); do
    if grep -q '"event":"server.listening"' "$work_dir/server.log"; then
      port=$(grep '"event":"server.listening"' "$work_dir/server.log" | grep -o '"port":[0-9]*' | cut -d: -f2)
      break
    fi
    sleep 0.1
  done
  [[ -n "$port" ]] || { cat "$work_dir/server.log"; exit 1; }
  echo "| measure | | | | |"
  echo "|---|---|---|---|---|"
  node bench/ws_bench.mjs "http://127.0.0.1:$port" "$server_pid" bench@example.com bench-password-123
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
