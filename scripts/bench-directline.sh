#!/usr/bin/env bash
# Benchmark of the self-hosted Direct Line (not a test: it asserts nothing). Loopback only, bounded in time.
# Starts the Release host with a Direct Line secret, runs web/directline-bench.mjs (turn latency over WebSocket with
# CONVERSATIONS concurrent conversations for DURATION seconds, then FILL conversations to show the memory cap), RUNS
# times, and prints each run's JSON. Settings (environment): RUNS=3 DURATION=15 CONVERSATIONS=8 FILL=20000 PORT=5311
# STORAGE=memory (default) or redis: the host keeps the Direct Line in a fresh redis-server (port PORT+1, no
# persistence) and each run also prints the memory Redis uses.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
DURATION=${DURATION:-15}
CONVERSATIONS=${CONVERSATIONS:-8}
FILL=${FILL:-20000}
PORT=${PORT:-5311}
STORAGE=${STORAGE:-memory}
REDIS_PORT=$((PORT + 1))
SECRET=bench-secret-0123456789-0123456789-abcdef

node web/install.mjs >/dev/null
. scripts/lib/bench-host.sh
bench_build_host
redis_pid=""
stop_redis() {
  if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
    kill "$redis_pid" && wait "$redis_pid" 2>/dev/null || true
  fi
  redis_pid=""
}
trap 'stop_redis; bench_cleanup' EXIT

storage_env=()
for run in $(seq 1 "$RUNS"); do
  if [ "$STORAGE" = redis ]; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
    redis_pid=$!
    until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
    storage_env=(Storage__Provider=redis Storage__ConnectionString="127.0.0.1:$REDIS_PORT")
  fi
  HOST_ENV=(${storage_env[@]+"${storage_env[@]}"} DirectLine__Secrets__0=$SECRET Storage__DatabasePath="$work/run$run.db" Logging__LogLevel__Default=Warning)
  bench_start_host "http://127.0.0.1:$PORT"
  echo "run $run ($STORAGE): $(node web/directline-bench.mjs "http://127.0.0.1:$PORT" "$SECRET" "$host_pid" "$DURATION" "$CONVERSATIONS" "$FILL")"
  bench_stop_host
  if [ -n "$redis_pid" ]; then
    echo "  redis: $(redis-cli -p "$REDIS_PORT" info memory | tr -d '\r' | grep '^used_memory_human:'), $(redis-cli -p "$REDIS_PORT" dbsize) keys"
    stop_redis
  fi
done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(dotnet --version) SDK"
