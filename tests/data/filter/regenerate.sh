#!/bin/bash
# Writes tshark-counts.tsv: for each corpus capture and each filter of filters.txt, how many
# packets tshark's -Y selects among the frames mdnscope reads (UDP port 5353, not fragments,
# not ICMP errors). tst_displayfilter compares mdnscope's display filter with these counts.
# Filters tshark refuses are left out. frame.number rows only for captures whose every frame
# is an mDNS packet (elsewhere mdnscope numbers its packets, not the file's frames: issue #17).
# Usage: tests/data/filter/regenerate.sh [CORPUS_DIR]   (default ../shared/corpus)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-$here/../../../../shared/corpus}
base='udp.port == 5353 && !icmp && !icmpv6 && !(ip.flags.mf == 1) && !(ip.frag_offset > 0)'
out=$here/tshark-counts.tsv
{
    echo "# file	filter	tshark count ($(tshark --version | head -1))"
    for f in nfstream__mdns.pcap zeek__dns__mdns.pcap packetgen__mdns.pcapng \
             zeek__dns__mdns-no-assoc.pcap NEG__ndpi__dnscrypt-v2-on-5353.pcap; do
        all=$(tshark -r "$corpus/$f" 2>/dev/null | wc -l)
        mdns=$(tshark -r "$corpus/$f" -Y "$base" 2>/dev/null | wc -l)
        while IFS= read -r filter; do
            [[ -z $filter ]] && continue
            if [[ $filter == *frame.number* && $all != "$mdns" ]]; then continue; fi
            if count=$(tshark -r "$corpus/$f" -Y "($filter) && ($base)" 2>/dev/null | wc -l) &&
               tshark -r "$corpus/$f" -Y "$filter" -c 1 >/dev/null 2>&1; then
                printf '%s\t%s\t%s\n' "$f" "$filter" "$count"
            fi
        done <"$here/filters.txt"
    done
} >"$out"
