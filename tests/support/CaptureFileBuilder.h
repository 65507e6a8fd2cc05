#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

// Builds link-layer frames and classic pcap / pcapng files byte by byte for the capture
// file tests, independently of the reader and writer under test: every header is laid
// out here by hand from the format specifications.
namespace FrameBuilder {

// An IPv4 + UDP packet. `ihl` in 32-bit words (>= 5; option bytes are zeros).
// `fragment` is the raw flags / fragment-offset field (0x2000 = more fragments).
QByteArray udp4(quint32 source, quint32 destination, quint16 sourcePort, quint16 destinationPort,
                quint8 ttl, const QByteArray &payload, int ihl = 5, quint16 fragment = 0,
                quint8 protocol = 17);
// An IPv6 + UDP packet. `extensions` are (next-header-type, header bytes) pairs placed
// between the IPv6 header and UDP; each header's own next-header byte is patched.
struct Extension
{
    quint8 type;
    QByteArray bytes;
};
QByteArray udp6(const QByteArray &source16, const QByteArray &destination16, quint16 sourcePort,
                quint16 destinationPort, quint8 hopLimit, const QByteArray &payload,
                const QList<Extension> &extensions = {});
QByteArray ipv6(const char *text); // 16 bytes
// A UDP header (checksum 0) and its payload: the data an IP datagram carries.
QByteArray udpDatagram(quint16 sourcePort, quint16 destinationPort, const QByteArray &payload);
// An IPv4 fragment: a 20-byte header (identification `id`, offset in bytes, a multiple of 8
// unless testing) and `data`, a piece of the datagram's payload.
QByteArray ipv4Fragment(quint32 source, quint32 destination, quint16 id, quint32 offset, bool more,
                        const QByteArray &data, quint8 ttl = 255, quint8 protocol = 17);
// An IPv6 fragment: the IPv6 header, a fragment header (`id`, offset in bytes, next header
// `protocol`) and `data`.
QByteArray ipv6Fragment(const QByteArray &source16, const QByteArray &destination16, quint32 id,
                        quint32 offset, bool more, const QByteArray &data, quint8 hopLimit = 255,
                        quint8 protocol = 17);
// Cuts `datagram` (UDP header and payload) into pieces of `size` bytes (a multiple of 8):
// (offset, bytes) pairs in order.
QList<std::pair<quint32, QByteArray>> cut(const QByteArray &datagram, qsizetype size);

QByteArray ethernet(quint16 etherType, const QByteArray &payload,
                    const QList<quint16> &tagTypes = {});
QByteArray ethernetSnap(quint16 etherType, const QByteArray &payload); // 802.3 + LLC/SNAP
QByteArray sll(quint16 protocol, const QByteArray &payload);
QByteArray sll2(quint16 protocol, const QByteArray &payload);
QByteArray null(quint32 family, bool bigEndian, const QByteArray &payload);
QByteArray ieee80211(quint16 etherType, const QByteArray &payload, bool qos);
QByteArray radiotap(const QByteArray &ieee80211Frame);

} // namespace FrameBuilder

// A classic pcap file.
class PcapBuilder final
{
public:
    PcapBuilder(quint32 linkType, bool bigEndian = false, bool nanoseconds = false);
    // origLength 0 = the frame's length
    PcapBuilder &record(quint32 seconds, quint32 fraction, const QByteArray &frame,
                        quint32 originalLength = 0);
    const QByteArray &bytes() const { return m_bytes; }
    qsizetype size() const { return m_bytes.size(); }

private:
    void put16(quint16 v);
    void put32(quint32 v);
    QByteArray m_bytes;
    bool m_big;
};

// A pcapng file; blocks are appended in the current section's byte order.
class PcapngBuilder final
{
public:
    explicit PcapngBuilder(bool bigEndian = false) { section(bigEndian); }
    PcapngBuilder &section(bool bigEndian);
    // A section header with options: (code, value) pairs (shb_hardware 2, shb_os 3,
    // shb_userappl 4, opt_comment 1).
    PcapngBuilder &section(bool bigEndian, const QList<std::pair<quint16, QByteArray>> &options);
    // tsresol < 0: no if_tsresol option; tsoffset: if_tsoffset seconds when != 0
    PcapngBuilder &interface(quint16 linkType, const QByteArray &name = {}, int tsresol = -1,
                             qint64 tsoffset = 0, quint32 snapLength = 0);
    PcapngBuilder &enhanced(quint32 interfaceId, quint64 ticks, const QByteArray &frame,
                            quint32 originalLength = 0);
    // An enhanced packet block with an opt_comment per comment.
    PcapngBuilder &enhancedWithComments(quint32 interfaceId, quint64 ticks, const QByteArray &frame,
                                        const QList<QByteArray> &comments);
    PcapngBuilder &simple(const QByteArray &frame, quint32 originalLength = 0);
    PcapngBuilder &obsolete(quint16 interfaceId, quint64 ticks, const QByteArray &frame);
    PcapngBuilder &block(quint32 type, const QByteArray &body); // any block, body padded
    const QByteArray &bytes() const { return m_bytes; }
    QByteArray &bytes() { return m_bytes; }
    qsizetype size() const { return m_bytes.size(); }
    qsizetype lastBlockOffset() const { return m_lastBlock; }

private:
    QByteArray u16(quint16 v) const;
    QByteArray u32(quint32 v) const;
    QByteArray option(quint16 code, const QByteArray &value) const;
    QByteArray m_bytes;
    bool m_big = false;
    qsizetype m_lastBlock = 0;
};
