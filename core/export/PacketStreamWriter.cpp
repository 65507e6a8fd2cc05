#include "PacketStreamWriter.h"

#include "ByteSink.h"
#include "CsvWriter.h"
#include "DnsDecoder.h"
#include "JsonLinesWriter.h"

#include <algorithm>
#include <thread>

namespace {

constexpr qsizetype kFlushBytes = 1 << 20;
constexpr qsizetype kChunkPackets = 1024;
constexpr unsigned kMaxThreads = 4;

unsigned threadCount()
{
    return std::clamp(std::thread::hardware_concurrency(), 1U, kMaxThreads);
}

} // namespace

PacketStreamWriter::PacketStreamWriter(ExportFormat format, const QString &path)
    : m_format(format)
    , m_path(path)
    , m_current(threadCount())
    , m_previous(threadCount())
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
    if (!m_out.open(m_path))
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
    const bool ok = m_format == ExportFormat::Pcapng ? writePcapng(packets, begin, end)
                                                     : writeDecoded(packets, begin, end);
    return ok || fail();
}

bool PacketStreamWriter::writePcapng(const QList<Packet> &packets, qsizetype begin, qsizetype end)
{
    m_buffer.truncate(0);
    m_pcapng.appendInterfaces(m_buffer, packets, begin, end);
    for (qsizetype i = begin; i < end; ++i) {
        m_pcapng.appendPacket(m_buffer, packets.at(i));
        if (m_buffer.size() >= kFlushBytes) {
            if (!m_out.write(m_buffer))
                return false;
            m_buffer.truncate(0);
        }
    }
    m_index += end - begin;
    return m_out.write(m_buffer);
}

bool PacketStreamWriter::writeChunks(std::vector<Chunk> &chunks, unsigned used)
{
    for (unsigned c = 0; c < used; ++c) {
        if (!m_out.write(chunks[c].bytes))
            return false;
        m_malformed += chunks[c].malformed;
    }
    return true;
}

// Decoding dominates JSON and CSV, so each round encodes several chunks in parallel while
// this thread writes the previous round's, in order.
bool PacketStreamWriter::writeDecoded(const QList<Packet> &packets, qsizetype begin, qsizetype end)
{
    const ExportFormat format = m_format;
    const qint64 firstIndex = m_index - begin; // packet i is numbered firstIndex + i
    auto encode = [&packets, format, firstIndex](qsizetype from, qsizetype to, Chunk &chunk) {
        chunk.bytes.truncate(0);
        chunk.malformed = 0;
        ByteSink sink(chunk.bytes);
        for (qsizetype i = from; i < to; ++i) {
            const Packet &p = packets.at(i);
            const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
            chunk.malformed += m.isMalformed() ? 1 : 0;
            if (format == ExportFormat::JsonLines) {
                JsonLinesWriter::append(sink, p, m, firstIndex + i);
                sink.byte('\n');
            } else {
                CsvWriter::appendRow(sink, p, m, firstIndex + i);
            }
        }
    };
    const auto threads = unsigned(m_current.size());
    unsigned previousUsed = 0;
    for (qsizetype from = begin; from < end; from += kChunkPackets * threads) {
        std::vector<std::jthread> helpers; // joined on every way out of this scope
        unsigned used = 1;
        for (; used < threads; ++used) {
            const qsizetype chunkBegin = from + used * kChunkPackets;
            if (chunkBegin >= end)
                break;
            helpers.emplace_back(encode, chunkBegin, std::min(end, chunkBegin + kChunkPackets),
                                 std::ref(m_current[used]));
        }
        if (!writeChunks(m_previous, previousUsed))
            return false;
        encode(from, std::min(end, from + kChunkPackets), m_current[0]);
        helpers.clear();
        std::swap(m_current, m_previous);
        previousUsed = used;
    }
    m_index += end - begin;
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
