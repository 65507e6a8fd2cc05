#!/usr/bin/env bash
# Installs what is missing, builds build/ in Release and runs the whole test suite.
# Arguments are passed to ctest, e.g. scripts/test.sh -R tst_bufferpool
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
mdnscope_install
mdnscope_build
cd "$BUILD_DIR"
ctest --output-on-failure -j "$JOBS" "$@"
