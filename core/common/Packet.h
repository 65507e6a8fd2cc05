#pragma once

#include "IpAddress.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>

// One received (or read from file) UDP datagram with what the kernel told about it.
// A plain value type: built on the capture thread, moved to the GUI thread in
// batches (PacketBatch), stored by PacketStore. `data` is a copy of its own or (pooled live) a
// view sharing a slab, PacketSlabWriter; the interface name is an implicitly shared string.
struct Packet
{
    QByteArray data;        // the datagram payload (UDP payload); see above
    qint64 timestampNs = 0; // receive time, nanoseconds since the Unix epoch (UTC)
    IpAddress source;
    IpAddress destination;
    quint16 sourcePort = 0;
    quint16 destinationPort = 0;
    qint32 ttl = -1;            // IP TTL / hop limit; -1 when unknown
    quint32 interfaceIndex = 0; // kernel interface index when live; 0 when unknown
    QString interfaceName;      // empty when unknown
    quint32 originalLength = 0; // datagram length on the wire; > data.size() when truncated
    // The packet's number, from 1, as Wireshark and tshark show it (frame.number, 32 bits as
    // theirs): read from a capture file, the frame's number in that file (every frame counts,
    // also those mdnscope skips); live, 1, 2, 3, ... since the capture was started or cleared.
    // 0 until numbered: a PacketPipeline numbers such a packet on from the one before.
    quint32 number = 0;
    bool truncated = false; // longer than the receive buffer (MSG_TRUNC) or the capture snaplen
    // The Ethernet addresses of the frame, when it was read from a capture file with
    // Ethernet link layers (LinkLayerDecoder); live capture and other link types leave them
    // unknown (macsKnown false, zeros).
    bool macsKnown = false;
    std::array<quint8, 6> sourceMac{};
    std::array<quint8, 6> destinationMac{};
    // Read from a capture file: the frame around the datagram, so that a pcapng export writes it
    // as it was (PcapngWriter). `frameEdges` holds the frame's bytes before the datagram (the
    // first `frameHeadLength` of them: link, IP and UDP headers) and after it (Ethernet padding,
    // a frame check sequence); `linkType` is the file's LINKTYPE_* for it. A datagram reassembled
    // from IP fragments keeps the link header of the frame that completed it alone
    // (frameSynthesized: its IP and UDP headers are written anew). Live packets keep none
    // (frameKept false).
    QByteArray frameEdges;
    quint32 frameHeadLength = 0;
    quint16 linkType = 0;
    bool frameKept = false;
    bool frameSynthesized = false;
    // The comments (pcapng opt_comment) of the packet's block, in order; live packets have none.
    QStringList comments;
};

using PacketBatch = QList<Packet>;

Q_DECLARE_METATYPE(Packet)
Q_DECLARE_METATYPE(PacketBatch)
