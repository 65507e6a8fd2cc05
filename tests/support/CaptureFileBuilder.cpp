#include "CaptureFileBuilder.h"

#include <QHostAddress>
#include <QString>
#include <QtEndian>

namespace {

QByteArray be16(quint16 v)
{
    QByteArray b(2, '\0');
    qToBigEndian(v, b.data());
    return b;
}

QByteArray be32(quint32 v)
{
    QByteArray b(4, '\0');
    qToBigEndian(v, b.data());
    return b;
}

QByteArray le32(quint32 v)
{
    QByteArray b(4, '\0');
    qToLittleEndian(v, b.data());
    return b;
}

QByteArray udpHeader(quint16 sourcePort, quint16 destinationPort, const QByteArray &payload)
{
    return be16(sourcePort) + be16(destinationPort) + be16(quint16(8 + payload.size())) + be16(0) +
           payload;
}

} // namespace

QByteArray FrameBuilder::udp4(quint32 source, quint32 destination, quint16 sourcePort,
                              quint16 destinationPort, quint8 ttl, const QByteArray &payload,
                              int ihl, quint16 fragment, quint8 protocol)
{
    const QByteArray udp = udpHeader(sourcePort, destinationPort, payload);
    QByteArray ip;
    ip.append(char(0x40 | ihl)).append('\0');
    ip += be16(quint16(ihl * 4 + udp.size()));
    ip += be16(0x1234) + be16(fragment);
    ip.append(char(ttl)).append(char(protocol));
    ip += be16(0); // checksum: readers do not check it
    ip += be32(source) + be32(destination);
    ip += QByteArray((ihl - 5) * 4, '\0');
    return ip + udp;
}

QByteArray FrameBuilder::udpDatagram(quint16 sourcePort, quint16 destinationPort,
                                     const QByteArray &payload)
{
    return udpHeader(sourcePort, destinationPort, payload);
}

namespace {
quint16 ipv4Checksum(const QByteArray &header)
{
    quint32 sum = 0;
    for (qsizetype i = 0; i + 1 < header.size(); i += 2)
        sum += (quint32(quint8(header[i])) << 8) | quint8(header[i + 1]);
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return quint16(~sum);
}
} // namespace

QByteArray FrameBuilder::ipv4Fragment(quint32 source, quint32 destination, quint16 id,
                                      quint32 offset, bool more, const QByteArray &data, quint8 ttl,
                                      quint8 protocol)
{
    QByteArray ip;
    ip.append(char(0x45)).append('\0');
    ip += be16(quint16(20 + data.size()));
    ip += be16(id) + be16(quint16((more ? 0x2000 : 0) | ((offset / 8) & 0x1FFF)));
    ip.append(char(ttl)).append(char(protocol));
    ip += be16(0);
    ip += be32(source) + be32(destination);
    const quint16 sum = ipv4Checksum(ip); // tshark checks nothing by default; kept valid
    ip[10] = char(sum >> 8);
    ip[11] = char(sum);
    return ip + data;
}

QByteArray FrameBuilder::ipv6Fragment(const QByteArray &source16, const QByteArray &destination16,
                                      quint32 id, quint32 offset, bool more, const QByteArray &data,
                                      quint8 hopLimit, quint8 protocol)
{
    QByteArray ip;
    ip += be32(0x60000000);
    ip += be16(quint16(8 + data.size()));
    ip.append(char(44)).append(char(hopLimit));
    ip += source16 + destination16;
    ip.append(char(protocol)).append('\0');
    ip += be16(quint16((offset & 0xFFF8) | (more ? 1 : 0)));
    ip += be32(id);
    return ip + data;
}

QList<std::pair<quint32, QByteArray>> FrameBuilder::cut(const QByteArray &datagram, qsizetype size)
{
    QList<std::pair<quint32, QByteArray>> pieces;
    for (qsizetype at = 0; at < datagram.size(); at += size)
        pieces.append({quint32(at), datagram.mid(at, size)});
    return pieces;
}

QByteArray FrameBuilder::ipv6(const char *text)
{
    const Q_IPV6ADDR a = QHostAddress(QString::fromLatin1(text)).toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(a.c), 16);
}

QByteArray FrameBuilder::udp6(const QByteArray &source16, const QByteArray &destination16,
                              quint16 sourcePort, quint16 destinationPort, quint8 hopLimit,
                              const QByteArray &payload, const QList<Extension> &extensions)
{
    QByteArray chain;
    for (qsizetype i = 0; i < extensions.size(); ++i) {
        QByteArray h = extensions.at(i).bytes;
        h[0] = char(i + 1 < extensions.size() ? extensions.at(i + 1).type : 17);
        chain += h;
    }
    const QByteArray udp = udpHeader(sourcePort, destinationPort, payload);
    QByteArray ip;
    ip += be32(0x60000000);
    ip += be16(quint16(chain.size() + udp.size()));
    ip.append(char(extensions.isEmpty() ? 17 : extensions.first().type));
    ip.append(char(hopLimit));
    ip += source16 + destination16;
    return ip + chain + udp;
}

QByteArray FrameBuilder::ethernet(quint16 etherType, const QByteArray &payload,
                                  const QList<quint16> &tagTypes)
{
    QByteArray f = QByteArray::fromHex("01005e0000fb") + QByteArray::fromHex("020000000001");
    for (quint16 tag : tagTypes)
        f += be16(tag) + be16(42); // tag type, then priority / VLAN id
    return f + be16(etherType) + payload;
}

QByteArray FrameBuilder::ethernetSnap(quint16 etherType, const QByteArray &payload)
{
    const QByteArray snap = QByteArray::fromHex("aaaa03000000") + be16(etherType) + payload;
    return QByteArray::fromHex("01005e0000fb020000000001") + be16(quint16(snap.size())) + snap;
}

QByteArray FrameBuilder::sll(quint16 protocol, const QByteArray &payload)
{
    // packet type 2 (multicast), ARPHRD_ETHER, address length 6, address padded to 8
    return be16(2) + be16(1) + be16(6) + QByteArray::fromHex("0200000000010000") + be16(protocol) +
           payload;
}

QByteArray FrameBuilder::sll2(quint16 protocol, const QByteArray &payload)
{
    // protocol, reserved, interface index, ARPHRD_ETHER, packet type, address length, address
    return be16(protocol) + be16(0) + be32(3) + be16(1) + QByteArray::fromHex("0206") +
           QByteArray::fromHex("0200000000010000") + payload;
}

QByteArray FrameBuilder::null(quint32 family, bool bigEndian, const QByteArray &payload)
{
    return (bigEndian ? be32(family) : le32(family)) + payload;
}

QByteArray FrameBuilder::ieee80211(quint16 etherType, const QByteArray &payload, bool qos)
{
    QByteArray f;
    f.append(char(qos ? 0x88 : 0x08)); // data / QoS data
    f.append(char(0x02));              // from-DS
    f += be16(0);                      // duration
    f += QByteArray::fromHex("01005e0000fb") + QByteArray::fromHex("020000000002") +
         QByteArray::fromHex("020000000001");
    f += be16(0); // sequence control
    if (qos)
        f += be16(0);
    return f + QByteArray::fromHex("aaaa03000000") + be16(etherType) + payload;
}

QByteArray FrameBuilder::radiotap(const QByteArray &frame)
{
    // version 0, pad, length 12, present = flags (bit 1), flags 0x10 (FCS at end), padding
    QByteArray h = QByteArray::fromHex("00000c00") + le32(0x2) + QByteArray::fromHex("10000000");
    return h + frame + QByteArray::fromHex("deadbeef"); // an FCS the lengths exclude
}

PcapBuilder::PcapBuilder(quint32 linkType, bool bigEndian, bool nanoseconds)
    : m_big(bigEndian)
{
    put32(nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4);
    put16(2);
    put16(4);
    put32(0);
    put32(0);
    put32(262144);
    put32(linkType);
}

void PcapBuilder::put16(quint16 v)
{
    QByteArray b(2, '\0');
    m_big ? qToBigEndian(v, b.data()) : qToLittleEndian(v, b.data());
    m_bytes += b;
}

void PcapBuilder::put32(quint32 v)
{
    QByteArray b(4, '\0');
    m_big ? qToBigEndian(v, b.data()) : qToLittleEndian(v, b.data());
    m_bytes += b;
}

PcapBuilder &PcapBuilder::record(quint32 seconds, quint32 fraction, const QByteArray &frame,
                                 quint32 originalLength)
{
    put32(seconds);
    put32(fraction);
    put32(quint32(frame.size()));
    put32(originalLength ? originalLength : quint32(frame.size()));
    m_bytes += frame;
    return *this;
}

QByteArray PcapngBuilder::u16(quint16 v) const
{
    QByteArray b(2, '\0');
    m_big ? qToBigEndian(v, b.data()) : qToLittleEndian(v, b.data());
    return b;
}

QByteArray PcapngBuilder::u32(quint32 v) const
{
    QByteArray b(4, '\0');
    m_big ? qToBigEndian(v, b.data()) : qToLittleEndian(v, b.data());
    return b;
}

QByteArray PcapngBuilder::option(quint16 code, const QByteArray &value) const
{
    QByteArray o = u16(code) + u16(quint16(value.size())) + value;
    while (o.size() % 4)
        o.append('\0');
    return o;
}

PcapngBuilder &PcapngBuilder::block(quint32 type, const QByteArray &body)
{
    QByteArray padded = body;
    while (padded.size() % 4)
        padded.append('\0');
    const auto length = quint32(12 + padded.size());
    m_lastBlock = m_bytes.size();
    m_bytes += u32(type) + u32(length) + padded + u32(length);
    return *this;
}

PcapngBuilder &PcapngBuilder::section(bool bigEndian)
{
    m_big = bigEndian;
    return block(0x0A0D0D0A, u32(0x1A2B3C4D) + u16(1) + u16(0) + u32(0xFFFFFFFF) + u32(0xFFFFFFFF));
}

PcapngBuilder &PcapngBuilder::section(bool bigEndian,
                                      const QList<std::pair<quint16, QByteArray>> &options)
{
    m_big = bigEndian;
    QByteArray body = u32(0x1A2B3C4D) + u16(1) + u16(0) + u32(0xFFFFFFFF) + u32(0xFFFFFFFF);
    for (const auto &[code, value] : options)
        body += option(code, value);
    body += option(0, {});
    return block(0x0A0D0D0A, body);
}

PcapngBuilder &PcapngBuilder::enhancedWithComments(quint32 interfaceId, quint64 ticks,
                                                   const QByteArray &frame,
                                                   const QList<QByteArray> &comments)
{
    QByteArray padded = frame;
    while (padded.size() % 4)
        padded.append('\0');
    QByteArray body = u32(interfaceId) + u32(quint32(ticks >> 32)) + u32(quint32(ticks)) +
                      u32(quint32(frame.size())) + u32(quint32(frame.size())) + padded;
    for (const QByteArray &c : comments)
        body += option(1, c);
    body += option(0, {});
    return block(6, body);
}

PcapngBuilder &PcapngBuilder::interface(quint16 linkType, const QByteArray &name, int tsresol,
                                        qint64 tsoffset, quint32 snapLength)
{
    QByteArray body = u16(linkType) + u16(0) + u32(snapLength);
    if (!name.isEmpty())
        body += option(2, name);
    if (tsresol >= 0)
        body += option(9, QByteArray(1, char(tsresol)));
    if (tsoffset != 0) {
        QByteArray v(8, '\0');
        m_big ? qToBigEndian(tsoffset, v.data()) : qToLittleEndian(tsoffset, v.data());
        body += option(14, v);
    }
    body += option(0, {});
    return block(1, body);
}

PcapngBuilder &PcapngBuilder::enhanced(quint32 interfaceId, quint64 ticks, const QByteArray &frame,
                                       quint32 originalLength)
{
    return block(6, u32(interfaceId) + u32(quint32(ticks >> 32)) + u32(quint32(ticks)) +
                        u32(quint32(frame.size())) +
                        u32(originalLength ? originalLength : quint32(frame.size())) + frame);
}

PcapngBuilder &PcapngBuilder::simple(const QByteArray &frame, quint32 originalLength)
{
    return block(3, u32(originalLength ? originalLength : quint32(frame.size())) + frame);
}

PcapngBuilder &PcapngBuilder::obsolete(quint16 interfaceId, quint64 ticks, const QByteArray &frame)
{
    return block(2, u16(interfaceId) + u16(0) + u32(quint32(ticks >> 32)) + u32(quint32(ticks)) +
                        u32(quint32(frame.size())) + u32(quint32(frame.size())) + frame);
}
