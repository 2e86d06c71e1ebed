#!/usr/bin/env bash
# Builds the fuzz targets of tests/fuzz (clang's libFuzzer with ASan and UBSan) in ./build-fuzz
# and runs each for a while from the seed corpus.
#
#   scripts/fuzz.sh [--time SECONDS] [--seed N] [TARGET...]
#
# TARGET is model, scenario or cli (default: all three, one after the other); --time is the
# time each target runs (default 60, the smoke run of .ci/run); --seed is libFuzzer's random
# seed (default 1, so a smoke run explores the same way each time; give others for long runs).
# The seed corpus is everything the project already holds of the target's kind: the examples,
# tests/data (the invalid models and the regression corpus) and tests/fuzz/corpus/cli for the
# command line. Inputs the fuzzer
# finds go to build-fuzz/corpus/TARGET (kept between runs, never into the source tree); a
# crash, hang, leak or internal error stops the target, saves its input in
# build-fuzz/findings/TARGET/ and makes this script fail.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

seconds=60
seed=1
targets=()
while (($#)); do
  case $1 in
    --time) seconds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    model | scenario | cli) targets+=("$1"); shift ;;
    *) echo "usage: scripts/fuzz.sh [--time SECONDS] [--seed N] [model|scenario|cli]..." >&2; exit 1 ;;
  esac
done
((${#targets[@]})) || targets=(model scenario cli)

JOURNEYSIM_PACKAGES+=("${JOURNEYSIM_FUZZ_PACKAGES[@]}")
install_missing
cmake --preset fuzz >/dev/null  # CMakePresets.json: clang, JOURNEYSIM_FUZZ, in ./build-fuzz
cmake --build --preset fuzz -j "$(build_jobs)" --target "${targets[@]/#/fuzz_}"

# seed_corpus TARGET DIR: copies the target's seeds into DIR.
seed_corpus() {
  local dir=$2 f
  mkdir -p "$dir"
  case $1 in
    model)
      for f in examples/*.json tests/data/*.json tests/data/bad/*.json tests/data/regress/*/model.json; do
        case $f in *whatifs.json) continue ;; esac
        cp "$f" "$dir/$(echo "$f" | tr / _)"
      done ;;
    scenario)
      for f in examples/*whatifs.json tests/data/regress/*/scenarios.json; do
        cp "$f" "$dir/$(echo "$f" | tr / _)"
      done ;;
    cli)
      cp tests/fuzz/corpus/cli/* "$dir/"
      # Each regression case's command line, one argument a line.
      for f in tests/data/regress/*/case.json; do
        python3 -c 'import json, sys; print("\n".join(json.load(open(sys.argv[1]))["args"]), end="")' \
          "$f" >"$dir/regress_$(basename "$(dirname "$f")")"
      done ;;
  esac
}

export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for target in "${targets[@]}"; do
  # Absolute paths: the command-line target works in a scratch directory of its own.
  out=$PWD/build-fuzz
  seeds=$out/seeds/$target
  rm -rf "$seeds"
  seed_corpus "$target" "$seeds"
  mkdir -p "$out/corpus/$target" "$out/findings/$target"
  echo "journeysim: fuzzing $target for $seconds s"
  log=$out/fuzz-$target.log
  # -timeout: an input that takes longer is a hang; -rss_limit_mb: one that takes more memory
  # runs away. Both count as findings.
  if ! "$out/tests/fuzz/fuzz_$target" "$out/corpus/$target" "$seeds" \
      -max_total_time="$seconds" -seed="$seed" -timeout=30 -rss_limit_mb=2560 -max_len=65536 \
      -artifact_prefix="$out/findings/$target/" -print_final_stats=1 >"$log" 2>&1; then
    failed=1
    echo "journeysim: fuzz_$target found a problem; see $log and build-fuzz/findings/$target/" >&2
    grep -E 'ERROR|finding|SUMMARY|Test unit written' "$log" | head -20 >&2 || true
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" | sed "s/^/  $target /" || true
done
exit $failed
