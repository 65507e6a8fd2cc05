#!/usr/bin/env bash
# Builds the libFuzzer targets with clang++ (build-fuzz/) and runs each for a bounded time,
# seeded from ../shared/corpus when it is there. Fails when a fuzzer finds a crash; the
# input is kept under build-fuzz/fuzz/artifacts-*/ to become a regression case.
# usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
seconds=${1:-60}
mdnscope_install
BUILD_DIR=$ROOT/build-fuzz mdnscope_configure -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DMDNSCOPE_FUZZ=ON -DMDNSCOPE_BUILD_TESTS=OFF \
    -DMDNSCOPE_BUILD_BENCH=OFF
cmake --build "$ROOT/build-fuzz" -j "$JOBS" --target fuzz_dnsdecoder fuzz_dnswire fuzz_capturefile fuzz_read fuzz_conformance \
    fuzz_displayfilter
if [ ! -d "$ROOT/../shared/corpus" ]; then
    echo "fuzz.sh: ../shared/corpus is absent; fuzzing without seeds" >&2
fi
"$ROOT/fuzz/run.sh" "$ROOT/build-fuzz" fuzz_dnsdecoder "$seconds"
"$ROOT/fuzz/run.sh" "$ROOT/build-fuzz" fuzz_dnswire "$seconds"
"$ROOT/fuzz/run.sh" "$ROOT/build-fuzz" fuzz_conformance "$seconds"
"$ROOT/fuzz/run-capturefile.sh" "$ROOT/build-fuzz" "$seconds"
FUZZER=fuzz_read "$ROOT/fuzz/run-capturefile.sh" "$ROOT/build-fuzz" "$seconds"
"$ROOT/fuzz/run-displayfilter.sh" "$ROOT/build-fuzz" "$seconds"
