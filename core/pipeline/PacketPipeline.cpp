#include "PacketPipeline.h"

#include "DnsDecoder.h"
#include "PacketConsumer.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <latch>

namespace {

// Smaller batches (a live batch is often a handful of packets) are decoded on the calling
// thread: handing them to the pool would cost more than it saves.
constexpr qsizetype kChunkPackets = 1024;

void decodeRange(const QList<Packet> &packets, std::vector<DnsMessage> &messages, qsizetype from,
                 qsizetype to)
{
    for (qsizetype i = from; i < to; ++i)
        messages[size_t(i)] = DnsDecoder::decode(packets.at(i).data, DnsDecoder::Detail::NoFields);
}

// Its own pool rather than the global one, so that a pipeline run by a job on the global
// pool can never wait for chunks queued behind that very job.
QThreadPool &decodePool()
{
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setMaxThreadCount(std::clamp(QThread::idealThreadCount(), 1, 4));
        pool.setObjectName(QStringLiteral("mdnscope-decode-pool"));
        return true;
    }();
    Q_UNUSED(configured);
    return pool;
}

} // namespace

void PacketPipeline::addConsumer(PacketConsumer &consumer)
{
    m_consumers.append(Entry{&consumer, false});
}

DecodedBatch PacketPipeline::decode(QList<Packet> packets, quint64 firstNumber)
{
    DecodedBatch batch;
    batch.packets = std::move(packets);
    batch.firstNumber = firstNumber;
    const qsizetype n = batch.packets.size();
    batch.messages.resize(size_t(n));
    const qsizetype chunks = (n + kChunkPackets - 1) / kChunkPackets;
    QThreadPool *pool = &decodePool();
    if (chunks <= 1 || pool->maxThreadCount() < 2) {
        decodeRange(batch.packets, batch.messages, 0, n);
    } else {
        // Chunk 0 here, the rest on the pool; every chunk writes only its own messages.
        std::latch done(chunks - 1);
        for (qsizetype c = 1; c < chunks; ++c) {
            const qsizetype from = c * kChunkPackets;
            const qsizetype to = std::min(n, from + kChunkPackets);
            pool->start([&batch, &done, from, to] {
                decodeRange(batch.packets, batch.messages, from, to);
                done.count_down();
            });
        }
        decodeRange(batch.packets, batch.messages, 0, std::min(n, kChunkPackets));
        done.wait();
    }
    for (const DnsMessage &m : batch.messages)
        batch.malformed += m.isMalformed() ? 1 : 0;
    return batch;
}

bool PacketPipeline::push(QList<Packet> packets)
{
    if (packets.isEmpty())
        return true;
    const DecodedBatch batch = decode(std::move(packets), m_nextNumber);
    m_nextNumber += quint64(batch.size());
    m_packets += quint64(batch.size());
    m_malformed += batch.malformed;
    bool ok = true;
    for (Entry &e : m_consumers) {
        if (e.failed)
            continue;
        if (!e.consumer->consume(batch)) {
            failed(e);
            ok = false;
        }
    }
    return ok;
}

bool PacketPipeline::finish()
{
    bool ok = m_errors.isEmpty();
    for (Entry &e : m_consumers) {
        if (e.failed)
            continue;
        if (!e.consumer->finish()) {
            failed(e);
            ok = false;
        }
    }
    return ok;
}

void PacketPipeline::failed(Entry &entry)
{
    entry.failed = true;
    m_errors.append(entry.consumer->error());
}

void PacketPipeline::restartNumbering()
{
    m_nextNumber = 1;
    m_packets = 0;
    m_malformed = 0;
}
