#pragma once

#include "DnsMessage.h"
#include "DnsWire.h"
#include "Packet.h"

// One packet as the pipeline hands it to its consumers: the datagram, its message decoded
// once (DnsDecoder::Detail::NoFields: records and text, no field trees), its number and its
// place in the current batch. Valid only during PacketConsumer::consume(): the message is
// freed before the next packet is decoded, so a consumer copies what it keeps.
struct DecodedPacket
{
    const Packet &packet;
    const DnsMessage &message;
    quint64 number;  // the packet's number (Packet::number, or the pipeline's; see PacketPipeline)
    qsizetype index; // in the batch given to beginBatch()
};

// A packet whose message is well-formed, handed as its bytes (DnsWire::scan()) instead of a
// DnsMessage to consumers that form text straight from them (PacketConsumer::takesWire()).
// Valid only during PacketConsumer::consumeWire().
struct WirePacket
{
    const Packet &packet;
    const DnsWire::Message &message;
    quint64 number;
    qsizetype index;
};
