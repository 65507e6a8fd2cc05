#include "PcapngWriter.h"

#include "EndianReader.h"
#include "Version.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace {

constexpr quint32 kSectionHeader = 0x0A0D0D0A;
constexpr quint32 kInterfaceDescription = 1;
constexpr quint32 kEnhancedPacket = 6;
constexpr quint16 kLinkTypeIpv4 = 228;
constexpr quint16 kLinkTypeIpv6 = 229;
constexpr quint32 kSnapLength = 262144;
constexpr quint8 kProtoUdp = 17;
constexpr qsizetype kIpv4Header = 20;
constexpr qsizetype kIpv6Header = 40;
constexpr qsizetype kUdpHeader = 8;
// The IPv4 total length covers the IP header; the IPv6 payload length does not.
constexpr quint32 kMaxUdpPayloadV4 = 65535 - kUdpHeader - kIpv4Header;
constexpr quint32 kMaxUdpPayloadV6 = 65535 - kUdpHeader;

// Blocks are written in the host's byte order, as the pcapng format intends.
void put16(QByteArray &out, quint16 v)
{
    out.append(reinterpret_cast<const char *>(&v), 2);
}

void put32(QByteArray &out, quint32 v)
{
    out.append(reinterpret_cast<const char *>(&v), 4);
}

void padTo4(QByteArray &out)
{
    while (out.size() % 4 != 0)
        out.append('\0');
}

void putOption(QByteArray &out, quint16 code, QByteArrayView value)
{
    value = value.first(std::min<qsizetype>(value.size(), 0xFFFF)); // a 16-bit length field
    put16(out, code);
    put16(out, quint16(value.size()));
    out.append(value);
    padTo4(out);
}

// Writes the block length into the header and the trailer of the block at `start`.
void closeBlock(QByteArray &out, qsizetype start)
{
    put32(out, 0);
    const auto length = quint32(out.size() - start);
    std::memcpy(out.data() + start + 4, &length, 4);
    std::memcpy(out.data() + out.size() - 4, &length, 4);
}

// The one's complement sum of the big-endian 16-bit words at p (an odd last byte padded with
// zero), added to `sum`. Summed eight bytes at a time in the host's order and swapped once at
// the end: the one's complement sum of byte-swapped words is the byte-swapped sum (RFC 1071).
quint32 sumWords(const uchar *p, qsizetype n, quint32 sum = 0)
{
    quint64 acc = 0;
    for (; n >= 8; p += 8, n -= 8) {
        quint64 w;
        std::memcpy(&w, p, 8);
        acc += (w & 0xFFFFFFFF) + (w >> 32); // < 2^33 a step: no overflow below 2^31 steps
    }
    for (; n >= 2; p += 2, n -= 2) {
        quint16 w;
        std::memcpy(&w, p, 2);
        acc += w;
    }
    if (n == 1) {
        const uchar last[2] = {p[0], 0};
        quint16 w;
        std::memcpy(&w, last, 2);
        acc += w;
    }
    while (acc >> 16)
        acc = (acc & 0xFFFF) + (acc >> 16);
    return sum + qFromBigEndian(quint16(acc)); // qFromBigEndian: a swap on a little-endian host
}

quint16 foldChecksum(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return quint16(~sum);
}

// The IP header fields of a packet whose addresses may be missing or of mixed families.
struct Addresses
{
    bool v6 = false;
    std::array<quint8, 16> source{}, destination{};
};

std::array<quint8, 16> asV6(const IpAddress &a)
{
    if (a.isV6())
        return a.bytes();
    std::array<quint8, 16> mapped{}; // ::ffff:a.b.c.d
    mapped[10] = mapped[11] = 0xFF;
    std::copy_n(a.bytes().begin(), 4, mapped.begin() + 12);
    return mapped;
}

Addresses addressesOf(const Packet &p)
{
    Addresses a;
    a.v6 = p.source.isV6() || p.destination.isV6();
    if (a.v6) {
        a.source = asV6(p.source);
        a.destination = asV6(p.destination);
    } else { // None reads as 0.0.0.0
        a.source = p.source.bytes();
        a.destination = p.destination.bytes();
    }
    return a;
}

} // namespace

void PcapngWriter::appendSectionHeader(QByteArray &out)
{
    const qsizetype start = out.size();
    put32(out, kSectionHeader);
    put32(out, 0);
    put32(out, 0x1A2B3C4D);
    put16(out, 1);
    put16(out, 0);
    put32(out, 0xFFFFFFFF); // section length unknown
    put32(out, 0xFFFFFFFF);
    putOption(out, 4, QByteArrayView("mdnscope " MDNSCOPE_VERSION)); // shb_userappl
    putOption(out, 0, {});
    closeBlock(out, start);
}

quint32 PcapngWriter::interfaceFor(QByteArray &out, const QString &name, quint16 linkType)
{
    for (qsizetype i = 0; i < m_interfaces.size(); ++i) {
        if (m_interfaces.at(i).linkType == linkType && m_interfaces.at(i).name == name)
            return quint32(i);
    }
    const qsizetype start = out.size();
    put32(out, kInterfaceDescription);
    put32(out, 0);
    put16(out, linkType);
    put16(out, 0);
    put32(out, kSnapLength);
    if (!name.isEmpty())
        putOption(out, 2, name.toUtf8()); // if_name
    const char nanoseconds = 9;
    putOption(out, 9, QByteArrayView(&nanoseconds, 1)); // if_tsresol
    putOption(out, 0, {});
    closeBlock(out, start);
    m_interfaces.append({name, linkType});
    return quint32(m_interfaces.size() - 1);
}

quint16 PcapngWriter::linkTypeOf(const Packet &p)
{
    if (p.frameKept)
        return p.linkType;
    return addressesOf(p).v6 ? kLinkTypeIpv6 : kLinkTypeIpv4;
}

void PcapngWriter::appendInterfaces(QByteArray &out, const QList<Packet> &packets, qsizetype begin,
                                    qsizetype end)
{
    if (end < 0 || end > packets.size())
        end = packets.size();
    for (qsizetype i = begin; i < end; ++i) {
        const Packet &p = packets.at(i);
        interfaceFor(out, p.interfaceName, linkTypeOf(p));
    }
}

void PcapngWriter::appendPacket(QByteArray &out, const Packet &p)
{
    const quint32 id = interfaceFor(out, p.interfaceName, linkTypeOf(p));
    if (!p.frameKept && p.comments.isEmpty()) { // a live packet: the common case
        appendLivePacket(out, p, id);
        return;
    }
    const qsizetype start = out.size();
    const auto timestamp = quint64(std::max<qint64>(p.timestampNs, 0)); // unsigned in pcapng
    put32(out, kEnhancedPacket);
    put32(out, 0);
    put32(out, id);
    put32(out, quint32(timestamp >> 32));
    put32(out, quint32(timestamp));
    const qsizetype lengths = out.size();
    put32(out, 0); // captured and original length, below
    put32(out, 0);
    const qsizetype frameStart = out.size();
    quint32 original = 0;
    if (p.frameKept && !p.frameSynthesized) {
        // The frame as it was read: its head, the datagram, its tail.
        const qsizetype head = std::min<qsizetype>(p.frameHeadLength, p.frameEdges.size());
        out.append(p.frameEdges.constData(), head);
        out.append(p.data);
        out.append(p.frameEdges.constData() + head, p.frameEdges.size() - head);
        const qsizetype tail = p.frameEdges.size() - head;
        original = quint32(std::min<qint64>(
            qint64(head) + std::max<qint64>(p.originalLength, p.data.size()) + tail, 0xFFFFFFFF));
    } else {
        if (p.frameKept) // reassembled: the link header of the frame that completed it
            out.append(p.frameEdges.constData(),
                       std::min<qsizetype>(p.frameHeadLength, p.frameEdges.size()));
        const qsizetype link = out.size() - frameStart;
        original = quint32(link) + appendIpFrame(out, p);
    }
    const auto captured = quint32(out.size() - frameStart);
    std::memcpy(out.data() + lengths, &captured, 4);
    original = std::max(original, captured);
    std::memcpy(out.data() + lengths + 4, &original, 4);
    padTo4(out);
    for (const QString &comment : p.comments)
        putOption(out, 1, comment.toUtf8()); // opt_comment
    if (!p.comments.isEmpty())
        putOption(out, 0, {});
    closeBlock(out, start);
}

quint32 PcapngWriter::ipHeaders(const Packet &p, IpHeaders &h)
{
    const Addresses a = addressesOf(p);
    const quint32 maxPayload = a.v6 ? kMaxUdpPayloadV6 : kMaxUdpPayloadV4;
    h.kept = quint32(std::min<qsizetype>(p.data.size(), maxPayload));
    const quint32 original = std::clamp(p.originalLength, h.kept, maxPayload);
    const qsizetype ipHeader = a.v6 ? kIpv6Header : kIpv4Header;
    h.length = ipHeader + kUdpHeader;
    const auto udpLength = quint16(kUdpHeader + original);
    const quint8 ttl = p.ttl >= 0 && p.ttl <= 255 ? quint8(p.ttl) : 255;

    uchar *headers = h.bytes;
    std::memset(headers, 0, sizeof h.bytes);
    uchar *udp = headers + ipHeader;
    quint32 pseudo = 0; // the UDP checksum's pseudo-header sum
    if (a.v6) {
        headers[0] = 0x60;
        qToBigEndian<quint16>(udpLength, headers + 4);
        headers[6] = kProtoUdp;
        headers[7] = ttl;
        std::copy(a.source.begin(), a.source.end(), headers + 8);
        std::copy(a.destination.begin(), a.destination.end(), headers + 24);
        pseudo = sumWords(headers + 8, 32, kProtoUdp + udpLength);
    } else {
        headers[0] = 0x45;
        qToBigEndian<quint16>(quint16(kIpv4Header + udpLength), headers + 2);
        headers[8] = ttl;
        headers[9] = kProtoUdp;
        std::copy_n(a.source.begin(), 4, headers + 12);
        std::copy_n(a.destination.begin(), 4, headers + 16);
        qToBigEndian<quint16>(foldChecksum(sumWords(headers, kIpv4Header)), headers + 10);
        pseudo = sumWords(headers + 12, 8, kProtoUdp + udpLength);
    }
    qToBigEndian<quint16>(p.sourcePort, udp);
    qToBigEndian<quint16>(p.destinationPort, udp + 2);
    qToBigEndian<quint16>(udpLength, udp + 4);
    // Without the whole datagram there is no checksum to compute: 0 means "none" (IPv4).
    if (h.kept == original) {
        const auto *payload = reinterpret_cast<const uchar *>(p.data.constData());
        quint16 sum = foldChecksum(sumWords(payload, h.kept, sumWords(udp, kUdpHeader, pseudo)));
        qToBigEndian<quint16>(sum == 0 ? 0xFFFF : sum, udp + 6);
    }
    return quint32(ipHeader + kUdpHeader + original);
}

quint32 PcapngWriter::appendIpFrame(QByteArray &out, const Packet &p)
{
    IpHeaders h;
    const quint32 onWire = ipHeaders(p, h);
    out.append(reinterpret_cast<const char *>(h.bytes), h.length);
    out.append(p.data.constData(), h.kept);
    return onWire;
}

void PcapngWriter::appendLivePacket(QByteArray &out, const Packet &p, quint32 interfaceId)
{
    // One block of a size known in advance: grown once, written in place.
    IpHeaders h;
    const quint32 onWire = ipHeaders(p, h);
    const auto captured = quint32(h.length + h.kept);
    const quint32 padded = (captured + 3) & ~quint32(3);
    const quint32 blockLength = 28 + padded + 4;
    const auto timestamp = quint64(std::max<qint64>(p.timestampNs, 0)); // unsigned in pcapng
    const quint32 fields[7] = {kEnhancedPacket,           blockLength,        interfaceId,
                               quint32(timestamp >> 32),  quint32(timestamp), captured,
                               std::max(onWire, captured)};
    const qsizetype start = out.size();
    out.resize(start + blockLength);
    char *w = out.data() + start;
    std::memcpy(w, fields, sizeof fields); // the host's byte order, as the format intends
    std::memcpy(w + 28, h.bytes, size_t(h.length));
    std::memcpy(w + 28 + h.length, p.data.constData(), h.kept);
    std::memset(w + 28 + captured, 0, padded - captured);
    std::memcpy(w + blockLength - 4, &blockLength, 4);
}

QByteArray PcapngWriter::toBytes(const QList<Packet> &packets)
{
    QByteArray out;
    PcapngWriter writer;
    writer.appendSectionHeader(out);
    writer.appendInterfaces(out, packets);
    for (const Packet &p : packets)
        writer.appendPacket(out, p);
    return out;
}
