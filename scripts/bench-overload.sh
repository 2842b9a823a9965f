#!/usr/bin/env bash
# Overload check of the chat host (not a test: it asserts nothing). Loopback only, bounded in time.
# Starts the Release host with a deliberately small capacity (RateLimits:MaxConcurrentRequests=PLACES,
# RateLimits:QueueLimit=QUEUE, per-client limits off) and drives POST /api/ask with far more connections than
# that, so most requests must be refused. Prints what wrk saw (throughput, latency, non-2xx count), the status
# mix, whether /healthz kept answering, and how many shed warnings the host logged.
# Settings (environment): PLACES=4 QUEUE=8 CONNECTIONS=64 DURATION=10 (s) PORT=5312
set -euo pipefail
cd "$(dirname "$0")/.."

PLACES=${PLACES:-4}
QUEUE=${QUEUE:-8}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10}
PORT=${PORT:-5312}
BASE="http://127.0.0.1:${PORT}"

. scripts/lib/bench-host.sh
bench_require_wrk
bench_build_host
bench_start_host "$BASE" \
  --Storage:DatabasePath="$work/bench.db" --Logging:LogLevel:Default=Warning --RateLimits:PerClient=false \
  --RateLimits:MaxConcurrentRequests="$PLACES" --RateLimits:QueueLimit="$QUEUE"

# Counts responses by status per wrk thread and prints the sum at the end.
cat >"$work/ask.lua" <<'LUA'
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() counts = {} end
request = function()
  return wrk.format("POST", "/api/ask", { ["Content-Type"] = "application/json" }, '{"question":"when did kaspersky updates stop?"}')
end
response = function(status) counts[status] = (counts[status] or 0) + 1 end
done = function()
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do total[status] = (total[status] or 0) + n end
  end
  for status, n in pairs(total) do io.write(string.format("status %d: %d\n", status, n)) end
end
LUA

wrk -t2 -c8 -d3s -s "$work/ask.lua" "$BASE" >/dev/null
( while sleep 1; do curl -s -o /dev/null -w "%{http_code}\n" --max-time 2 "$BASE/healthz" >>"$work/probes.txt"; done ) &
probe_pid=$!
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/ask.lua" "$BASE" | grep -E "Requests/sec|  50%|  90%|  99%|requests in|Non-2xx|Socket|^status"
kill "$probe_pid" 2>/dev/null || true
echo "/healthz during the run: $(sort "$work/probes.txt" | uniq -c | tr '\n' ' ')"
echo "shed warnings logged: $(grep -c 'Shed ' "$work/host.log" || true)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr), .NET $(dotnet --version)"
