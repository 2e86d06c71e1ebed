#!/usr/bin/env bash
# The second set-up command: builds journeysim with warnings as errors and runs the whole test
# suite with ctest. `--sanitize` builds and tests in ./build-asan with AddressSanitizer and
# UndefinedBehaviorSanitizer instead; `--tsan` builds ./build-tsan with ThreadSanitizer and runs
# the engine's and the command line's tests there (the labels unit, oracle, cli and regress).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

dir=build
labels=()
options=(-DCMAKE_BUILD_TYPE=Release -DJOURNEYSIM_WARNINGS_AS_ERRORS=ON)
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan
  options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DJOURNEYSIM_WARNINGS_AS_ERRORS=ON
           -DJOURNEYSIM_SANITIZE=ON -DJOURNEYSIM_BUILD_BENCH=OFF)
  # Full stacks on malloc so the suppressions can match allocations made inside Graphviz.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:fast_unwind_on_malloc=0
  export LSAN_OPTIONS=suppressions=$PWD/.ci/lsan.supp:print_suppressions=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
elif [ "${1:-}" = "--tsan" ]; then
  dir=build-tsan
  options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DJOURNEYSIM_WARNINGS_AS_ERRORS=ON
           -DJOURNEYSIM_TSAN=ON -DJOURNEYSIM_BUILD_BENCH=OFF)
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/.ci/tsan.supp
  labels=(-L 'unit|oracle|cli|regress')
fi

install_missing
configure_and_build "$dir" "${options[@]}"
ctest --test-dir "$dir" --output-on-failure -j "$(build_jobs)" "${labels[@]}"
