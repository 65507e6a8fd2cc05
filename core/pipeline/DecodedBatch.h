#pragma once

#include "DnsMessage.h"
#include "Packet.h"

#include <QList>

#include <vector>

// One batch as the pipeline hands it to its consumers: the packets, each one's message
// decoded once (DnsDecoder::Detail::NoFields: records and text, no field trees) and their
// numbers. A plain value; consumers read it during PacketConsumer::consume() and copy what
// they keep.
struct DecodedBatch
{
    QList<Packet> packets;
    std::vector<DnsMessage> messages; // messages[i] is packets[i] decoded
    quint64 firstNumber = 1;          // packets[i] is packet number firstNumber + i (from 1)
    quint64 malformed = 0;            // messages with an error in this batch

    qsizetype size() const { return packets.size(); }
    bool isEmpty() const { return packets.isEmpty(); }
    quint64 number(qsizetype i) const { return firstNumber + quint64(i); }
};
