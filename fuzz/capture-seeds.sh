#!/bin/sh
# Splits every capture in ../shared/corpus into small capture files of a few packets each
# (pcap: the file header and PER records; pcapng: the section header and interface blocks
# seen so far, then PER packet blocks with any other blocks between them), as the seed
# corpus of fuzz_capturefile. Whole captures (up to 1 MB) made every input a megabyte cut
# at -max_len, so each run read and exported thousands of packets; a few packets per seed
# cover the same formats and link types at a fraction of the cost. A file's tail that is
# not a whole record or block stays on its last piece (corrupt-tail cases). The seeds go
# to a temporary directory and are never committed.
#
# usage: fuzz/capture-seeds.sh [OUTDIR] [CORPUSDIR] [PER]     (prints OUTDIR; PER: 4)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(mktemp -d "${TMPDIR:-/tmp}/mdnscope-capture-seeds.XXXXXX")}
corpus=${2:-$here/../../shared/corpus}
per=${3:-4}
[ -d "$corpus" ] || { echo "capture-seeds.sh: no corpus at $corpus" >&2; exit 1; }
mkdir -p "$out"
python3 - "$corpus" "$out" "$per" <<'PY'
import os, struct, sys

corpus, out, per = sys.argv[1], sys.argv[2], int(sys.argv[3])
count = 0

def emit(name, index, data):
    global count
    with open(os.path.join(out, '%s-%04d' % (name, index)), 'wb') as f:
        f.write(data)
    count += 1

def pcap(name, data):
    magic = data[:4]
    e = '<' if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1', b'\x34\xcd\xb2\xa1') else '>'
    record = 24 if magic in (b'\x34\xcd\xb2\xa1', b'\xa1\xb2\xcd\x34') else 16
    head, pos, group, n = data[:24], 24, [], 0
    while pos + record <= len(data):
        incl = struct.unpack(e + 'I', data[pos + 8:pos + 12])[0]
        group.append(data[pos:pos + record + incl])
        pos += record + incl
        if len(group) == per:
            emit(name, n, head + b''.join(group))
            n, group = n + 1, []
    if group or n == 0 or pos < len(data):
        emit(name, n, head + b''.join(group) + data[pos:])

PACKET_BLOCKS = (2, 3, 6)  # OPB, SPB, EPB

def pcapng(name, data):
    pos, e, header, group, packets, n = 0, '<', [], [], 0, 0
    while pos + 12 <= len(data):
        btype = struct.unpack(e + 'I', data[pos:pos + 4])[0]
        if btype == 0x0A0D0D0A:
            if group:
                emit(name, n, b''.join(header + group))
                n, group, packets = n + 1, [], 0
            e = '<' if data[pos + 8:pos + 12] == b'\x4d\x3c\x2b\x1a' else '>'
            header = []
        blen = struct.unpack(e + 'I', data[pos + 4:pos + 8])[0]
        if blen < 12:
            break
        block = data[pos:pos + blen]
        if btype in (0x0A0D0D0A, 1):  # SHB, IDB: every later piece needs them
            header.append(block)
        else:
            group.append(block)
            packets += btype in PACKET_BLOCKS
            if packets == per:
                emit(name, n, b''.join(header + group))
                n, group, packets = n + 1, [], 0
        pos += blen
    if group or n == 0 or pos < len(data):
        emit(name, n, b''.join(header + group) + data[pos:])

for name in sorted(os.listdir(corpus)):
    if not name.endswith(('.pcap', '.pcapng')):
        continue
    data = open(os.path.join(corpus, name), 'rb').read()
    base = name.rsplit('.', 1)[0]
    (pcapng if data[:4] == b'\x0a\x0d\x0d\x0a' else pcap)(base, data)
print('capture-seeds.sh: %d files' % count, file=sys.stderr)
PY
echo "$out"
