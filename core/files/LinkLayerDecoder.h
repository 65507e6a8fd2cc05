#pragma once

#include "Packet.h"

#include <QtGlobal>

// Turns one captured link-layer frame into the UDP datagram it carries, when that
// datagram is from or to port 5353 over IPv4 or IPv6. Walks Ethernet (802.1Q / 802.1ad
// tags, 802.3 + SNAP), Linux cooked SLL / SLL2, raw IP, BSD null / loop and 802.11
// (with or without radiotap); honours the IPv4 header length, the IPv6 extension headers,
// the IP and UDP length fields and the captured length. Pure functions: any thread.
namespace LinkLayerDecoder {

enum class Outcome : quint8 {
    Mdns,           // `out` holds the datagram
    NotMdns,        // not UDP, not port 5353, not IP, or headers that make no sense
    Fragment,       // an IP fragment of a UDP datagram (never reassembled)
    Short,          // the capture stops before the headers that would tell
    UnknownLinkType // a link type this decoder does not walk
};

// LINKTYPE_* values (https://www.tcpdump.org/linktypes.html) this decoder understands.
namespace LinkType {
enum : quint32 {
    Null = 0,
    Ethernet = 1,
    RawOld = 12,     // DLT_RAW on most systems, seen in old files
    RawOpenBsd = 14, // DLT_RAW on OpenBSD
    Raw = 101,
    Ieee80211 = 105,
    Loop = 108,
    LinuxSll = 113,
    Radiotap = 127,
    Ipv4 = 228,
    Ipv6 = 229,
    LinuxSll2 = 276
};
}

bool isSupported(quint32 linkType);

// Fills out.source, destination, ports, ttl, data, originalLength and truncated when
// the result is Outcome::Mdns; leaves the other members alone. `frame` holds the
// `capturedLength` bytes the capture kept.
Outcome decode(quint32 linkType, const uchar *frame, qsizetype capturedLength, Packet &out);

} // namespace LinkLayerDecoder
