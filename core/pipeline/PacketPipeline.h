#pragma once

#include "DnsWire.h"
#include "Packet.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class PacketConsumer;
struct DecodedPacket;

// The one path every packet takes, whatever its source: a batch comes in (from the capture
// thread, a capture file being read, a stream), each datagram is decoded once, and the packet
// with its message goes to every registered consumer in the order they were added. The
// window (live and file), `--read` and `--headless` all feed their packets through it, so a
// consumer added once sees live captures and files alike.
//
// Packets are decoded and handed on one at a time, within beginBatch() / endBatch() of the
// batch: a decoded message is many small heap blocks, and holding a batch's worth of them
// at once (measured: 1,024 to 8,192) costs 1.5-2x the CPU time in the allocator's slow paths
// and cache misses. Used on one thread; the consumers are called on it.
class PacketPipeline final
{
    Q_DISABLE_COPY_MOVE(PacketPipeline)
public:
    PacketPipeline() = default;

    // The consumer must outlive the pipeline's use of it; it is fed from the next batch on.
    void addConsumer(PacketConsumer &consumer);
    // A gate in front of every consumer (a display filter, --read -Y): a decoded packet it
    // refuses is counted and numbered but handed to no consumer. Batches, finish() and
    // errors are not gated. Empty (the default): every packet passes.
    using Gate = std::function<bool(const DecodedPacket &)>;
    void setGate(Gate gate) { m_gate = std::move(gate); }
    // Whether malformed() counts (true, the default: every packet is decoded). False: a batch
    // that no consumer needsMessage() and no gate filters is not decoded at all and not
    // counted in malformed() (`--headless --write`, which reports no malformed count).
    void setCountMalformed(bool on) { m_countMalformed = on; }
    // Whether push() hands well-formed messages to the consumers as their bytes
    // (PacketConsumer::consumeWire()): every consumer takes them and no gate is set.
    bool wirePath() const;
    // Decodes and hands on one batch; returns false when a consumer failed on it (the others
    // were still fed). Empty batches are ignored.
    bool push(const PacketBatch &packets);
    // The source ended: finish() on every consumer still working. Returns false when one
    // failed (now or before); errors() lists why, one line per consumer.
    bool finish();

    quint64 packets() const { return m_packets; }     // pushed so far
    quint64 malformed() const { return m_malformed; } // of those, malformed (if counted)
    quint64 decoded() const { return m_decoded; }     // of those, decoded
    quint64 passed() const { return m_passed; }       // of those, let through by the gate
    QStringList errors() const { return m_errors; }
    // Numbering: a packet keeps the number it carries (Packet::number: a file's frame number,
    // or given by number() below); one without (0) is numbered on from the packet before it
    // (1 after a restart). The number reaches the consumers as DecodedPacket::number.
    // number() writes those numbers into the packets themselves, ahead of push(), where the
    // packets go on beyond the pipeline (the window's store): live packets, 1, 2, 3, ...
    void number(PacketBatch &packets);
    // Starts numbering again (a clear, a new capture or file): the next packet is number 1.
    void restartNumbering();

private:
    struct Entry
    {
        PacketConsumer *consumer;
        bool failed;
    };
    void failed(Entry &entry);

    QList<Entry> m_consumers;
    Gate m_gate;
    DnsWire::Message m_wire; // reused from packet to packet on the wire path
    quint64 m_passed = 0;
    quint64 m_packets = 0;
    quint64 m_malformed = 0;
    quint64 m_decoded = 0;
    bool m_countMalformed = true;
    quint32 m_lastNumber = 0; // of the last packet pushed or numbered; 0: none yet
    quint32 numberOf(const Packet &packet);
    QStringList m_errors;
};
