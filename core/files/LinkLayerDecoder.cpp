#include "LinkLayerDecoder.h"

#include "EndianReader.h"

#include <algorithm>

using Outcome = LinkLayerDecoder::Outcome;
using FragmentInfo = LinkLayerDecoder::FragmentInfo;
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

// What one decode() learns besides the packet.
struct Ctx
{
    Fault fault;
    const uchar *frame = nullptr;
    LinkLayerDecoder::Layout layout;
    FragmentInfo *fragment = nullptr;
};

Outcome malformed(Ctx &c, Malformed kind, qint64 value, qint64 limit)
{
    c.fault = Fault{kind, value, limit};
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
                  qsizetype maxUdpLength, Packet &out, Ctx &c)
{
    if (ipPayloadLength < 8)
        return malformed(c, Malformed::UdpInShortIpPayload, ipPayloadLength, 8);
    if (captured < 8)
        return Outcome::Short;
    const quint16 sourcePort = EndianReader::big16(udp);
    const quint16 destinationPort = EndianReader::big16(udp + 2);
    const quint16 udpLength = EndianReader::big16(udp + 4);
    // A UDP length below 8 is invalid (tshark stops there too); 0 only exists for
    // IPv6 jumbograms, which are not followed here.
    if (udpLength < 8)
        return malformed(c, Malformed::UdpLengthBelowHeader, udpLength, 8);
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
    c.layout.payloadOffset = (udp + 8) - c.frame;
    return Outcome::Mdns;
}

// A fragment of a UDP datagram is described in c.fragment for reassembly; a fragment of
// another protocol is just not mDNS. `payload` holds `captured` bytes of the fragment's data
// (of `length` announced).
Outcome classifyFragment(FragmentInfo f, const uchar *payload, qsizetype captured, qsizetype length,
                         Ctx &c)
{
    if (f.protocol != kProtoUdp)
        return Outcome::NotMdns;
    f.data = payload;
    f.captured = std::clamp<qsizetype>(captured, 0, length);
    f.length = length;
    f.firstNotMdns = f.offset == 0 && captured >= 4 &&
                     !isMdnsPort(EndianReader::big16(payload), EndianReader::big16(payload + 2));
    if (c.fragment)
        *c.fragment = f;
    // A first fragment for other ports is just not mDNS (its datagram's other fragments are
    // then ignored: IpReassembler::ignore()).
    return f.firstNotMdns ? Outcome::NotMdns : Outcome::Fragment;
}

Outcome decodeIpv4(const uchar *ip, qsizetype captured, Packet &out, Ctx &c)
{
    c.layout.ipOffset = ip - c.frame;
    if (captured < 20)
        return Outcome::Short;
    if ((ip[0] >> 4) != 4)
        return Outcome::NotMdns;
    const qsizetype headerLength = qsizetype(ip[0] & 0x0F) * 4;
    if (headerLength < 20)
        return malformed(c, Malformed::Ipv4HeaderLength, headerLength, 20);
    if (captured < headerLength)
        return Outcome::Short;
    qsizetype totalLength = EndianReader::big16(ip + 2);
    // Captured on the sending host with segmentation offload, the total length can be 0.
    if (totalLength == 0)
        totalLength = captured;
    if (totalLength < headerLength)
        return malformed(c, Malformed::Ipv4TotalLength, totalLength, headerLength);
    const quint8 protocol = ip[9];
    const quint16 fragment = EndianReader::big16(ip + 6);
    const bool moreFragments = fragment & 0x2000;
    const quint16 fragmentOffset = fragment & 0x1FFF;
    const qsizetype available = std::min(captured, totalLength) - headerLength;
    if (moreFragments || fragmentOffset != 0) {
        FragmentInfo f;
        f.version = 4;
        f.protocol = protocol;
        f.id = EndianReader::big16(ip + 4);
        f.offset = quint32(fragmentOffset) * 8;
        f.more = moreFragments;
        f.source = IpAddress::fromV4(EndianReader::big32(ip + 12));
        f.destination = IpAddress::fromV4(EndianReader::big32(ip + 16));
        f.ttl = ip[8];
        return classifyFragment(f, ip + headerLength, available, totalLength - headerLength, c);
    }
    if (protocol != kProtoUdp)
        return Outcome::NotMdns;
    const Outcome o = decodeUdp(ip + headerLength, available, totalLength - headerLength,
                                kMaxIpv4Total - headerLength, out, c);
    if (o == Outcome::Mdns) {
        out.ttl = ip[8];
        out.source = IpAddress::fromV4(EndianReader::big32(ip + 12));
        out.destination = IpAddress::fromV4(EndianReader::big32(ip + 16));
    }
    return o;
}

Outcome decodeIpv6(const uchar *ip, qsizetype captured, Packet &out, Ctx &c)
{
    c.layout.ipOffset = ip - c.frame;
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
                                        0xFFFF - (offset - 40), out, c);
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
                return malformed(c, Malformed::Ipv6ExtensionHeader, offset, end);
            if (available - offset < 2)
                return Outcome::Short;
            const qsizetype units = ip[offset + 1];
            const qsizetype length = next == 51 ? (units + 2) * 4 : (units + 1) * 8;
            next = ip[offset];
            if (length > end - offset)
                return malformed(c, Malformed::Ipv6ExtensionHeader, offset, end);
            offset += length;
            break;
        }
        case 44: { // fragment
            if (end - offset < 8)
                return malformed(c, Malformed::Ipv6ExtensionHeader, offset, end);
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
            FragmentInfo f;
            f.version = 6;
            f.protocol = protocol;
            f.id = EndianReader::big32(ip + offset + 4);
            f.offset = fragmentOffset;
            f.more = moreFragments;
            f.source = IpAddress::fromV6(ip + 8);
            f.destination = IpAddress::fromV6(ip + 24);
            f.ttl = ip[7];
            return classifyFragment(f, ip + offset + 8, available - offset - 8, end - offset - 8,
                                    c);
        }
        default:
            return Outcome::NotMdns;
        }
    }
}

Outcome decodeEtherType(quint16 type, const uchar *p, qsizetype n, Packet &out, Ctx &c)
{
    switch (type) {
    case kEtherIpv4:
        return decodeIpv4(p, n, out, c);
    case kEtherIpv6:
        return decodeIpv6(p, n, out, c);
    default:
        return Outcome::NotMdns;
    }
}

// VLAN tags and an 802.2 LLC/SNAP header may follow the link header before IP;
// `type` is the link header's type field and `offset` where its payload starts.
Outcome decodeTyped(quint16 type, const uchar *p, qsizetype n, qsizetype offset, Packet &out,
                    Ctx &c)
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
    return decodeEtherType(type, p + offset, n - offset, out, c);
}

Outcome decodeNull(const uchar *p, qsizetype n, bool networkOrder, Packet &out, Ctx &c)
{
    if (n < 4)
        return Outcome::Short;
    quint32 family = EndianReader(networkOrder).u32(p);
    // DLT_NULL stores the family in the capturing host's byte order.
    if (!networkOrder && family > 0xFFFF)
        family = EndianReader::big32(p);
    switch (family) {
    case 2: // AF_INET everywhere
        return decodeIpv4(p + 4, n - 4, out, c);
    case 10: // AF_INET6: Linux
    case 24: // OpenBSD, NetBSD
    case 28: // FreeBSD, DragonFly
    case 30: // macOS
        return decodeIpv6(p + 4, n - 4, out, c);
    default:
        return Outcome::NotMdns;
    }
}

Outcome decodeRawIp(const uchar *p, qsizetype n, Packet &out, Ctx &c)
{
    if (n < 1)
        return Outcome::Short;
    switch (p[0] >> 4) {
    case 4:
        return decodeIpv4(p, n, out, c);
    case 6:
        return decodeIpv6(p, n, out, c);
    default:
        return Outcome::NotMdns;
    }
}

Outcome decode80211(const uchar *p, qsizetype n, Packet &out, Ctx &c)
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
    return decodeEtherType(EndianReader::big16(llc + 6), llc + 8, n - header - 8, out, c);
}

Outcome decodeRadiotap(const uchar *p, qsizetype n, Packet &out, Ctx &c)
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
    return decode80211(p + length, n - length, out, c);
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
    return decode(linkType, frame, capturedLength, out, Details{why, nullptr, nullptr});
}

Outcome LinkLayerDecoder::decodeIp(const uchar *ip, qsizetype length, Packet &out, Fault *why)
{
    Ctx c;
    c.frame = ip;
    const Outcome o = decodeRawIp(ip, length, out, c);
    if (why)
        *why = c.fault;
    return o;
}

namespace {
Outcome decodeLink(quint32 linkType, const uchar *frame, qsizetype capturedLength, Packet &out,
                   Ctx &c)
{
    const uchar *p = frame;
    const qsizetype n = capturedLength;
    out.macsKnown = false;
    switch (linkType) {
    case LinkType::Ethernet: {
        if (n < 14)
            return Outcome::Short;
        const Outcome o = decodeTyped(EndianReader::big16(p + 12), p, n, 14, out, c);
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
        return decodeTyped(EndianReader::big16(p + 14), p, n, 16, out, c);
    case LinkType::LinuxSll2:
        if (n < 20)
            return Outcome::Short;
        return decodeTyped(EndianReader::big16(p), p, n, 20, out, c);
    case LinkType::Null:
        return decodeNull(p, n, false, out, c);
    case LinkType::Loop:
        return decodeNull(p, n, true, out, c);
    case LinkType::Raw:
    case LinkType::RawOld:
    case LinkType::RawOpenBsd:
        return decodeRawIp(p, n, out, c);
    case LinkType::Ipv4:
        return decodeIpv4(p, n, out, c);
    case LinkType::Ipv6:
        return decodeIpv6(p, n, out, c);
    case LinkType::Ieee80211:
        return decode80211(p, n, out, c);
    case LinkType::Radiotap:
        return decodeRadiotap(p, n, out, c);
    default:
        return Outcome::UnknownLinkType;
    }
}
} // namespace

Outcome LinkLayerDecoder::decode(quint32 linkType, const uchar *frame, qsizetype capturedLength,
                                 Packet &out, const Details &details)
{
    Ctx c;
    c.frame = frame;
    c.fragment = details.fragment;
    const Outcome o = decodeLink(linkType, frame, capturedLength, out, c);
    if (details.why)
        *details.why = c.fault;
    if (details.layout)
        *details.layout = c.layout;
    return o;
}
