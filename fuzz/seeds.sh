#!/bin/sh
# Extracts the UDP payloads of every capture in ../shared/corpus (pcap and pcapng; Ethernet
# with VLAN tags, Linux SLL/SLL2, raw IP, BSD loopback, 802.11 with or without radiotap) into
# one file per datagram, as a libFuzzer seed corpus. The captures themselves stay where they
# are; the seeds go to a temporary directory and are never committed.
#
# usage: fuzz/seeds.sh [OUTDIR] [CORPUSDIR]     (prints OUTDIR)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(mktemp -d "${TMPDIR:-/tmp}/mdnscope-seeds.XXXXXX")}
corpus=${2:-$here/../../shared/corpus}
[ -d "$corpus" ] || { echo "seeds.sh: no corpus at $corpus" >&2; exit 1; }
mkdir -p "$out"
python3 - "$corpus" "$out" <<'PY'
import os, struct, sys

corpus, out = sys.argv[1], sys.argv[2]

def ip_payload(pkt):
    """UDP payload of an IPv4/IPv6 packet, or None."""
    if len(pkt) < 1:
        return None
    v = pkt[0] >> 4
    if v == 4 and len(pkt) >= 20:
        ihl = (pkt[0] & 15) * 4
        total = struct.unpack('>H', pkt[2:4])[0]
        frag = struct.unpack('>H', pkt[6:8])[0]
        if pkt[9] != 17 or frag & 0x3FFF:
            return None
        udp = pkt[ihl:max(total, ihl)] if total else pkt[ihl:]
    elif v == 6 and len(pkt) >= 40:
        nxt, udp = pkt[6], pkt[40:40 + struct.unpack('>H', pkt[4:6])[0]]
        while nxt in (0, 43, 60) and len(udp) >= 8:
            nxt, udp = udp[0], udp[(udp[1] + 1) * 8:]
        if nxt != 17:
            return None
    else:
        return None
    if len(udp) < 8:
        return None
    # Use the IP length rather than the UDP length: the zlip files lie in the UDP length.
    return udp[8:]

def by_ethertype(etype, rest):
    while etype in (0x8100, 0x88A8) and len(rest) >= 4:
        etype, rest = struct.unpack('>H', rest[2:4])[0], rest[4:]
    return ip_payload(rest) if etype in (0x0800, 0x86DD) else None

def wlan(frame):
    # Find the LLC/SNAP header rather than decoding every 802.11 header variant.
    for etype in (b'\x08\x00', b'\x86\xdd'):
        i = frame.find(b'\xaa\xaa\x03\x00\x00\x00' + etype)
        if i >= 0:
            return ip_payload(frame[i + 8:])
    return None

def link(lt, frame):
    if lt == 1 and len(frame) >= 14:
        return by_ethertype(struct.unpack('>H', frame[12:14])[0], frame[14:])
    if lt == 113 and len(frame) >= 16:
        return by_ethertype(struct.unpack('>H', frame[14:16])[0], frame[16:])
    if lt == 276 and len(frame) >= 20:
        return by_ethertype(struct.unpack('>H', frame[0:2])[0], frame[20:])
    if lt in (101, 228, 229, 12, 14):
        return ip_payload(frame)
    if lt in (0, 108) and len(frame) >= 4:
        return ip_payload(frame[4:])
    if lt == 105:
        return wlan(frame)
    if lt == 127 and len(frame) >= 4:
        return wlan(frame[struct.unpack('<H', frame[2:4])[0]:])
    return None

def pcap(data):
    magic = data[:4]
    e = '<' if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
    lt = struct.unpack(e + 'I', data[20:24])[0] & 0xFFFF
    pos = 24
    while pos + 16 <= len(data):
        incl = struct.unpack(e + 'I', data[pos + 8:pos + 12])[0]
        yield lt, data[pos + 16:pos + 16 + incl]
        pos += 16 + incl

def pcapng(data):
    pos, e, lts = 0, '<', []
    while pos + 12 <= len(data):
        btype = struct.unpack(e + 'I', data[pos:pos + 4])[0]
        if btype == 0x0A0D0D0A:
            e = '<' if data[pos + 8:pos + 12] == b'\x4d\x3c\x2b\x1a' else '>'
            lts = []
        blen = struct.unpack(e + 'I', data[pos + 4:pos + 8])[0]
        if blen < 12:
            break
        body = data[pos + 8:pos + blen - 4]
        if btype == 1:
            lts.append(struct.unpack(e + 'H', body[0:2])[0])
        elif btype == 6 and len(body) >= 20:
            iface, caplen = struct.unpack(e + 'I', body[0:4])[0], struct.unpack(e + 'I', body[12:16])[0]
            if iface < len(lts):
                yield lts[iface], body[20:20 + caplen]
        pos += blen

count = 0
for name in sorted(os.listdir(corpus)):
    if not name.endswith(('.pcap', '.pcapng')):
        continue
    data = open(os.path.join(corpus, name), 'rb').read()
    walker = pcapng(data) if data[:4] == b'\x0a\x0d\x0d\x0a' else pcap(data)
    for i, (lt, frame) in enumerate(walker):
        payload = link(lt, frame)
        if payload is None:
            continue
        with open(os.path.join(out, '%s-%05d' % (name.rsplit('.', 1)[0], i)), 'wb') as f:
            f.write(payload)
        count += 1
print('seeds.sh: %d datagrams' % count, file=sys.stderr)
PY
echo "$out"
