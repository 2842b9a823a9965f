#!/usr/bin/env bash
# Benchmark of the self-hosted Direct Line (not a test: it asserts nothing). Loopback only, bounded in time.
# Starts the Release host with a Direct Line secret, runs web/directline-bench.mjs (turn latency over WebSocket with
# CONVERSATIONS concurrent conversations for DURATION seconds, then FILL conversations to show the memory cap), RUNS
# times, and prints each run's JSON. Settings (environment): RUNS=3 DURATION=15 CONVERSATIONS=8 FILL=20000 PORT=5311
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
DURATION=${DURATION:-15}
CONVERSATIONS=${CONVERSATIONS:-8}
FILL=${FILL:-20000}
PORT=${PORT:-5311}
SECRET=bench-secret-0123456789-0123456789-abcdef

node web/install.mjs >/dev/null
echo "building (Release)…"
dotnet build -c Release src/SupportBot/SupportBot.csproj -nologo -v q >/dev/null

work=$(mktemp -d)
host_pid=""
cleanup() {
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    kill "$host_pid" && wait "$host_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

for run in $(seq 1 "$RUNS"); do
  DirectLine__Secrets__0=$SECRET Storage__DatabasePath="$work/run$run.db" Logging__LogLevel__Default=Warning \
    dotnet src/SupportBot/bin/Release/net10.0/SupportBot.dll --urls "http://127.0.0.1:$PORT" >"$work/host.log" 2>&1 &
  host_pid=$!
  until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.2; done
  echo "run $run: $(node web/directline-bench.mjs "http://127.0.0.1:$PORT" "$SECRET" "$host_pid" "$DURATION" "$CONVERSATIONS" "$FILL")"
  kill "$host_pid" && wait "$host_pid" 2>/dev/null || true
  host_pid=""
done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(dotnet --version) SDK"
