#!/usr/bin/env bash
# Runs the test suite under sanitizers, each in its own build folder:
#   asan  - the whole suite built with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
#   tsan  - the pool, transport, worker, slab, allocation, worker-thread holder and pipeline tests
#           (the decode thread, the open job) under ThreadSanitizer (build-tsan/)
# usage: scripts/sanitize.sh [asan|tsan|all]   (default all)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
what=${1:-all}
mdnscope_install

run_asan() {
    BUILD_DIR=$ROOT/build-asan mdnscope_build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DMDNSCOPE_SANITIZE=address,undefined -DMDNSCOPE_BUILD_BENCH=OFF
    (cd "$ROOT/build-asan" &&
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
        LSAN_OPTIONS=suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --output-on-failure -j "$JOBS")
}

run_tsan() {
    local tests=(tst_bufferpool tst_udptransport tst_ipv6capture tst_captureworker tst_allocationcounter
                 tst_receiveallocations tst_workerthread tst_packetpipeline tst_livefindings
                 tst_livebehaviour tst_packetslab)
    BUILD_DIR=$ROOT/build-tsan mdnscope_configure -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DMDNSCOPE_SANITIZE=thread -DMDNSCOPE_BUILD_BENCH=OFF
    cmake --build "$ROOT/build-tsan" -j "$JOBS" --target "${tests[@]}"
    local regex
    regex="^($(IFS='|'; echo "${tests[*]}"))\$"
    (cd "$ROOT/build-tsan" &&
        QT_NO_GLIB=1 TSAN_OPTIONS=suppressions=$ROOT/tests/sanitizers/tsan.supp:halt_on_error=1:second_deadlock_stack=1 \
        ctest --output-on-failure -j "$JOBS" -R "$regex")
}

case $what in
    asan) run_asan ;;
    tsan) run_tsan ;;
    all) run_asan; run_tsan ;;
    *) echo "usage: $0 [asan|tsan|all]" >&2; exit 2 ;;
esac
