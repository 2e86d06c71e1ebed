#!/usr/bin/env bash
# Regenerates tests/data/expected/ (every example's result at a fixed seed; see
# tests/expected/check_expected.py) with the Release build in ./build. Run it only when a change
# of the figures is intended, and commit the new files with that change.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cmake --build build -j "$(nproc)" --target journeysim
python3 tests/expected/check_expected.py build/cli/journeysim . --update
