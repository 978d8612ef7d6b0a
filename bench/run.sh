#!/usr/bin/env bash
# The platform benchmark: seeds 10,000 technologies, then runs wrk (-t2 -c32 -d15s) against GET one, a list of
# 20 with a domain filter, create, and /health — on SQLite and on PostgreSQL. Prints req/s, p50/p99, errors,
# the server's peak RSS, and the machine's load (CPU used by anything other than the server and wrk).
#   bench/run.sh [sqlite|postgres|both]   (default both; DURATION=15s CONNECTIONS=32 SEED=10000 TASKS=10000
#                                          REPOS=1000)
# It also seeds research tasks and repositories and measures their lists and the dashboard (under load, where
# its statistics come from the cache, and right after writes, where they cannot).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${CC_BINARY:-${BUILD_DIR:-build}/commandcenter}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
SEED=${SEED:-10000}
TASKS=${TASKS:-10000}
REPOS=${REPOS:-1000}
WHICH=${1:-both}
RESULTS=bench/results
mkdir -p "$RESULTS"
STAMP=$(date -u +%Y-%m-%dT%H%MZ)

server_pid=""
work_dir=""
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || echo "server exited with status $?" >&2
  fi
  server_pid=""
}
cleanup() {
  stop_server
  [[ -n "$work_dir" ]] && rm -rf "$work_dir"
  if [[ "${started_pg:-0}" == 1 ]]; then scripts/test-services stop; fi
}
trap cleanup EXIT

busy_jiffies() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
proc_jiffies() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# run_wrk <label> <path> [lua script]  -> one markdown row
run_wrk() {
  local label=$1 path=$2 script=${3:-}
  local args=(-t2 -c"$CONNECTIONS" -d"$DURATION" --latency)
  [[ -n "$script" ]] && args+=(-s "bench/$script")
  local before_total before_server out cpu
  before_total=$(busy_jiffies)
  before_server=$(proc_jiffies "$server_pid")
  out=$( { wrk "${args[@]}" "http://127.0.0.1:$port$path"; times; } 2>&1 )
  local after_total after_server
  after_total=$(busy_jiffies)
  after_server=$(proc_jiffies "$server_pid")
  local rps p50 p99 non2xx sockerr wrk_cpu seconds
  rps=$(awk '/^Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  sockerr=$(awk '/Socket errors/{gsub(",",""); print $4+$6+$8+$10}' <<<"$out"); sockerr=${sockerr:-0}
  # `times` prints the shell's and then its children's user/system time, e.g. "0m1.234s 0m0.567s".
  wrk_cpu=$(tail -1 <<<"$out" | awk '{n=0; for(i=1;i<=2;i++){split($i,a,/[ms]/); n+=a[1]*60+a[2]} print n}')
  seconds=${DURATION%s}
  local server_cores foreign
  server_cores=$(awk -v a="$before_server" -v b="$after_server" -v hz="$hz" -v s="$seconds" 'BEGIN{printf "%.2f", (b-a)/hz/s}')
  foreign=$(awk -v a="$before_total" -v b="$after_total" -v sv="$server_cores" -v w="$wrk_cpu" -v hz="$hz" -v s="$seconds" \
    'BEGIN{f=(b-a)/hz/s - sv - w/s; if (f<0) f=0; printf "%.2f", f}')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$((non2xx + sockerr))" "$server_cores" "$foreign"
}

bench_database() {
  local db=$1
  work_dir=$(mktemp -d -t cc-bench.XXXXXX)
  local db_args=()
  if [[ "$db" == postgres ]]; then
    local admin_url
    admin_url=$(scripts/test-services start)
    started_pg=1
    psql "$admin_url" -qAtc "DROP DATABASE IF EXISTS cc_bench WITH (FORCE)"
    psql "$admin_url" -qAtc "CREATE DATABASE cc_bench"
    db_args=(--database-url "${admin_url%/postgres}/cc_bench")
  fi
  "$BIN" serve --port 0 --data-dir "$work_dir" "${db_args[@]}" --log-format json >"$work_dir/server.log" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 100); do
    if grep -q '"event":"server.listening"' "$work_dir/server.log"; then
      port=$(grep '"event":"server.listening"' "$work_dir/server.log" | grep -o '"port":[0-9]*' | cut -d: -f2)
      break
    fi
    sleep 0.1
  done
  [[ -n "$port" ]] || { cat "$work_dir/server.log"; echo "server did not start" >&2; exit 1; }
  local setup_token
  setup_token=$(grep -o '"setup_token":"[^"]*"' "$work_dir/server.log" | cut -d'"' -f4)
  local seed_start seed_end
  seed_start=$(date +%s.%N)
  # Assigned first: a failing seed (e.g. a stale binary) must stop the run, and `eval "$(…)"` would hide it.
  local seeded
  seeded=$(node bench/seed.mjs "http://127.0.0.1:$port" "$setup_token" "$SEED" "$TASKS" "$REPOS")
  eval "$seeded"
  seed_end=$(date +%s.%N)
  export TOKEN ID_MIN ID_MAX

  echo
  echo "### $db — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Seeded $SEED technologies, $TASKS research tasks and $REPOS repositories through the API in $(awk -v a="$seed_start" -v b="$seed_end" 'BEGIN{printf "%.1f", b-a}') s."
  echo
  echo "| endpoint | req/s | p50 | p99 | errors | server CPU (cores) | other load (cores) |"
  echo "|---|---|---|---|---|---|---|"
  run_wrk "GET one technology" "/api/v1/technologies/1" get_one.lua
  run_wrk "list 20, domain filter" "/api/v1/technologies" list_filtered.lua
  run_wrk "/health" "/health"
  run_wrk "list 20 repositories" "/api/v1/repositories" list_repositories.lua
  run_wrk "list 20 tasks, status filter" "/api/v1/research-tasks" list_tasks.lua
  run_wrk "dashboard stats (under load)" "/api/v1/dashboard/stats" dashboard.lua
  # Creates run last: they add tens of thousands of technologies, which would change what the others measure.
  run_wrk "create technology" "/api/v1/technologies" create.lua
  echo
  echo "Dashboard stats right after a write (nothing cached), one client: $(node bench/dashboard_after_write.mjs "http://127.0.0.1:$port" "$TOKEN" "$ID_MIN" 200)"
  echo
  echo "Peak RSS of the server: $(awk '/VmHWM/{printf "%.1f MiB", $2/1024}' /proc/$server_pid/status); RSS now: $(awk '/VmRSS/{printf "%.1f MiB", $2/1024}' /proc/$server_pid/status)."
  stop_server
  rm -rf "$work_dir"
  work_dir=""
}

{
  echo "## Benchmark $STAMP ($(git rev-parse --short HEAD 2>/dev/null || echo unversioned))"
  case "$WHICH" in
    sqlite) bench_database sqlite ;;
    postgres) bench_database postgres ;;
    both) bench_database sqlite; bench_database postgres ;;
    *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
  esac
} | tee "$RESULTS/$STAMP.md"
