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
// Large batches are decoded in chunks on a decoding thread pool (the calling thread takes
// one chunk), so a file or an export is decoded on every core. Used on one thread;
// the consumers are called on it.
class PacketPipeline final
{
    Q_DISABLE_COPY_MOVE(PacketPipeline)
public:
    PacketPipeline() = default;

    // The consumer must outlive the pipeline's use of it; it is fed from the next batch on.
    void addConsumer(PacketConsumer &consumer);
    // Decodes and hands on one batch; returns false when a consumer failed on it (the others
    // were still fed). Empty batches are ignored.
    bool push(QList<Packet> packets);
    // The source ended: finish() on every consumer still working. Returns false when one
    // failed (now or before); errors() lists why, one line per consumer.
    bool finish();

    // Decodes packets into a batch numbered from firstNumber, without feeding anyone.
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

    QList<Entry> m_consumers;
    quint64 m_packets = 0;
    quint64 m_malformed = 0;
    quint64 m_nextNumber = 1;
    QStringList m_errors;
};
