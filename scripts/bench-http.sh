#!/usr/bin/env bash
# Benchmark of the chat host over HTTP (not a test: it asserts nothing). Loopback only, bounded in time.
#   1. requests/s, latency percentiles and errors of POST /api/ask and GET /api/search, driven by wrk (Debian
#      package, installed here);
#   2. turns/s and latency percentiles through POST /api/messages, driven by tools/SupportBot.LoadDriver,
#      which also plays the channel: a turn is timed from its POST until the bot's reply reaches the fake
#      Connector.
# Each is run RUNS times; the medians are printed at the end with the machine's description.
# Settings (environment): RUNS=3 DURATION=15 (s per run) CONNECTIONS=16 (wrk) CONVERSATIONS=8 (driver) PORT=5310
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-16}
CONVERSATIONS=${CONVERSATIONS:-8}
PORT=${PORT:-5310}
BASE="http://127.0.0.1:${PORT}"

. scripts/lib/bench-host.sh
bench_require_wrk
bench_build_host
dotnet build -c Release tools/SupportBot.LoadDriver/SupportBot.LoadDriver.csproj -nologo -v q >/dev/null

# The host as deployed: Release, anonymous (no app id), question log in SQLite; per-turn Information logs are
# turned down so the console is not what gets measured. All load comes from one address, so the per-client
# limits (RateLimits:Messages allows 60 questions a minute) are off; the host's own capacity limit stays on.
bench_start_host "$BASE" --Storage:DatabasePath="$work/bench.db" --Logging:LogLevel:Default=Warning --RateLimits:PerClient=false

cat >"$work/ask.lua" <<'LUA'
-- Cycles through in-scope, small-talk and out-of-scope questions, as agents' tools would send them.
local questions = {
  "when did kaspersky updates stop?", "is the free offer still available", "why was kaspersky banned in the US",
  "what should I do now that kaspersky is leaving", "when did the wind down start", "can I still buy or renew kaspersky",
  "what's the weather like tomorrow", "hi",
}
local i = 0
request = function()
  i = i % #questions + 1
  return wrk.format("POST", "/api/ask", { ["Content-Type"] = "application/json" }, '{"question":"' .. questions[i] .. '"}')
end
LUA

cat >"$work/search.lua" <<'LUA'
-- What agents type into the lookup page, including partial words as the page searches while they type.
local queries = {
  "free+offer", "septem", "september+29", "updates+stop", "refund", "ultraav", "wind+down", "commerce+department",
  "kasperski", "renew",
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/search?q=" .. queries[i] .. "&top=10")
end
LUA

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }'; }

# One wrk series: RUNS runs of DURATION seconds; a line per run and a row per run in $3 (rps p50 p90 p99 errors).
wrk_series() {
  local label=$1 script=$2 tsv=$3
  : >"$tsv"
  wrk -t2 -c"$CONNECTIONS" -d3s -s "$script" "$BASE" >/dev/null
  for run in $(seq 1 "$RUNS"); do
    local out="$work/wrk-$(basename "$tsv" .tsv)-$run.txt"
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$BASE" >"$out"
    local rps p50 p90 p99 errors
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(awk '$1 == "50%" { print $2 }' "$out" | to_ms)
    p90=$(awk '$1 == "90%" { print $2 }' "$out" | to_ms)
    p99=$(awk '$1 == "99%" { print $2 }' "$out" | to_ms)
    # Non-2xx responses plus socket errors (connect, read, write, timeout); wrk prints neither line when zero.
    errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out")
    printf '%s\t%s\t%s\t%s\t%s\n' "$rps" "$p50" "$p90" "$p99" "$errors" >>"$tsv"
    echo "$label run $run: $rps requests/s, latency ms p50 $p50 p90 $p90 p99 $p99, errors $errors"
  done
}

wrk_series "POST /api/ask" "$work/ask.lua" "$work/ask.tsv"
wrk_series "GET /api/search" "$work/search.lua" "$work/search.tsv"

: >"$work/turns.tsv"
for run in $(seq 1 "$RUNS"); do
  line=$(dotnet tools/SupportBot.LoadDriver/bin/Release/net10.0/SupportBot.LoadDriver.dll \
    --target "$BASE" --duration "$DURATION" --warmup 3 --concurrency "$CONVERSATIONS")
  echo "/api/messages run $run: $line"
  echo "$line" | sed -E 's/.* ([0-9]+) turns\/s; latency ms p50 ([0-9.]+) p90 ([0-9.]+) p99 ([0-9.]+).*/\1\t\2\t\3\t\4/' >>"$work/turns.tsv"
done

col() { cut -f"$2" "$1" | median; }
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, ${mem} memory, $(uname -sr), .NET $(dotnet --version)"
echo "medians of $RUNS runs of ${DURATION} s (host and load generator share the machine):"
for series in ask:"POST /api/ask" search:"GET /api/search"; do
  tsv="$work/${series%%:*}.tsv"
  echo "  ${series#*:} (wrk, 2 threads, $CONNECTIONS connections): $(col "$tsv" 1) requests/s; latency ms p50 $(col "$tsv" 2), p90 $(col "$tsv" 3), p99 $(col "$tsv" 4); errors per run $(cut -f5 "$tsv" | tr '\n' ' ')"
done
echo "  POST /api/messages ($CONVERSATIONS conversations, reply at the fake channel): $(col "$work/turns.tsv" 1) turns/s; latency ms p50 $(col "$work/turns.tsv" 2), p90 $(col "$work/turns.tsv" 3), p99 $(col "$work/turns.tsv" 4)"
