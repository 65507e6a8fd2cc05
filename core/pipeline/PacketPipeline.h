#pragma once

#include "DecodedBatch.h"
#include "Packet.h"

#include <QList>
#include <QString>
#include <QStringList>

class PacketConsumer;

// The one path every packet takes, whatever its source: a batch comes in (from the capture
// thread, a capture file being read, a stream), each datagram is decoded once, and the
// decoded batch goes to every registered consumer in the order they were added. The window,
// `--read` and `--headless` all feed their packets through it, so a consumer added once sees
// live captures and files alike.
//
// A batch is handed on in slices of at most kSlicePackets: decoded messages are many small
// heap blocks, and keeping more of them alive at once stops them fitting the caches and the
// allocator's free lists (measured on --read of 200,000 packets: 8,192 at once cost 1.5-2x
// the CPU time and twice the memory of 1,024). Used on one thread; the consumers are called
// on it.
class PacketPipeline final
{
    Q_DISABLE_COPY_MOVE(PacketPipeline)
public:
    static constexpr qsizetype kSlicePackets = 1024;

    PacketPipeline() = default;

    // The consumer must outlive the pipeline's use of it; it is fed from the next batch on.
    void addConsumer(PacketConsumer &consumer);
    // Decodes and hands on one batch, slice by slice; returns false when a consumer failed
    // on it (the others were still fed). Empty batches are ignored.
    bool push(QList<Packet> packets);
    // The source ended: finish() on every consumer still working. Returns false when one
    // failed (now or before); errors() lists why, one line per consumer.
    bool finish();

    // Decodes packets into a batch numbered from firstNumber, without feeding anyone (and
    // without slicing: the caller bounds the batch).
    static DecodedBatch decode(QList<Packet> packets, quint64 firstNumber = 1);

    quint64 packets() const { return m_packets; }     // pushed so far
    quint64 malformed() const { return m_malformed; } // of those, malformed
    QStringList errors() const { return m_errors; }
    // Starts numbering again (a clear, a new capture or file): the next packet is number 1.
    void restartNumbering();

private:
    struct Entry
    {
        PacketConsumer *consumer;
        bool failed;
    };
    void failed(Entry &entry);
    bool pushSlice(QList<Packet> packets); // at most kSlicePackets

    QList<Entry> m_consumers;
    quint64 m_packets = 0;
    quint64 m_malformed = 0;
    quint64 m_nextNumber = 1;
    QStringList m_errors;
};
