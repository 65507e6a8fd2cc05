#pragma once

#include "Packet.h"

#include <QString>

struct DecodedPacket;
struct WirePacket;

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
    // Whether the consumer only forms text from each message and can take a well-formed one as
    // its bytes (consumeWire()) instead of a decoded DnsMessage. When every consumer can and no
    // gate is set, the pipeline decodes no DnsMessage for a well-formed message (it scans it,
    // DnsWire::scan()) and calls consumeWire(); the others still come through consume().
    virtual bool takesWire() const { return false; }
    // One well-formed packet as its bytes, in order, in place of consume(); only called when
    // takesWire() is true.
    virtual bool consumeWire(const WirePacket &packet)
    {
        Q_UNUSED(packet);
        return false;
    }
    // The batch's last packet was consumed (flush, hand a result on).
    virtual bool endBatch() { return true; }
    // The source ended (the file was read, the capture stopped); returns false on failure.
    virtual bool finish() { return true; }
    // One line naming what failed and why, once a call returned false.
    virtual QString error() const { return {}; }
};
