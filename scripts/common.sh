# Sourced by the scripts in this folder: install what is missing, then configure and build.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
# ccache: paths relative to the checkout, so a fresh clone elsewhere (CI) reuses the cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

mdnscope_install() {
    "$ROOT/scripts/install-deps.sh"
}

# mdnscope_configure [extra cmake args...]: Release by default; -Werror in CI (CI=true).
mdnscope_configure() {
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    local werror=OFF
    [ "${CI:-}" = true ] && werror=ON
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DMDNSCOPE_WERROR=$werror "${launcher[@]}" "$@"
}

# mdnscope_build [extra cmake args...]: configure, then build every target.
mdnscope_build() {
    mdnscope_configure "$@"
    cmake --build "$BUILD_DIR" -j "$JOBS"
}
