# Shared by setup.sh and test.sh.

# Debian packages journeysim builds and tests with.
JOURNEYSIM_PACKAGES=(
  build-essential cmake pkg-config
  libboost-graph-dev libboost-random-dev libboost-math-dev
  nlohmann-json3-dev libfmt-dev libcli11-dev catch2
  libgraphviz-dev graphviz
  python3 python3-jsonschema
)

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
}

build_jobs() { nproc 2>/dev/null || echo 2; }

# configure_and_build DIR [cmake options...]
configure_and_build() {
  local dir=$1
  shift
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$(build_jobs)"
}
