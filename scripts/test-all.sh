#!/usr/bin/env bash
# The whole test suite: types, lint, unit and integration tests (Vitest), the browser tests
# (Playwright driving Debian's Chromium against the real Node side) and the Electron smoke test
# (skips, naming why, where no Electron binary exists). Installs Chromium first when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium not found at $CHROMIUM: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi

REPORTS=.tmp/test-reports
rm -rf "$REPORTS" && mkdir -p "$REPORTS"

echo "== typecheck"
npm run -s typecheck
echo "== lint"
npm run -s lint
echo "== unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"
echo "== browser tests"
PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/browser.json" npm run -s test:browser -- --reporter=list,json
echo "== electron tests"
PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/electron.json" npm run -s test:electron -- --reporter=list,json
echo "== summary"
node scripts/test-summary.mjs "$REPORTS/vitest.json" "$REPORTS/browser.json" "$REPORTS/electron.json"
