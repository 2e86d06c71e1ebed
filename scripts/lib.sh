# Shared by setup.sh and test.sh.

# Debian packages journeysim builds and tests with.
JOURNEYSIM_PACKAGES=(
  build-essential cmake pkg-config
  libboost-graph-dev libboost-random-dev libboost-math-dev
  nlohmann-json3-dev libfmt-dev libcli11-dev catch2
  libgraphviz-dev graphviz
  python3 python3-jsonschema
  chromium
)
# What scripts/fuzz.sh needs beyond them: clang and its libFuzzer and sanitizer runtimes.
JOURNEYSIM_FUZZ_PACKAGES=(clang libclang-rt-14-dev)
# What scripts/tidy.sh needs beyond them: clang-tidy (Debian 12's is clang-tidy 14).
JOURNEYSIM_TIDY_PACKAGES=(clang-tidy)
# Node.js and npm install the HTML report's charting libraries and the browser tests' driver;
# Debian's packages are used only when no node/npm is on PATH already.
if ! command -v node >/dev/null 2>&1; then JOURNEYSIM_PACKAGES+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then JOURNEYSIM_PACKAGES+=(npm); fi

# npm projects whose packages the build and the tests need, at the versions of their lock files:
# report/web (Vega, Vega-Lite, Vega-Embed, inlined into HTML reports) and tests/browser
# (playwright-core, which drives Debian's Chromium).
JOURNEYSIM_NPM_PROJECTS=(report/web tests/browser)

# Runs `npm ci` in each npm project whose node_modules is missing or older than its lock file.
install_npm_packages() {
  local project
  for project in "${JOURNEYSIM_NPM_PROJECTS[@]}"; do
    local marker="$project/node_modules/.package-lock.json"
    if [ ! -f "$marker" ] || [ "$project/package-lock.json" -nt "$marker" ]; then
      echo "journeysim: installing the npm packages of $project"
      npm ci --prefix "$project" --no-audit --no-fund --loglevel=error
    fi
  done
}

install_missing() {
  local missing=()
  for p in "${JOURNEYSIM_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]})); then
    echo "journeysim: installing ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  install_npm_packages
}

build_jobs() { nproc 2>/dev/null || echo 2; }

# configure_and_build PRESET: configures and builds one of CMakePresets.json's presets (release
# in ./build, asan-ubsan in ./build-asan, tsan, fuzz, dev), where every build's options live.
configure_and_build() {
  local preset=$1
  shift
  cmake --preset "$preset" "$@" >/dev/null
  cmake --build --preset "$preset" -j "$(build_jobs)"
}
