# Shared by the scripts/bench-*.sh benchmarks (source it from the repository root): wrk, a work folder removed
# on exit together with the host, and the Release host started in the background and waited for, so a host that
# dies or never gets ready stops the benchmark with its log instead of measuring nothing.

bench_require_wrk() {
  command -v wrk >/dev/null 2>&1 && return
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is not installed: apt-get install wrk" >&2
    exit 2
  fi
}

bench_build_host() {
  echo "building (Release)…"
  dotnet build -c Release src/SupportBot/SupportBot.csproj -nologo -v q >/dev/null
}

work=$(mktemp -d)
host_pid=""

bench_stop_host() {
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    kill "$host_pid" && wait "$host_pid" 2>/dev/null || true
  fi
  host_pid=""
}

bench_cleanup() {
  bench_stop_host
  rm -rf "$work"
}
trap bench_cleanup EXIT

# bench_start_host BASE [host arguments…]: the host on BASE, its output in $work/host.log; returns once /readyz
# answers. Extra environment for the host goes in the HOST_ENV array (NAME=value entries).
bench_start_host() {
  local base=$1
  shift
  env ${HOST_ENV[@]+"${HOST_ENV[@]}"} dotnet src/SupportBot/bin/Release/net10.0/SupportBot.dll serve --urls "$base" "$@" >"$work/host.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 600); do
    curl -fs "$base/readyz" >/dev/null 2>&1 && return
    kill -0 "$host_pid" 2>/dev/null || { echo "the host stopped:" >&2; cat "$work/host.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "host not ready after 60 s" >&2
  cat "$work/host.log" >&2
  exit 1
}
