#!/bin/sh
# Runs fuzz_capturefile (or $FUZZER: fuzz_read, the whole --read path) for a bounded time, seeded with the capture files of
# ../shared/corpus split into files of a few packets (fuzz/capture-seeds.sh, in a temporary
# directory, never committed) and the regression inputs of tests/data/fuzz-capturefile,
# keeping crashes in ARTIFACTS. Exit status: the fuzzer's (non-zero when it found something).
# ASan options: see fuzz/run.sh.
#
# usage: fuzz/run-capturefile.sh BUILD_DIR SECONDS [ARTIFACTS_DIR] [extra libFuzzer flags]
#   e.g. fuzz/run-capturefile.sh build-fuzz 60
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$1 seconds=$2
fuzzer=${FUZZER:-fuzz_capturefile}
artifacts=${3:-$build/fuzz/artifacts-$fuzzer}
[ $# -ge 3 ] && shift 3 || shift $#
work=$(mktemp -d "${TMPDIR:-/tmp}/mdnscope-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts" "$work/corpus" "$work/seeds"
"$here/capture-seeds.sh" "$work/seeds" >/dev/null || true # no corpus: regression inputs only
cp "$here"/../tests/data/fuzz-capturefile/*.pcap* "$work/seeds/" 2>/dev/null || true
: "${ASAN_OPTIONS:=quarantine_size_mb=16:malloc_context_size=0}"
export ASAN_OPTIONS
# Inputs past 8 KiB are cut (a capture's tail cut mid-record is a case of its own).
"$build/fuzz/$fuzzer" -max_total_time="$seconds" -max_len=8192 \
    -dict="$here/capturefile.dict" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$@" "$work/corpus" "$work/seeds"
