#pragma once

#include "Packet.h"

#include <QString>

struct DecodedPacket;

// What the pipeline feeds: the window's batch analysis, an export, the summary lines of
// --read, and every analysis to come (as Wireshark's taps see every dissected packet).
// Registered once with PacketPipeline, a consumer sees every packet of every source (live
// capture, a capture file, a stream) in order, on the pipeline's thread, with the same
// decode: beginBatch(), consume() for each of its packets, endBatch(). A consumer that fails
// (a full disk) returns false: the pipeline stops feeding it, says so through error(), and
// goes on with the others.
class PacketConsumer
{
public:
    virtual ~PacketConsumer() = default;

    // A batch starts; `packets` (shared, valid until endBatch()) are about to be consumed, the
    // first of them numbered `firstNumber` (see PacketPipeline's numbering).
    virtual bool beginBatch(const PacketBatch &packets, quint64 firstNumber)
    {
        Q_UNUSED(packets);
        Q_UNUSED(firstNumber);
        return true;
    }
    // One packet, in order; returns false when the consumer cannot go on.
    virtual bool consume(const DecodedPacket &packet) = 0;
    // Whether consume() reads DecodedPacket::message. A consumer that needs only the packet
    // (a pcapng writer) says false: when no consumer (and no gate) needs the message and the
    // pipeline's owner does not count malformed packets, the pipeline decodes nothing, and the
    // message handed on is empty. Asked at every batch's start.
    virtual bool needsMessage() const { return true; }
    // The batch's last packet was consumed (flush, hand a result on).
    virtual bool endBatch() { return true; }
    // The source ended (the file was read, the capture stopped); returns false on failure.
    virtual bool finish() { return true; }
    // One line naming what failed and why, once a call returned false.
    virtual QString error() const { return {}; }
};
