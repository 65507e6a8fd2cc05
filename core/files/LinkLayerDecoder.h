#pragma once

#include "Packet.h"

#include <QtGlobal>

// Turns one captured link-layer frame into the UDP datagram it carries, when that
// datagram is from or to port 5353 over IPv4 or IPv6. Walks Ethernet (802.1Q / 802.1ad
// tags, 802.3 + SNAP), Linux cooked SLL / SLL2, raw IP, BSD null / loop and 802.11
// (with or without radiotap); honours the IPv4 header length, the IPv6 extension headers,
// the IP and UDP length fields and the captured length. IPv6 extension header chains are
// walked as far as the payload goes, with no count limit (as tshark). Pure functions: any thread.
namespace LinkLayerDecoder {

enum class Outcome : quint8 {
    Mdns,           // `out` holds the datagram
    NotMdns,        // not UDP, not port 5353, or not IP
    Malformed,      // IP / UDP headers that contradict themselves: see Fault
    Fragment,       // an IP fragment of a UDP datagram: see FragmentInfo (IpReassembler)
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

// Why a frame is Outcome::Malformed; `value` is the offending field, `limit` what it
// breaks (e.g. Ipv4HeaderLength 16, limit 20). Plain values: filled without allocating.
enum class Malformed : quint8 {
    None,
    Ipv4HeaderLength,     // IHL * 4 below 20
    Ipv4TotalLength,      // total length below the header length
    Ipv6ExtensionHeader,  // an extension header at `value` runs past the payload end `limit`
    UdpInShortIpPayload,  // the IP payload (value) is too short for a UDP header
    UdpLengthBelowHeader, // the UDP length field (value) is below 8
};
struct Fault
{
    Malformed kind = Malformed::None;
    qint64 value = 0;
    qint64 limit = 0;
};

// Where the parts of a frame lie, filled by decode() (offsets into `frame`; -1 unknown): the
// IP header (the link header before it) and, for Outcome::Mdns, the UDP payload.
struct Layout
{
    qsizetype ipOffset = -1;
    qsizetype payloadOffset = -1;
};

// An IP fragment of a UDP datagram (Outcome::Fragment). `data` points into the frame.
struct FragmentInfo
{
    quint8 version = 0;  // 4 or 6
    quint8 protocol = 0; // IPv4 protocol; IPv6: the fragment header's next header
    quint32 id = 0;      // IPv4 identification (16 bits) or IPv6 fragment identification
    quint32 offset = 0;  // in bytes
    bool more = false;   // more fragments follow
    const uchar *data = nullptr;
    qsizetype captured = 0; // bytes of the fragment's data present in the frame
    qsizetype length = 0;   // the fragment's data length the IP header announces
    IpAddress source;
    IpAddress destination;
    qint32 ttl = -1;
    // A first fragment (offset 0) whose UDP header shows neither port 5353: decode() returns
    // Outcome::NotMdns for it, with this filled in.
    bool firstNotMdns = false;
};

// Everything decode() may report besides the packet; each part is optional.
struct Details
{
    Fault *why = nullptr;
    Layout *layout = nullptr;
    FragmentInfo *fragment = nullptr;
};

bool isSupported(quint32 linkType);

// Fills out.source, destination, ports, ttl, data, originalLength and truncated when
// the result is Outcome::Mdns, and the MACs (macsKnown) for an Ethernet frame (VLAN tags,
// 802.3 + SNAP too); clears macsKnown for every other link type; leaves the other members
// alone. `frame` holds the
// `capturedLength` bytes the capture kept. A UDP length beyond the IP payload keeps the
// datagram, truncated (as tshark flags it). `why`, when given, says why a frame is
// Outcome::Malformed.
Outcome decode(quint32 linkType, const uchar *frame, qsizetype capturedLength, Packet &out,
               Fault *why = nullptr);
Outcome decode(quint32 linkType, const uchar *frame, qsizetype capturedLength, Packet &out,
               const Details &details);
// Decodes a whole IP datagram (`ip` holds `length` bytes: a header of `version` followed by
// its payload), as reassembled from fragments; fills `out` as decode() does (no MACs).
Outcome decodeIp(const uchar *ip, qsizetype length, Packet &out, Fault *why = nullptr);

} // namespace LinkLayerDecoder
