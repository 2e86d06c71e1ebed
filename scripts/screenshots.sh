#!/usr/bin/env bash
# Regenerates the documentation's images with the project's own commands: builds journeysim in
# ./build, writes the HTML report of the flagship what-ifs (examples/telecom-whatifs.json) and
# photographs it in headless Chromium with the browser test's script (which also checks that
# every chart and diagram rendered). The report itself is left in build/docs/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

install_missing
dir=build  # the release preset's folder
configure_and_build release >/dev/null
mkdir -p "$dir/docs" docs/img
report=$dir/docs/report-flagship.html
"./$dir/cli/journeysim" report examples/telecom-whatifs.json -o "$report"
node tests/browser/check_report.mjs "$report" "$dir/docs/report-flagship-full.png" --scale 1.5 \
  --top 1560 docs/img/report-flagship.png \
  --shot 'figure:has(#diagram-4)' docs/img/report-journey.png \
  --shot '#load' docs/img/report-load.png \
  --shot '#nps' docs/img/report-nps.png \
  --shot '#volume' docs/img/report-volume.png
echo "wrote docs/img/report-{flagship,journey,load,nps,volume}.png"
