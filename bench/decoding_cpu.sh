#!/usr/bin/env bash
# Decoding CPU, mdnscope vs tshark (issue #18 target 6, first half): prints two markdown rows
# (the | Benchmark | Compares | Measured | Ratio | Target | Met | table of bench/run.sh):
#   mdnscope --read F --csv -  vs  tshark -r F             target: >= 10x less CPU
#   mdnscope --read F --json - vs  tshark -r F -T json     target: >= 100x less CPU
# CPU is user + system time of the command (/usr/bin/time: getrusage of the child), its
# standard output piped to `wc -l` as bench/run.sh does.
# Each command runs ROUNDS times (default 3), the commands interleaved round by round so
# other load on the machine falls on all of them alike; the median of each is compared.
# The load average before and after is printed in the row.
#
#   bench/decoding_cpu.sh MDNSCOPE CAPTURE [ROUNDS]
set -euo pipefail
MDNSCOPE=$1
CAPTURE=$2
ROUNDS=${3:-3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mdnscope-decodecpu.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
if ! command -v tshark >/dev/null || [ ! -x /usr/bin/time ]; then
    row "Decoding CPU" "mdnscope --read vs tshark" "not measured: needs tshark and /usr/bin/time" "-" "-" "-"
    exit 0
fi

# cpu CMD...: prints the CPU seconds (user + sys) of CMD, its stdout counted by wc -l into
# $WORK/lines; fails when CMD fails.
cpu() {
    /usr/bin/time -o "$WORK/time" -f '%U %S' "$@" 2>"$WORK/err" | wc -l >"$WORK/lines" || return 1
    awk '{ printf "%.3f", $1 + $2 }' "$WORK/time"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
atleast() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }' && echo yes || echo "**NO**"; }

cat "$CAPTURE" >/dev/null # page cache warm for everyone
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
m_csv="" m_json="" t_sum="" t_json=""
for ((round = 1; round <= ROUNDS; ++round)); do
    echo "decoding_cpu: round $round of $ROUNDS" >&2
    m_csv+=" $(cpu "$MDNSCOPE" --read "$CAPTURE" --csv -)" || { row "Decoding CPU" "mdnscope --read --csv" "not measured: $(head -c 200 "$WORK/err")" "-" "-" "-"; exit 0; }
    t_sum+=" $(cpu tshark -r "$CAPTURE")" || { row "Decoding CPU" "tshark -r" "not measured: $(head -c 200 "$WORK/err")" "-" "-" "-"; exit 0; }
    m_json+=" $(cpu "$MDNSCOPE" --read "$CAPTURE" --json -)" || { row "Decoding CPU" "mdnscope --read --json" "not measured: $(head -c 200 "$WORK/err")" "-" "-" "-"; exit 0; }
    t_json+=" $(cpu tshark -r "$CAPTURE" -T json)" || { row "Decoding CPU" "tshark -T json" "not measured: $(head -c 200 "$WORK/err")" "-" "-" "-"; exit 0; }
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
mc=$(median <<<"$m_csv")
ts=$(median <<<"$t_sum")
mj=$(median <<<"$m_json")
tj=$(median <<<"$t_json")
rc=$(ratio "$ts" "$mc")
rj=$(ratio "$tj" "$mj")
packets=$(basename "$CAPTURE")
row "Decoding CPU, $packets" "mdnscope --read F --csv - vs tshark -r F (CPU user+sys, median of $ROUNDS interleaved rounds, stdout piped to wc -l)" \
    "mdnscope $mc s (runs:$m_csv), tshark $ts s (runs:$t_sum); load $load_before -> $load_after" \
    "${rc}x less CPU" ">= 10x less CPU" "$(atleast "$rc" 10)"
row "Decoding CPU, $packets" "mdnscope --read F --json - vs tshark -r F -T json (CPU user+sys, median of $ROUNDS interleaved rounds, stdout piped to wc -l)" \
    "mdnscope $mj s (runs:$m_json), tshark $tj s (runs:$t_json); load $load_before -> $load_after" \
    "${rj}x less CPU" ">= 100x less CPU" "$(atleast "$rj" 100)"
