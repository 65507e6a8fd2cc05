#!/usr/bin/env bash
# Installs what is missing, builds build/ in Release and launches mdnscope.
# Arguments are passed to mdnscope, e.g. scripts/run.sh --headless --duration 10
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
mdnscope_install
mdnscope_build >&2
exec "$BUILD_DIR/app/mdnscope" "$@"
