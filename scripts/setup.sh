#!/usr/bin/env bash
# The first of the two set-up commands: on Debian 12 (as root) it installs whatever journeysim
# needs that is missing, builds it in ./build, and runs the flagship demo.
# Safe to run again: it installs nothing that is already there and rebuilds incrementally.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

install_missing
# The release preset, as scripts/test.sh builds it, so the test command reuses this build.
configure_and_build release
echo
./build/cli/journeysim demo
