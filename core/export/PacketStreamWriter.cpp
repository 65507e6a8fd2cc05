#include "PacketStreamWriter.h"

#include "ByteSink.h"
#include "CsvWriter.h"
#include "DecodedBatch.h"
#include "JsonLinesWriter.h"
#include "PacketPipeline.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <latch>

namespace {

constexpr qsizetype kFlushBytes = 1 << 20;
constexpr qsizetype kChunkPackets = 1024;
constexpr int kMaxThreads = 4;

// Its own pool, like the pipeline's decoding pool: a writer run by a job on the global pool
// must never wait for chunks queued behind that very job. Chunk 0 of every round is
// formatted on the writing thread, so the pool holds one thread fewer than the chunks.
QThreadPool &formatPool()
{
    static QThreadPool pool;
    static const bool configured = [] {
        pool.setMaxThreadCount(std::clamp(QThread::idealThreadCount(), 1, kMaxThreads) - 1);
        pool.setObjectName(QStringLiteral("mdnscope-export-pool"));
        return true;
    }();
    Q_UNUSED(configured);
    return pool;
}

unsigned chunksPerRound()
{
    return unsigned(formatPool().maxThreadCount()) + 1;
}

} // namespace

PacketStreamWriter::PacketStreamWriter(ExportFormat format, const QString &path,
                                       ExportOutput::Staging staging)
    : m_format(format)
    , m_path(path)
    , m_staging(staging)
    , m_current(chunksPerRound())
    , m_previous(chunksPerRound())
{}

PacketStreamWriter::~PacketStreamWriter()
{
    cancel();
}

bool PacketStreamWriter::fail()
{
    if (m_error.isEmpty())
        m_error = m_out.errorString();
    m_out.cancel();
    m_open = false;
    return false;
}

bool PacketStreamWriter::open()
{
    if (!m_out.open(m_path, m_staging))
        return fail();
    m_open = true;
    return true;
}

bool PacketStreamWriter::start()
{
    if (m_started)
        return true;
    m_started = true;
    QByteArray header;
    if (m_format == ExportFormat::Pcapng)
        m_pcapng.appendSectionHeader(header);
    else if (m_format == ExportFormat::Csv)
        CsvWriter::appendHeader(header);
    return header.isEmpty() || m_out.write(header) || fail();
}

bool PacketStreamWriter::write(const QList<Packet> &packets, qsizetype begin, qsizetype end)
{
    if (!m_open)
        return false;
    if (end < 0 || end > packets.size())
        end = packets.size();
    if (!start())
        return false;
    if (begin >= end)
        return true;
    const QList<Packet> piece = begin == 0 && end == packets.size()
                                    ? packets
                                    : packets.mid(begin, end - begin);
    if (m_format == ExportFormat::Pcapng) // no decoding needed
        return writePcapng(piece) || fail();
    return writeFormatted(PacketPipeline::decode(piece, quint64(m_index) + 1)) || fail();
}

bool PacketStreamWriter::consume(const DecodedBatch &batch)
{
    if (!m_open || !start())
        return false;
    if (batch.isEmpty())
        return true;
    const bool ok = m_format == ExportFormat::Pcapng ? writePcapng(batch.packets)
                                                     : writeFormatted(batch);
    return (ok && m_out.checkpoint()) || fail();
}

bool PacketStreamWriter::writePcapng(const QList<Packet> &packets)
{
    m_buffer.truncate(0);
    m_pcapng.appendInterfaces(m_buffer, packets, 0, packets.size());
    for (const Packet &p : packets) {
        m_pcapng.appendPacket(m_buffer, p);
        if (m_buffer.size() >= kFlushBytes) {
            if (!m_out.write(m_buffer))
                return false;
            m_buffer.truncate(0);
        }
    }
    m_index += packets.size();
    return m_out.write(m_buffer);
}

bool PacketStreamWriter::writeChunks(const std::vector<QByteArray> &chunks, unsigned used)
{
    for (unsigned c = 0; c < used; ++c) {
        if (!m_out.write(chunks[c]))
            return false;
    }
    return true;
}

// Formatting dominates JSON and CSV, so each round formats several chunks in parallel (on
// the pool and this thread) while this thread writes the previous round's, in order.
bool PacketStreamWriter::writeFormatted(const DecodedBatch &batch)
{
    const ExportFormat format = m_format;
    auto encode = [&batch, format](qsizetype from, qsizetype to, QByteArray &bytes) {
        bytes.truncate(0);
        ByteSink sink(bytes);
        for (qsizetype i = from; i < to; ++i) {
            const Packet &p = batch.packets.at(i);
            const DnsMessage &m = batch.messages[size_t(i)];
            const qint64 index = qint64(batch.number(i)) - 1; // exports count from 0
            if (format == ExportFormat::JsonLines) {
                JsonLinesWriter::append(sink, p, m, index);
                sink.byte('\n');
            } else {
                CsvWriter::appendRow(sink, p, m, index);
            }
        }
    };
    QThreadPool &pool = formatPool();
    const auto perRound = unsigned(m_current.size());
    const qsizetype end = batch.size();
    unsigned previousUsed = 0;
    for (qsizetype from = 0; from < end; from += kChunkPackets * perRound) {
        unsigned used = 1;
        while (used < perRound && from + used * kChunkPackets < end)
            ++used;
        std::latch done(used - 1);
        for (unsigned c = 1; c < used; ++c) {
            const qsizetype chunkBegin = from + c * kChunkPackets;
            QByteArray &bytes = m_current[c];
            pool.start([&encode, &done, &bytes, chunkBegin, end] {
                encode(chunkBegin, std::min(end, chunkBegin + kChunkPackets), bytes);
                done.count_down();
            });
        }
        const bool wrote = writeChunks(m_previous, previousUsed);
        if (wrote)
            encode(from, std::min(end, from + kChunkPackets), m_current[0]);
        done.wait(); // the helpers write into m_current: never leave before they are done
        if (!wrote)
            return false;
        std::swap(m_current, m_previous);
        previousUsed = used;
    }
    m_index += end;
    m_malformed += qint64(batch.malformed);
    return writeChunks(m_previous, previousUsed);
}

bool PacketStreamWriter::commit()
{
    if (!m_open || !start())
        return false;
    if (!m_out.commit())
        return fail();
    m_open = false;
    return true;
}

void PacketStreamWriter::cancel()
{
    m_out.cancel();
    m_open = false;
}
