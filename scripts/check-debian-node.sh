#!/usr/bin/env bash
# Checks that the npm projects and the browser tests work with Debian 12's own Node.js 18 and
# npm 9, as on a stock Debian machine where scripts/setup.sh installs the `nodejs` and `npm`
# packages, even when this machine has another node (NodeSource's, say) installed.
#
#   scripts/check-debian-node.sh [BUILD_DIR]     (default ./build, an existing build)
#
# Downloads Debian's nodejs, libnode108 and npm and what apt would install with them here
# (apt-get download, into a temporary folder), extracts them, and in a private mount namespace
# lays that tree over /usr, so that node, npm and /usr/share/nodejs are Debian's there and nowhere
# else. Debian's npm installs tests/browser and report/web from their lock files into temporary
# copies with --engine-strict (any package whose `engines` refuses the node fails), the copy of
# tests/browser is bound over the source tree's tests/browser inside the namespace only, and
# `ctest -L browser` runs the browser tests of BUILD_DIR with that node. Nothing outside the
# temporary folder and BUILD_DIR's test outputs is changed. Needs root (or unprivileged user
# namespaces) for the mount namespace; exits non-zero when any step or test fails.
set -euo pipefail

build=$(realpath "${1:-build}")
if [ ! -f "$build/CMakeCache.txt" ] || [ ! -f "$build/CTestTestfile.cmake" ]; then
  echo "check-debian-node: $build is not a configured build folder (run scripts/test.sh)" >&2
  exit 2
fi
src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")
if [ ! -f "$src/tests/browser/package-lock.json" ]; then
  echo "check-debian-node: $build's source folder ($src) has no tests/browser" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/journeysim-debian-node.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Debian's version of Node.js: libnode108 comes only from Debian, at the version of its nodejs.
candidate() { apt-cache policy libnode108 2>/dev/null | sed -n 's/^ *Candidate: //p'; }
version=$(candidate)
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  [ "$(id -u)" -eq 0 ] && apt-get update -qq
  version=$(candidate)
fi
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  echo "check-debian-node: apt knows no libnode108 (is this Debian 12?)" >&2
  exit 1
fi

# What `apt-get install nodejs npm` would install at Debian's version (--reinstall lists them
# even when Debian's are installed already); their dependencies that are installed stay visible
# from the real /usr under the overlay.
packages=$(apt-get -s install --reinstall --no-install-recommends \
             "nodejs=$version" "libnode108=$version" npm 2>/dev/null |
           awk '/^Inst /{v=$3; if (v ~ /^\[/) v=$4; sub(/^\(/, "", v); print $2 "=" v}')
for name in nodejs libnode108 npm; do
  if ! grep -q "^$name=" <<<"$packages"; then
    echo "check-debian-node: apt would not install Debian's $name; its simulation said:" >&2
    apt-get -s install --reinstall --no-install-recommends "nodejs=$version" npm >&2 || true
    exit 1
  fi
done
echo "check-debian-node: downloading $(wc -l <<<"$packages") Debian packages" \
     "(nodejs $version, $(grep '^npm=' <<<"$packages"))"
mkdir "$work/debs" "$work/root"
# shellcheck disable=SC2086  # one word per package
if ! (cd "$work/debs" && apt-get download -qq $packages) >"$work/download.log" 2>&1; then
  cat "$work/download.log" >&2
  echo "check-debian-node: apt-get download failed (apt-get update may help)" >&2
  exit 1
fi
count=$(find "$work/debs" -name '*.deb' | wc -l)
if [ "$count" -ne "$(wc -l <<<"$packages")" ]; then
  echo "check-debian-node: downloaded $count of $(wc -l <<<"$packages") packages" >&2
  exit 1
fi
for deb in "$work/debs"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
rm -rf "$work/debs"

# Copies of the npm projects, without node_modules.
for project in tests/browser report/web; do
  mkdir -p "$work/$project"
  (cd "$src/$project" && find . -path ./node_modules -prune -o -type f -print0 |
     xargs -0 cp --parents -t "$work/$project")
done

inside=$(cat <<'EOF'
set -euo pipefail
mount -t overlay overlay -o "ro,lowerdir=$work/root/usr:/usr" /usr
export PATH="/usr/bin:$PATH" npm_config_cache="$work/npm-cache" npm_config_update_notifier=false
echo "check-debian-node: $(command -v node) $(node --version), npm $(npm --version)"
case "$(node --version)" in v18.*) ;; *) echo "check-debian-node: not Node 18" >&2; exit 1;; esac
for project in report/web tests/browser; do
  echo "check-debian-node: npm ci --engine-strict in a copy of $project"
  npm ci --prefix "$work/$project" --engine-strict --no-audit --no-fund --loglevel=warn
done
for lib in vega/build/vega.min.js vega-lite/build/vega-lite.min.js \
           vega-embed/build/vega-embed.min.js; do
  [ -s "$work/report/web/node_modules/$lib" ] || { echo "missing $lib" >&2; exit 1; }
done
mount --bind "$work/tests/browser" "$src/tests/browser"
node -e 'for (const [dir, names] of [[process.argv[1], ["vega", "vega-lite", "vega-embed"]],
                                     [process.argv[2], ["playwright-core"]]])
           for (const name of names)
             console.log(`  ${dir}/node_modules/${name} ${require(`${dir}/node_modules/${name}/package.json`).version}`);' \
  "$work/report/web" "$src/tests/browser"
echo "check-debian-node: ctest -L browser in $build with Debian's node"
ctest --test-dir "$build" -L browser --output-on-failure --no-tests=error | tee "$work/ctest.log"
if grep -q 'tests did not run\|\*\*\*Skipped' "$work/ctest.log"; then
  echo "check-debian-node: some browser tests were skipped (is chromium installed?)" >&2
  exit 1
fi
EOF
)
ns=(unshare --mount --propagation private)
[ "$(id -u)" -eq 0 ] || ns=(unshare --user --map-root-user --mount --propagation private)
if work=$work src=$src build=$build "${ns[@]}" bash -c "$inside"; then
  echo "check-debian-node: the browser tests pass with Debian's Node.js $version"
else
  echo "check-debian-node: FAILED with Debian's Node.js $version" >&2
  exit 1
fi
