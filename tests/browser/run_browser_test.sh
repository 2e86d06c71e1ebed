#!/usr/bin/env bash
# One browser test of an HTML report: makes the report with the given command, then opens it in
# headless Chromium with check_report.mjs (console errors, failed requests, dialogs, chart and
# diagram sizes, expected text) and saves a screenshot.
#
#   run_browser_test.sh REPORT.html SCREENSHOT.png [check_report options...] -- COMMAND [ARGS...]
#
# Exits with 77 (which ctest counts as skipped) only when Chromium is not installed;
# scripts/setup.sh installs it, and node and playwright-core with it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
chromium=${JOURNEYSIM_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "skipped: Chromium is not installed ($chromium); scripts/setup.sh installs it"
  exit 77
fi
if ! command -v node >/dev/null 2>&1; then
  echo "run_browser_test: node is not installed; run scripts/setup.sh" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "run_browser_test: playwright-core is not installed; run scripts/setup.sh" \
       "(it runs npm ci --prefix tests/browser)" >&2
  exit 1
fi

report=$1
screenshot=$2
shift 2
check=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  check+=("$1")
  shift
done
if [ $# -eq 0 ]; then
  echo "usage: run_browser_test.sh REPORT.html SCREENSHOT.png [options] -- COMMAND..." >&2
  exit 2
fi
shift
mkdir -p "$(dirname "$report")" "$(dirname "$screenshot")"
rm -f "$report" "$screenshot"
"$@"
node "$here/check_report.mjs" "$report" "$screenshot" "${check[@]}"
