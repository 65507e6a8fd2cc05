#!/bin/sh
# Runs fuzz_capturefile for a bounded time, seeded with the capture files of
# ../shared/corpus (copied to a temporary directory, never committed), keeping crashes in
# ARTIFACTS. Exit status: the fuzzer's (non-zero when it found something).
#
# usage: fuzz/run-capturefile.sh BUILD_DIR SECONDS [ARTIFACTS_DIR] [extra libFuzzer flags]
#   e.g. fuzz/run-capturefile.sh build-fuzz 60
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$1 seconds=$2
artifacts=${3:-$build/fuzz/artifacts-fuzz_capturefile}
[ $# -ge 3 ] && shift 3 || shift $#
corpus=$here/../../shared/corpus
work=$(mktemp -d "${TMPDIR:-/tmp}/mdnscope-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts" "$work/corpus" "$work/seeds"
[ -d "$corpus" ] && cp "$corpus"/*.pcap "$corpus"/*.pcapng "$work/seeds/" 2>/dev/null || true
# Inputs past 8 KiB are cut, which also makes the large captures corrupt-tail cases.
"$build/fuzz/fuzz_capturefile" -max_total_time="$seconds" -max_len=8192 \
    -dict="$here/capturefile.dict" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$@" "$work/corpus" "$work/seeds"
