#!/usr/bin/env bash
# Runs clang-tidy with the checks of .clang-tidy over journeysim's own sources: every .cpp file
# of journeys/, sim/, report/ and cli/, and through them the project's headers (not tests/,
# bench/ or the fuzz targets). Fails on any finding and closes with a one-line summary.
#
#   scripts/tidy.sh [FILE...]     # default: all of them
#
# It only configures ./build-tidy (the `tidy` preset of CMakePresets.json) for its
# compile_commands.json and builds nothing: no source includes a generated header (the files
# the build generates, the embedded examples, templates and Vega bundles, are .cpp files that
# are not checked).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

JOURNEYSIM_PACKAGES+=("${JOURNEYSIM_TIDY_PACKAGES[@]}")
install_missing
start=$(date +%s)
cmake --preset tidy >/dev/null

if (($#)); then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- 'journeys/*.cpp' 'sim/*.cpp' 'report/*.cpp' 'cli/*.cpp')
fi
logs=build-tidy/tidy-logs
rm -rf "$logs"
mkdir -p "$logs"

# One clang-tidy a file, $(build_jobs) at a time, each into its own log so outputs never mix.
# GCC's warning options that clang does not know (-Wno-restrict) are not findings.
printf '%s\n' "${files[@]}" | xargs -P "$(build_jobs)" -I{} sh -c '
  log="$1/$(printf "%s" "$2" | tr / _).log"
  if clang-tidy -p build-tidy --quiet --extra-arg=-Wno-unknown-warning-option "$2" >"$log" 2>&1
  then rm -f "$log"; fi' sh "$logs" {} || true

failed=("$logs"/*.log)
[ -e "${failed[0]}" ] || failed=()
for log in "${failed[@]}"; do
  cat "$log"
done
# A finding in a header shows once for each file that includes it; count it once.
findings=0
if ((${#failed[@]})); then
  findings=$(cat "${failed[@]}" | { grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' || true; } |
    sort -u | wc -l)
fi
elapsed=$(($(date +%s) - start))
summary="${#files[@]} files, ${#failed[@]} with findings, $findings findings"
summary+=" ($((elapsed / 60))m $((elapsed % 60))s)"
if ((${#failed[@]})); then
  echo "clang-tidy: FAILED: $summary"
  exit 1
fi
echo "clang-tidy: passed: $summary"
