#!/usr/bin/env bash
# Runs mdnscope's benchmarks and prints ONE markdown table on stdout: the machine and
# date, then one row per comparison (every ratio measured in this same run). Progress
# and diagnostics go to stderr. Builds what it needs first (Release) if missing.
# Benchmarks that send datagrams do so only inside private network namespaces they
# create (needs root or unprivileged user namespaces); rows that cannot run say why.
#
#   bench/run.sh                    # uses build/ (BUILD_DIR=... to choose another)
#   DECODE_PACKETS=20000 bench/run.sh   # smaller decoding input for a quick look
#   CAPTURE_ROUNDS=3 bench/run.sh        # fewer throughput rounds (default 5)
#   CAPTURE6_ROUNDS=5 bench/run.sh       # more IPv6-over-veth throughput rounds (default 3)
#   CAPTURECPU_ROUNDS=5 bench/run.sh     # capture CPU vs dumpcap/tcpdump rounds (default 3)
#   PACED_RUNS=3 bench/run.sh            # paced 100,000 pkt/s runs (default 10: ~4 min)
#   DECODE_CPU_ROUNDS=1 bench/run.sh     # fewer decoding-CPU rounds vs tshark (default 3)
#   ANALYSIS_ROUNDS=9 bench/run.sh       # more --read vs --read --check --services runs (default 5)
# About 12 minutes on an idle 2-core machine once built (the analysis-cost rows ~1 min, the decoding-CPU rows ~3 min: three
# interleaved rounds, each with tshark -T json on the 200,000-packet file); the throughput rows take ~1.5 min
# (5 rounds of three 5 s floods, one receiver at a time), the IPv6 throughput rows ~2 min
# (IPv6 and IPv4 across a veth pair in the same rounds: six 5 s floods a round, so 3 rounds
# by default, fewer than over lo), tshark -T json on the 200,000-packet file ~45 s, the GUI
# benchmarks ~40 s. The throughput benchmark pins its
# sender and receiver to two CPUs at nice -20 (as root) and reports medians with their
# spread; other load still adds noise: a quiet machine gives the steadiest figures.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
DECODE_PACKETS=${DECODE_PACKETS:-200000}
CAPTURE_ROUNDS=${CAPTURE_ROUNDS:-5}
CAPTURE6_ROUNDS=${CAPTURE6_ROUNDS:-3}
CAPTURECPU_DATAGRAMS=${CAPTURECPU_DATAGRAMS:-200000}
CAPTURECPU_ROUNDS=${CAPTURECPU_ROUNDS:-3}
PACED_RATE=${PACED_RATE:-100000}
PACED_RUNS=${PACED_RUNS:-10}
CORPUS=$ROOT/../shared/corpus
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mdnscope-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log() { echo "bench: $*" >&2; }

# --- build what is needed -----------------------------------------------------------
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >&2
fi
wanted=(mdnscope bench_zeroing bench_receivepath bench_capture bench_capturecpu bench_makecapture bench_packetmodel
    bench_guiallocations bench_conformance bench_displayfilter bench_timeline
    bench_behaviourviews bench_guilive bench_captureallocations mdnscope_malloccount)
known=$(cmake --build "$BUILD_DIR" --target help 2>/dev/null | sed -n 's/^\([A-Za-z0-9_]*\):.*/\1/p')
targets=()
for t in "${wanted[@]}"; do
    grep -qx "$t" <<<"$known" && targets+=("$t")
done
log "building ${targets[*]} in $BUILD_DIR"
cmake --build "$BUILD_DIR" -j "$JOBS" --target "${targets[@]}" >&2
has() { [ -x "$BUILD_DIR/bench/$1" ]; }
MDNSCOPE=$BUILD_DIR/app/mdnscope

ROWS=$WORK/rows.md
: >"$ROWS"
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@" >>"$ROWS"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
atleast() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }' && echo yes || echo "**NO**"; }

# --- receive path: pooled vs no-pool --------------------------------------------------
if has bench_receivepath; then
    log "receive path (pooled vs no-pool, real datagrams: IPv4 over loopback, IPv6 and IPv4 across a veth pair)"
    "$BUILD_DIR/bench/bench_receivepath" >>"$ROWS" || log "bench_receivepath failed ($?)"
else
    row "Receive path" "pooled vs no-pool" "not measured: bench_receivepath is not built (needs core/capture/UdpTransport)" "-" "-" "-"
fi

# --- zeroing before reuse -------------------------------------------------------------
log "zeroing before reuse"
"$BUILD_DIR/bench/bench_zeroing" >>"$ROWS" || log "bench_zeroing failed ($?)"

# --- capture throughput -----------------------------------------------------------------
log "capture throughput ($CAPTURE_ROUNDS rounds of 5 s floods: bare loop, bare loop with metadata, engine; then 10 s paced)"
"$BUILD_DIR/bench/bench_capture" "$MDNSCOPE" 5 50000 10 "$CAPTURE_ROUNDS" >>"$ROWS" || log "bench_capture failed ($?)"
# IPv6 multicast does not loop back over lo: the IPv6 flood crosses a veth pair in the
# namespace, with IPv4 over the same pair as a reference in the same rounds.
log "capture throughput, IPv6 and IPv4 across a veth pair ($CAPTURE6_ROUNDS rounds of six 5 s floods; then 10 s paced each)"
"$BUILD_DIR/bench/bench_capture" "$MDNSCOPE" 5 50000 10 "$CAPTURE6_ROUNDS" ipv6-veth,ipv4-veth >>"$ROWS" ||
    log "bench_capture (IPv6) failed ($?)"

# --- capture CPU: mdnscope --headless --write vs dumpcap (tcpdump for reference) ----------
if has bench_capturecpu; then
    log "capture CPU writing a file: mdnscope, dumpcap, tcpdump ($CAPTURECPU_ROUNDS rounds of $CAPTURECPU_DATAGRAMS datagrams each)"
    "$BUILD_DIR/bench/bench_capturecpu" "$MDNSCOPE" "$CAPTURECPU_DATAGRAMS" "$CAPTURECPU_ROUNDS" >>"$ROWS" ||
        log "bench_capturecpu failed ($?)"
    log "paced $PACED_RATE pkt/s for 10 s, $PACED_RUNS runs of the bare loop and the engine"
    "$BUILD_DIR/bench/bench_capturecpu" paced "$MDNSCOPE" "$PACED_RATE" 10 "$PACED_RUNS" >>"$ROWS" ||
        log "bench_capturecpu paced failed ($?)"
else
    row "Capture CPU, writing a file" "mdnscope vs dumpcap" "not measured: bench_capturecpu is not built" "-" "-" "-"
fi

# --- decoding: mdnscope --read vs tshark -------------------------------------------------
# timed CMD...: runs CMD with its stdout counted by `wc -l` (the same pipe for every
# command); sets T_REAL and T_CPU (user + sys of the whole pipeline) in seconds and
# T_LINES, or T_REAL=-1 when the command failed.
timed() {
    local out
    if out=$( { TIMEFORMAT='%R %U %S'; time "$@" 2>"$WORK/timed.err" | wc -l >"$WORK/lines"; } 2>&1); then
        T_REAL=$(awk '{ print $1 }' <<<"$out")
        T_CPU=$(awk '{ print $2 + $3 }' <<<"$out")
        T_LINES=$(cat "$WORK/lines")
    else
        T_REAL=-1
        T_CPU=-1
        T_LINES=0
    fi
}
decode_row() { # what m_real m_cpu t_real t_cpu target_ratio target_text
    local r c
    if [ "$2" = -1 ] || [ "$4" = -1 ]; then
        row "Decoding $DECODE_PACKETS packets" "$1" "not measured: a command failed: $(head -c 300 "$WORK/timed.err" | tr '\n' ' ')" "-" "-" "-"
        return
    fi
    r=$(ratio "$4" "$2")
    c=$(ratio "$5" "$3")
    row "Decoding $DECODE_PACKETS packets ($CAPTURE_MB MB pcapng)" "$1" \
        "wall: mdnscope $2 s, tshark $4 s; CPU: mdnscope $3 s, tshark $5 s" \
        "mdnscope ${r}x faster (CPU ${c}x)" "$7" "$(atleast "$r" "$6")"
}
CAPTURE=$WORK/mdns-$DECODE_PACKETS.pcapng
if [ ! -f "$CORPUS/nfstream__mdns.pcap" ]; then
    row "Decoding" "mdnscope --read vs tshark" "not measured: ../shared/corpus/nfstream__mdns.pcap is missing" "-" "-" "-"
elif ! command -v tshark >/dev/null; then
    row "Decoding" "mdnscope --read vs tshark" "not measured: tshark is not installed" "-" "-" "-"
elif ! "$BUILD_DIR/bench/bench_makecapture" "$CORPUS/nfstream__mdns.pcap" "$CAPTURE" "$DECODE_PACKETS" 2>"$WORK/make.err"; then
    row "Decoding" "mdnscope --read vs tshark" "not measured: $(tr '\n' ' ' <"$WORK/make.err")" "-" "-" "-"
else
    CAPTURE_MB=$(awk -v b="$(stat -c %s "$CAPTURE")" 'BEGIN { printf "%.1f", b / 1e6 }')
    cat "$CAPTURE" >/dev/null # page cache warm for everyone
    log "decoding: mdnscope --json / --csv, tshark -T json / summary ($DECODE_PACKETS packets)"
    timed "$MDNSCOPE" --read "$CAPTURE" --json -
    m_json=("$T_REAL" "$T_CPU")
    m_json_lines=$T_LINES
    timed tshark -r "$CAPTURE" -T json
    t_json=("$T_REAL" "$T_CPU")
    timed "$MDNSCOPE" --read "$CAPTURE" --csv -
    m_csv=("$T_REAL" "$T_CPU")
    m_csv_lines=$T_LINES
    timed tshark -r "$CAPTURE"
    t_sum=("$T_REAL" "$T_CPU")
    t_sum_lines=$T_LINES
    # mdnscope must have written every packet: one JSON line each, a CSV header + one row each.
    if [ "$m_json_lines" != "$DECODE_PACKETS" ] || [ "$m_csv_lines" != $((DECODE_PACKETS + 1)) ]; then
        row "Decoding" "mdnscope --read" "not measured: mdnscope wrote $m_json_lines JSON lines and $m_csv_lines CSV lines for $DECODE_PACKETS packets" "-" "-" "-"
    else
        decode_row "mdnscope --read F --json - vs tshark -r F -T json (stdout piped to wc -l, one run each)" \
            "${m_json[@]}" "${t_json[@]}" 20 ">= 20x faster (wall)"
        decode_row "mdnscope --read F --csv - vs tshark -r F ($t_sum_lines summary lines; stdout piped to wc -l, one run each)" \
            "${m_csv[@]}" "${t_sum[@]}" 5 ">= 5x faster (wall)"
    fi
fi

# --- decoding CPU: mdnscope --read vs tshark, median of interleaved rounds -----------------------
# Issue #18 target 6 (first half): --csv >= 10x and --json >= 100x less CPU than tshark.
# DECODE_CPU_ROUNDS=1 for a quick look (each round runs tshark -T json once: ~50 s of CPU).
if [ -f "$CAPTURE" ] && [ -x "$ROOT/bench/decoding_cpu.sh" ]; then
    log "decoding CPU: mdnscope --csv / --json vs tshark, ${DECODE_CPU_ROUNDS:-3} interleaved rounds"
    "$ROOT/bench/decoding_cpu.sh" "$MDNSCOPE" "$CAPTURE" "${DECODE_CPU_ROUNDS:-3}" >>"$ROWS" ||
        log "decoding_cpu.sh failed ($?)"
else
    row "Decoding CPU" "mdnscope --read vs tshark (CPU)" "not measured: no benchmark capture or bench/decoding_cpu.sh missing" "-" "-" "-"
fi

# --- conformance checker on the same capture -------------------------------------------------
if [ -f "$CAPTURE" ] && has bench_conformance; then
    log "conformance checker on the $DECODE_PACKETS-packet capture"
    "$BUILD_DIR/bench/bench_conformance" "$CAPTURE" >>"$ROWS" || log "bench_conformance failed ($?)"
else
    row "Conformance checker" "decode thread, with and without the checker" "not measured: no benchmark capture or bench_conformance not built" "-" "-" "-"
fi

# --- the analysis' cost: --read F vs --read F --check --services --------------------------
# CPU (user + sys) of plain `--read F` (one summary line per packet) against `--read F` with
# the conformance checker and the service directory (their outputs written to /dev/null, as
# --check and --services cannot both take standard output), stdout to /dev/null; rounds
# interleaved, medians compared (ANALYSIS_ROUNDS, default 5).
ANALYSIS_ROUNDS=${ANALYSIS_ROUNDS:-5}
if [ ! -f "$CAPTURE" ] && [ -f "$CORPUS/nfstream__mdns.pcap" ] && has bench_makecapture; then
    "$BUILD_DIR/bench/bench_makecapture" "$CORPUS/nfstream__mdns.pcap" "$CAPTURE" "$DECODE_PACKETS" 2>/dev/null || true
fi
cpu_of() { # CMD...: sets C_CPU (user + sys, s); C_CPU=-1 when it did not run (exit >= 4)
    local out rc=0
    out=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>"$WORK/cpu.err"; } 2>&1) || rc=$?
    # --check exits 3 when it found errors: a finished run all the same.
    if [ "$rc" -ge 4 ] || [ "$rc" = 1 ] || [ "$rc" = 2 ]; then C_CPU=-1; return; fi
    C_CPU=$(awk '{ print $1 + $2 }' <<<"$out")
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
if [ -f "$CAPTURE" ]; then
    log "analysis cost: --read vs --read --check --services ($ANALYSIS_ROUNDS interleaved rounds)"
    plain=() analysed=() failed=""
    for ((i = 0; i < ANALYSIS_ROUNDS; i++)); do
        cpu_of "$MDNSCOPE" --read "$CAPTURE"
        [ "$C_CPU" = -1 ] && failed=plain
        plain+=("$C_CPU")
        cpu_of "$MDNSCOPE" --read "$CAPTURE" --check /dev/null --services /dev/null
        [ "$C_CPU" = -1 ] && failed=analysed
        analysed+=("$C_CPU")
    done
    if [ -n "$failed" ]; then
        row "Analysis cost" "--read vs --read --check --services" "not measured: the $failed run failed: $(head -c 300 "$WORK/cpu.err" | tr '\n' ' ')" "-" "-" "-"
    else
        mp=$(median "${plain[@]}")
        ma=$(median "${analysed[@]}")
        extra=$(awk -v a="$ma" -v p="$mp" 'BEGIN { if (p > 0) printf "%.0f", (a / p - 1) * 100; else print "n/a" }')
        met=$(awk -v a="$ma" -v p="$mp" 'BEGIN { exit !(p > 0 && a <= 1.2 * p) }' && echo yes || echo "**NO**")
        row "Analysis cost, $DECODE_PACKETS packets" \
            "mdnscope --read F vs --read F --check /dev/null --services /dev/null (stdout to /dev/null; median CPU of $ANALYSIS_ROUNDS interleaved runs, load $(cut -d' ' -f1-3 /proc/loadavg))" \
            "CPU: --read $mp s, with the analysis $ma s (runs: ${plain[*]} / ${analysed[*]})" \
            "the analysis ${extra} % more CPU" "<= 20 % more CPU" "$met"
    fi
else
    row "Analysis cost" "--read vs --read --check --services" "not measured: no benchmark capture (needs ../shared/corpus/nfstream__mdns.pcap)" "-" "-" "-"
fi

if [ -f "$CAPTURE" ] && has bench_displayfilter; then
    log "display filter over 1,000,000 stored packets"
    "$BUILD_DIR/bench/bench_displayfilter" "$CAPTURE" >>"$ROWS" || log "bench_displayfilter failed ($?)"
else
    row "Display filter" "1,000,000 stored packets" "not measured: no benchmark capture or bench_displayfilter not built" "-" "-" "-"
fi

if [ -f "$CAPTURE" ] && has bench_behaviourviews; then
    log "behaviour views (timeline, latency, talkers) at 20,000 packets/s"
    QT_QPA_PLATFORM=offscreen "$BUILD_DIR/bench/bench_behaviourviews" "$CAPTURE" >>"$ROWS" ||
        log "bench_behaviourviews failed ($?)"
else
    row "Behaviour views at 20,000 packets/s" "timeline, latency, talkers" "not measured: no benchmark capture or bench_behaviourviews not built" "-" "-" "-"
fi

# --- GUI model ------------------------------------------------------------------------------
if has bench_packetmodel; then
    log "GUI model append"
    QT_QPA_PLATFORM=offscreen "$BUILD_DIR/bench/bench_packetmodel" >>"$ROWS" || log "bench_packetmodel failed ($?)"
else
    row "GUI model append" "see bench_packetmodel (gui helper)" "not built yet" "-" "-" "-"
fi

# --- timeline view ---------------------------------------------------------------------------
if has bench_timeline; then
    log "timeline repaint and append (~10 s)"
    QT_QPA_PLATFORM=offscreen "$BUILD_DIR/bench/bench_timeline" >>"$ROWS" || log "bench_timeline failed ($?)"
else
    row "Timeline repaint" "see bench_timeline" "not built" "-" "-" "-"
fi

# --- GUI allocations while capturing ---------------------------------------------------------
if has bench_guiallocations; then
    log "GUI allocations while capturing (every dock shown; 200 packets/s pooled, then 1,000 datagrams/s of 300 B pooled and unpooled; ~35 s)"
    QT_QPA_PLATFORM=offscreen "$BUILD_DIR/bench/bench_guiallocations" >>"$ROWS" ||
        log "bench_guiallocations failed ($?)"
else
    row "GUI allocations while capturing" "see bench_guiallocations" "not built (needs MDNSCOPE_BUILD_TESTS=ON)" "-" "-" "-"
fi

# --- the window capturing a flood ---------------------------------------------------------------
if has bench_guilive; then
    GUILIVE_SECONDS=${GUILIVE_SECONDS:-60}
    log "the window capturing 50,000 packets/s (~$((GUILIVE_SECONDS + 5)) s; GUILIVE_SECONDS to change)"
    QT_QPA_PLATFORM=offscreen "$BUILD_DIR/bench/bench_guilive" 50000 "$GUILIVE_SECONDS" >>"$ROWS" ||
        log "bench_guilive failed ($?)"
else
    row "GUI thread while capturing a flood" "see bench_guilive" "not built (needs MDNSCOPE_BUILD_TESTS=ON)" "-" "-" "-"
fi

# --- capture allocations, whole process (two counters) ----------------------------------------
if has bench_captureallocations && [ -f "$BUILD_DIR/bench/libmdnscope_malloccount.so" ]; then
    log "capture allocations, whole process: headless, --write, --stats-json; pooled and --no-pool (~70 s)"
    "$BUILD_DIR/bench/bench_captureallocations" "$MDNSCOPE" "$BUILD_DIR/bench/libmdnscope_malloccount.so" >>"$ROWS" ||
        log "bench_captureallocations failed ($?)"
else
    row "Capture allocations (whole process)" "see bench_captureallocations" "not built (needs MDNSCOPE_BUILD_TESTS=ON, no sanitizer)" "-" "-" "-"
fi

# --- the table ---------------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "mdnscope benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, Linux $(uname -r); build: $BUILD_DIR (Release)"
echo
echo "| Benchmark | Compares | Measured | Ratio | Target | Met |"
echo "|---|---|---|---|---|---|"
cat "$ROWS"
