#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need, then `dotnet test`.
# Prints one closing line "N passed, N failed, N skipped" summed over all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d ../shared/eval ]; then
  echo "note: ../shared (the shared evaluation set) is not beside the repository; the dev-set eval test will fail." >&2
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test SupportBot.sln --nologo 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12".
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
