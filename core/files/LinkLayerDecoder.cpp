#include "LinkLayerDecoder.h"

#include "EndianReader.h"

#include <algorithm>

using Outcome = LinkLayerDecoder::Outcome;
using Fault = LinkLayerDecoder::Fault;
using Malformed = LinkLayerDecoder::Malformed;
namespace LinkType = LinkLayerDecoder::LinkType;

namespace {

constexpr quint16 kMdnsPort = 5353;
constexpr quint8 kProtoUdp = 17;

constexpr quint16 kEtherIpv4 = 0x0800;
constexpr quint16 kEtherIpv6 = 0x86DD;
constexpr quint16 kEtherVlan = 0x8100;    // 802.1Q
constexpr quint16 kEtherQinQ = 0x88A8;    // 802.1ad
constexpr quint16 kEtherQinQOld = 0x9100; // pre-standard double tagging
constexpr int kMaxVlanTags = 20;          // tshark reads 20 nested tags, no more

Outcome malformed(Fault &fault, Malformed kind, qint64 value, qint64 limit)
{
    fault = Fault{kind, value, limit};
    return Outcome::Malformed;
}

// An IPv4 total length (header included) is 16 bits.
constexpr qsizetype kMaxIpv4Total = 0xFFFF;

bool isMdnsPort(quint16 a, quint16 b)
{
    return a == kMdnsPort || b == kMdnsPort;
}

// `udp` holds `captured` bytes of an IP payload whose length the IP header says is
// `ipPayloadLength` (captured may be smaller when the capture was cut short); the IP header
// leaves room for a UDP datagram of at most `maxUdpLength` bytes.
Outcome decodeUdp(const uchar *udp, qsizetype captured, qsizetype ipPayloadLength,
                  qsizetype maxUdpLength, Packet &out, Fault &fault)
{
    if (ipPayloadLength < 8)
        return malformed(fault, Malformed::UdpInShortIpPayload, ipPayloadLength, 8);
    if (captured < 8)
        return Outcome::Short;
    const quint16 sourcePort = EndianReader::big16(udp);
    const quint16 destinationPort = EndianReader::big16(udp + 2);
    const quint16 udpLength = EndianReader::big16(udp + 4);
    // A UDP length below 8 is invalid (tshark stops there too); 0 only exists for
    // IPv6 jumbograms, which are not followed here.
    if (udpLength < 8)
        return malformed(fault, Malformed::UdpLengthBelowHeader, udpLength, 8);
    if (!isMdnsPort(sourcePort, destinationPort))
        return Outcome::NotMdns;
    // A UDP length beyond the IP payload: tshark flags it ("Bad length value > IP payload
    // length") and decodes the IP payload; here the datagram is the one the UDP header
    // announces, cut short after the IP payload.
    // A UDP length no datagram of this IP version and header can carry (an IPv4 total length
    // is 16 bits too) is cut to what could: the datagram on the wire was no longer than that.
    const qsizetype payloadLength = std::min<qsizetype>(udpLength, maxUdpLength) - 8;
    const qsizetype present = std::min<qsizetype>(udpLength, ipPayloadLength) - 8;
    const qsizetype kept = std::clamp<qsizetype>(captured - 8, 0, present);
    out.sourcePort = sourcePort;
    out.destinationPort = destinationPort;
    out.data = QByteArray(reinterpret_cast<const char *>(udp + 8), kept);
    out.originalLength = quint32(payloadLength);
    out.truncated = kept < payloadLength;
    return Outcome::Mdns;
}

// A fragment whose first bytes show a UDP header for other ports is just not mDNS;
// any other UDP fragment might be, and is counted as a fragment.
Outcome classifyFragment(quint8 protocol, bool first, const uchar *payload, qsizetype captured)
{
    if (protocol != kProtoUdp)
        return Outcome::NotMdns;
    if (first && captured >= 4 &&
        !isMdnsPort(EndianReader::big16(payload), EndianReader::big16(payload + 2)))
        return Outcome::NotMdns;
    return Outcome::Fragment;
}

Outcome decodeIpv4(const uchar *ip, qsizetype captured, Packet &out, Fault &fault)
{
    if (captured < 20)
        return Outcome::Short;
    if ((ip[0] >> 4) != 4)
        return Outcome::NotMdns;
    const qsizetype headerLength = qsizetype(ip[0] & 0x0F) * 4;
    if (headerLength < 20)
        return malformed(fault, Malformed::Ipv4HeaderLength, headerLength, 20);
    if (captured < headerLength)
        return Outcome::Short;
    qsizetype totalLength = EndianReader::big16(ip + 2);
    // Captured on the sending host with segmentation offload, the total length can be 0.
    if (totalLength == 0)
        totalLength = captured;
    if (totalLength < headerLength)
        return malformed(fault, Malformed::Ipv4TotalLength, totalLength, headerLength);
    const quint8 protocol = ip[9];
    const quint16 fragment = EndianReader::big16(ip + 6);
    const bool moreFragments = fragment & 0x2000;
    const quint16 fragmentOffset = fragment & 0x1FFF;
    const qsizetype available = std::min(captured, totalLength) - headerLength;
    if (moreFragments || fragmentOffset != 0)
        return classifyFragment(protocol, fragmentOffset == 0, ip + headerLength, available);
    if (protocol != kProtoUdp)
        return Outcome::NotMdns;
    const Outcome o = decodeUdp(ip + headerLength, available, totalLength - headerLength,
                                kMaxIpv4Total - headerLength, out, fault);
    if (o == Outcome::Mdns) {
        out.ttl = ip[8];
        out.source = IpAddress::fromV4(EndianReader::big32(ip + 12));
        out.destination = IpAddress::fromV4(EndianReader::big32(ip + 16));
    }
    return o;
}

Outcome decodeIpv6(const uchar *ip, qsizetype captured, Packet &out, Fault &fault)
{
    if (captured < 40)
        return Outcome::Short;
    if ((ip[0] >> 4) != 6)
        return Outcome::NotMdns;
    const qsizetype end =
        40 + qsizetype(EndianReader::big16(ip + 4)); // jumbograms (length 0) are not followed
    const qsizetype available = std::min(captured, end);
    quint8 next = ip[6];
    qsizetype offset = 40;
    // No count limit (tshark has none): every header takes at least 8 bytes of a payload of
    // at most 64 KiB, so the walk ends.
    for (;;) {
        switch (next) {
        case kProtoUdp: {
            const Outcome o = decodeUdp(ip + offset, available - offset, end - offset,
                                        0xFFFF - (offset - 40), out, fault);
            if (o == Outcome::Mdns) {
                out.ttl = ip[7];
                out.source = IpAddress::fromV6(ip + 8);
                out.destination = IpAddress::fromV6(ip + 24);
            }
            return o;
        }
        case 0:    // hop-by-hop options
        case 43:   // routing
        case 60:   // destination options
        case 51: { // authentication header
            if (end - offset < 8)
                return malformed(fault, Malformed::Ipv6ExtensionHeader, offset, end);
            if (available - offset < 2)
                return Outcome::Short;
            const qsizetype units = ip[offset + 1];
            const qsizetype length = next == 51 ? (units + 2) * 4 : (units + 1) * 8;
            next = ip[offset];
            if (length > end - offset)
                return malformed(fault, Malformed::Ipv6ExtensionHeader, offset, end);
            offset += length;
            break;
        }
        case 44: { // fragment
            if (end - offset < 8)
                return malformed(fault, Malformed::Ipv6ExtensionHeader, offset, end);
            if (available - offset < 8)
                return Outcome::Short;
            const quint16 field = EndianReader::big16(ip + offset + 2);
            const quint16 fragmentOffset = field & 0xFFF8;
            const bool moreFragments = field & 1;
            const quint8 protocol = ip[offset];
            if (fragmentOffset == 0 && !moreFragments) { // atomic fragment (RFC 6946)
                next = protocol;
                offset += 8;
                continue;
            }
            return classifyFragment(protocol, fragmentOffset == 0, ip + offset + 8,
                                    available - offset - 8);
        }
        default:
            return Outcome::NotMdns;
        }
    }
}

Outcome decodeEtherType(quint16 type, const uchar *p, qsizetype n, Packet &out, Fault &fault)
{
    switch (type) {
    case kEtherIpv4:
        return decodeIpv4(p, n, out, fault);
    case kEtherIpv6:
        return decodeIpv6(p, n, out, fault);
    default:
        return Outcome::NotMdns;
    }
}

// VLAN tags and an 802.2 LLC/SNAP header may follow the link header before IP;
// `type` is the link header's type field and `offset` where its payload starts.
Outcome decodeTyped(quint16 type, const uchar *p, qsizetype n, qsizetype offset, Packet &out,
                    Fault &fault)
{
    for (int tags = 0; type == kEtherVlan || type == kEtherQinQ || type == kEtherQinQOld; ++tags) {
        if (tags == kMaxVlanTags)
            return Outcome::NotMdns;
        if (n < offset + 4)
            return Outcome::Short;
        type = EndianReader::big16(p + offset + 2);
        offset += 4;
    }
    if (type <= 1500) { // an 802.3 length field: only SNAP carries IP
        if (n < offset + 8)
            return Outcome::Short;
        const uchar *llc = p + offset;
        if (llc[0] != 0xAA || llc[1] != 0xAA || llc[2] != 0x03)
            return Outcome::NotMdns;
        type = EndianReader::big16(llc + 6);
        offset += 8;
    }
    return decodeEtherType(type, p + offset, n - offset, out, fault);
}

Outcome decodeNull(const uchar *p, qsizetype n, bool networkOrder, Packet &out, Fault &fault)
{
    if (n < 4)
        return Outcome::Short;
    quint32 family = EndianReader(networkOrder).u32(p);
    // DLT_NULL stores the family in the capturing host's byte order.
    if (!networkOrder && family > 0xFFFF)
        family = EndianReader::big32(p);
    switch (family) {
    case 2: // AF_INET everywhere
        return decodeIpv4(p + 4, n - 4, out, fault);
    case 10: // AF_INET6: Linux
    case 24: // OpenBSD, NetBSD
    case 28: // FreeBSD, DragonFly
    case 30: // macOS
        return decodeIpv6(p + 4, n - 4, out, fault);
    default:
        return Outcome::NotMdns;
    }
}

Outcome decodeRawIp(const uchar *p, qsizetype n, Packet &out, Fault &fault)
{
    if (n < 1)
        return Outcome::Short;
    switch (p[0] >> 4) {
    case 4:
        return decodeIpv4(p, n, out, fault);
    case 6:
        return decodeIpv6(p, n, out, fault);
    default:
        return Outcome::NotMdns;
    }
}

Outcome decode80211(const uchar *p, qsizetype n, Packet &out, Fault &fault)
{
    if (n < 24)
        return Outcome::Short;
    const quint8 fc0 = p[0];
    const quint8 fc1 = p[1];
    const int type = (fc0 >> 2) & 3;
    const int subtype = fc0 >> 4;
    if (type != 2 || (subtype & 0x4) || (fc1 & 0x40)) // data frames with data, unprotected
        return Outcome::NotMdns;
    qsizetype header = 24;
    if ((fc1 & 0x03) == 0x03) // to-DS and from-DS: a fourth address
        header += 6;
    if (subtype & 0x8) { // QoS data
        if (n < header + 2)
            return Outcome::Short;
        if (p[header] & 0x80) // A-MSDU aggregates are not unpacked
            return Outcome::NotMdns;
        header += 2;
        if (fc1 & 0x80) // HT control
            header += 4;
    }
    if (n < header + 8)
        return Outcome::Short;
    const uchar *llc = p + header;
    if (llc[0] != 0xAA || llc[1] != 0xAA || llc[2] != 0x03)
        return Outcome::NotMdns;
    return decodeEtherType(EndianReader::big16(llc + 6), llc + 8, n - header - 8, out, fault);
}

Outcome decodeRadiotap(const uchar *p, qsizetype n, Packet &out, Fault &fault)
{
    if (n < 8)
        return Outcome::Short;
    if (p[0] != 0)
        return Outcome::NotMdns;
    const qsizetype length = EndianReader(false).u16(p + 2); // radiotap is little-endian
    if (length < 8)
        return Outcome::NotMdns;
    if (n < length)
        return Outcome::Short;
    // A trailing FCS needs no care: the IP and UDP lengths bound the datagram.
    return decode80211(p + length, n - length, out, fault);
}

} // namespace

bool LinkLayerDecoder::isSupported(quint32 linkType)
{
    switch (linkType) {
    case LinkType::Null:
    case LinkType::Ethernet:
    case LinkType::RawOld:
    case LinkType::RawOpenBsd:
    case LinkType::Raw:
    case LinkType::Ieee80211:
    case LinkType::Loop:
    case LinkType::LinuxSll:
    case LinkType::Radiotap:
    case LinkType::Ipv4:
    case LinkType::Ipv6:
    case LinkType::LinuxSll2:
        return true;
    default:
        return false;
    }
}

Outcome LinkLayerDecoder::decode(quint32 linkType, const uchar *frame, qsizetype capturedLength,
                                 Packet &out, Fault *why)
{
    Fault ignored;
    Fault &fault = why ? *why : ignored;
    const uchar *p = frame;
    const qsizetype n = capturedLength;
    out.macsKnown = false;
    switch (linkType) {
    case LinkType::Ethernet: {
        if (n < 14)
            return Outcome::Short;
        const Outcome o = decodeTyped(EndianReader::big16(p + 12), p, n, 14, out, fault);
        if (o == Outcome::Mdns) {
            out.macsKnown = true;
            std::copy_n(p, 6, out.destinationMac.begin());
            std::copy_n(p + 6, 6, out.sourceMac.begin());
        }
        return o;
    }
    case LinkType::LinuxSll:
        if (n < 16)
            return Outcome::Short;
        return decodeTyped(EndianReader::big16(p + 14), p, n, 16, out, fault);
    case LinkType::LinuxSll2:
        if (n < 20)
            return Outcome::Short;
        return decodeTyped(EndianReader::big16(p), p, n, 20, out, fault);
    case LinkType::Null:
        return decodeNull(p, n, false, out, fault);
    case LinkType::Loop:
        return decodeNull(p, n, true, out, fault);
    case LinkType::Raw:
    case LinkType::RawOld:
    case LinkType::RawOpenBsd:
        return decodeRawIp(p, n, out, fault);
    case LinkType::Ipv4:
        return decodeIpv4(p, n, out, fault);
    case LinkType::Ipv6:
        return decodeIpv6(p, n, out, fault);
    case LinkType::Ieee80211:
        return decode80211(p, n, out, fault);
    case LinkType::Radiotap:
        return decodeRadiotap(p, n, out, fault);
    default:
        return Outcome::UnknownLinkType;
    }
}
