#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need, then `dotnet test`.
# Prints one closing line "N passed, N failed, N skipped" summed over all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d ../shared/eval ]; then
  echo "note: ../shared (the shared evaluation set) is not beside the repository; the dev-set eval test will fail." >&2
fi

# The Teams manifest tests validate with node against the official schema from npm (deployment/teams).
# Idempotent: npm ci runs only when package-lock.json changed since the last install.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "note: node and npm are not installed (apt-get install nodejs npm); the Teams manifest tests will fail." >&2
  fi
fi
npm_ci_when_changed() {
  if command -v npm >/dev/null 2>&1 && ! cmp -s "$1/package-lock.json" "$1/node_modules/.installed-package-lock.json" 2>/dev/null; then
    npm ci --prefix "$1" --no-audit --no-fund --loglevel=error
    cp "$1/package-lock.json" "$1/node_modules/.installed-package-lock.json"
  fi
}
npm_ci_when_changed deployment/teams

# The deployment files' tests (tests/SupportBot.Tests/Deployment) validate offline with validators from npm
# (deployment/validate: dockerfile-utils, dclint, Kubernetes models, the Bicep grammar) and render the Kubernetes
# manifests with kubectl's built-in kustomize. kubectl comes with the machine image; Debian's kubernetes-client is
# too old for the kustomizations (deployment/README.md), so it is not a fallback.
npm_ci_when_changed deployment/validate
if ! command -v kubectl >/dev/null 2>&1; then
  echo "note: kubectl is not installed; the Kubernetes deployment tests will fail." >&2
fi

# The website chat's tests drive Microsoft's Direct Line client and read Web Chat's bundle from web/ (npm, pinned by
# web/package-lock.json; web/install.mjs runs npm ci only when the lock changed), and open the pages in Debian's
# chromium through Playwright (by executable path: Playwright never downloads a browser here).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: chromium is not installed (apt-get install chromium); the browser tests will fail." >&2
  fi
fi
# The shared-state tests start Debian's redis-server themselves (a free loopback port, no persistence) and fail,
# saying what to install, when it is not on PATH.
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "note: redis-server is not installed (apt-get install redis-server); the Redis and replica tests will fail." >&2
  fi
fi
if command -v node >/dev/null 2>&1; then
  node web/install.mjs
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

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
