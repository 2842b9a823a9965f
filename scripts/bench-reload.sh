#!/usr/bin/env bash
# Knowledge reload under load (not a test: the test is KnowledgeReloaderTests; this prints figures). Loopback
# only, bounded in time. wrk drives POST /api/ask for DURATION seconds while the FAQ answer it asks for is
# rewritten RELOADS times (each rewrite is a new knowledge version the host's watcher picks up); then the same
# load without reloads, for comparison. Prints requests/s, latency, errors, reload times and resident memory.
# Settings (environment): DURATION=30 (s) RELOADS=10 CONNECTIONS=16 PORT=5319
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
RELOADS=${RELOADS:-10}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-5319}
BASE="http://127.0.0.1:${PORT}"
. scripts/lib/bench-host.sh
bench_require_wrk
bench_build_host
cp -r knowledge "$work/knowledge"
faq="$work/knowledge/faq/dates.yaml"

# Watching closely (1 s polls, 0.5 s debounce); reload events stay at Information, the rest at Warning.
HOST_ENV=("Logging__LogLevel__SupportBot.Answering=Information" Logging__Console__FormatterName=simple)
bench_start_host "$BASE" --knowledge "$work/knowledge" \
  --Storage:DatabasePath="$work/bench.db" --Logging:LogLevel:Default=Warning --RateLimits:PerClient=false \
  --Knowledge:PollInterval=00:00:01 --Knowledge:Debounce=00:00:00.500

cat >"$work/ask.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"question":"When did Kaspersky stop providing software updates in the US?"}'
LUA
rss() { awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$host_pid/status"; }
summary() { awk '/^Requests\/sec:/ { rps = $2 } /requests in/ { n = $1 } /Non-2xx/ { bad = $NF } /Socket errors/ { sock = $0 }
  $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
  END { printf "%s requests, %s/s, p50 %s, p99 %s, non-2xx %s, %s\n", n, rps, p50, p99, bad + 0, sock == "" ? "no socket errors" : sock }' "$1"; }

wrk -t2 -c"$CONNECTIONS" -d3s -s "$work/ask.lua" "$BASE/api/ask" >/dev/null   # warm-up
before=$(rss)
(
  interval=$(awk -v d="$DURATION" -v r="$RELOADS" 'BEGIN { printf "%.2f", d / (r + 1) }')
  for r in $(seq 1 "$RELOADS"); do
    sleep "$interval"
    sed -i "s/^    \(R[0-9]*: \)\?Kaspersky software updates were no longer provided/    R$r: Kaspersky software updates were no longer provided/" "$faq"
  done
) &
writer_pid=$!
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/ask.lua" "$BASE/api/ask" >"$work/reload.txt"
wait "$writer_pid"
sleep 3
after=$(rss)
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/ask.lua" "$BASE/api/ask" >"$work/steady.txt"

reloads=$(grep -c '\[3002\]' "$work/host.log" || true)
released=$(grep -c '\[3005\]' "$work/host.log" || true)
times=$(grep -A1 '\[3002\]' "$work/host.log" | grep -o 'in [0-9]* ms' | awk '{ print $2 }' | sort -n | tr '\n' ' ')
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "with $RELOADS reloads: $(summary "$work/reload.txt")"
echo "without reloads:  $(summary "$work/steady.txt")"
echo "reloads done: $reloads, retired versions released: $released, reload times (ms): $times"
echo "resident memory: $before before, $after after the reloads"
