#!/usr/bin/env bash
# The second set-up command: builds journeysim with warnings as errors and runs the whole test
# suite with ctest. `--sanitize` builds and tests in ./build-asan with AddressSanitizer and
# UndefinedBehaviorSanitizer instead; `--tsan` builds ./build-tsan with ThreadSanitizer and runs
# the engine's and the command line's tests there (the labels unit, oracle, cli and regress).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

# The builds' options and the sanitizers' settings are those of CMakePresets.json.
preset=release
case "${1:-}" in
  --sanitize) preset=asan-ubsan ;;
  --tsan) preset=tsan ;;
  "") ;;
  *) echo "usage: scripts/test.sh [--sanitize|--tsan]" >&2; exit 1 ;;
esac

install_missing
configure_and_build "$preset"
ctest --preset "$preset" -j "$(build_jobs)"
