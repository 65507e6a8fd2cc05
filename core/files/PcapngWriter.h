#pragma once

#include "Packet.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Serialises packets as pcapng: one section header block (shb_userappl "mdnscope <version>"),
// one interface description block per (interface name, link type) with if_name and
// if_tsresol = 9 (nanoseconds), one enhanced packet block per packet with the packet's comments
// (opt_comment). A packet read from a capture file (Packet::frameKept) is written as the frame
// it was read from, with its link type: link header, IP and UDP headers, datagram and trailer
// as they were. A datagram reassembled from IP fragments is written as one frame: the link
// header of the fragment that completed it, then IP and UDP headers synthesized as below (no
// fragmentation; IPv4 options and IPv6 extension headers are not kept). Any other packet (live)
// is written as a raw IP frame
// (LINKTYPE_IPV4 228 / LINKTYPE_IPV6 229) whose synthesized IPv4 / IPv6 and UDP headers
// carry the real addresses, ports and TTL / hop limit and valid checksums, so Wireshark
// and tshark dissect it as MDNS. A packet with an unknown TTL is written with 255, one
// stamped before 1970 with 0 (pcapng timestamps are unsigned).
// Appends to a caller-owned buffer so the caller decides when to flush.
// One instance per file; used on whichever thread writes the file.
class PcapngWriter final
{
    Q_DISABLE_COPY_MOVE(PcapngWriter)
public:
    PcapngWriter() = default;

    // The section header block; must come first.
    void appendSectionHeader(QByteArray &out);
    // Interface blocks for every interface the packets use, so that all of them precede
    // the first packet (optional: appendPacket() adds a missing one on the fly).
    void appendInterfaces(QByteArray &out, const QList<Packet> &packets, qsizetype begin = 0,
                          qsizetype end = -1);
    void appendPacket(QByteArray &out, const Packet &packet);

    // A whole file in memory.
    static QByteArray toBytes(const QList<Packet> &packets);

private:
    struct Interface
    {
        QString name;
        quint16 linkType = 0;
    };
    quint32 interfaceFor(QByteArray &out, const QString &name, quint16 linkType);
    static quint16 linkTypeOf(const Packet &p);
    // Synthesized IP and UDP headers (with their checksums) of a packet.
    struct IpHeaders
    {
        uchar bytes[48]; // IPv6 (40) or IPv4 (20), then UDP (8)
        qsizetype length = 0;
        quint32 kept = 0; // datagram bytes written after them
    };
    // Fills `headers`; returns the frame's length on the wire.
    static quint32 ipHeaders(const Packet &p, IpHeaders &headers);
    // Synthesized IP and UDP headers and the datagram; returns the length on the wire.
    static quint32 appendIpFrame(QByteArray &out, const Packet &p);
    // A packet without a kept frame or comments: its enhanced packet block in one piece.
    static void appendLivePacket(QByteArray &out, const Packet &p, quint32 interfaceId);

    QList<Interface> m_interfaces;
};
