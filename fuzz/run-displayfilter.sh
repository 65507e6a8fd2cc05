#!/bin/sh
# Runs fuzz_displayfilter for a bounded time, seeded with every filter of
# tests/data/filter/filters.txt, each followed by a corpus datagram (fuzz/seeds.sh), so the
# fuzzer starts from real filters over real messages.
# usage: fuzz/run-displayfilter.sh BUILD_DIR SECONDS
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$1 seconds=$2
artifacts=$build/fuzz/artifacts-fuzz_displayfilter
work=$(mktemp -d "${TMPDIR:-/tmp}/mdnscope-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts" "$work/corpus" "$work/seeds"
"$here/seeds.sh" "$work/datagrams" >/dev/null || mkdir -p "$work/datagrams"
set -- "$work"/datagrams/*
n=0
while IFS= read -r filter; do
    n=$((n + 1))
    datagram=$(eval "echo \${$(( (n % $#) + 1 ))}")
    { printf '%s\n' "$filter"; [ -f "$datagram" ] && cat "$datagram"; } >"$work/seeds/$n"
done <"$here/../tests/data/filter/filters.txt"
: "${ASAN_OPTIONS:=quarantine_size_mb=16:malloc_context_size=0}"
export ASAN_OPTIONS
"$build/fuzz/fuzz_displayfilter" -max_total_time="$seconds" -max_len=9300 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$work/corpus" "$work/seeds"
