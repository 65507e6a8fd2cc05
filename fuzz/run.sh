#!/bin/sh
# Runs one libFuzzer target for a bounded time on a fresh seed corpus from ../shared/corpus,
# keeping crashes in ARTIFACTS. Exit status: the fuzzer's (non-zero when it found something).
#
# usage: fuzz/run.sh BUILD_DIR TARGET SECONDS [ARTIFACTS_DIR]
#   e.g. fuzz/run.sh build-fuzz fuzz_dnsdecoder 60
# BUILD_DIR is configured with -DCMAKE_CXX_COMPILER=clang++ -DMDNSCOPE_FUZZ=ON (see
# fuzz/CMakeLists.txt).
#
# ASan options (unless ASAN_OPTIONS is set): a 16 MB quarantine instead of 256 MB (freed
# memory is still poisoned for the next 16 MB of frees, far more than one input frees; the
# default made every run page fresh memory in and cost 3x the executions), and no
# allocation stacks in reports (unwinding on every malloc). Rerun an artifact with
# ASAN_OPTIONS= to see where the memory was allocated and freed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$1 target=$2 seconds=$3
artifacts=${4:-$build/fuzz/artifacts-$target}
work=$(mktemp -d "${TMPDIR:-/tmp}/mdnscope-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts" "$work/corpus"
"$here/seeds.sh" "$work/seeds" >/dev/null || mkdir -p "$work/seeds" # no corpus: start empty
: "${ASAN_OPTIONS:=quarantine_size_mb=16:malloc_context_size=0}"
export ASAN_OPTIONS
# mDNS messages are at most 9000 bytes (RFC 6762 §17).
"$build/fuzz/$target" -max_total_time="$seconds" -max_len=9000 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work/corpus" "$work/seeds"
