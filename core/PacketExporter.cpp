#include "PacketExporter.h"

#include "ByteSink.h"
#include "CsvWriter.h"
#include "DnsDecoder.h"
#include "ExportOutput.h"
#include "JsonLinesWriter.h"
#include "PcapngWriter.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace {

constexpr qsizetype kFlushBytes = 1 << 20;
constexpr qsizetype kChunkPackets = 1024;
constexpr unsigned kMaxThreads = 4;

struct Chunk
{
    QByteArray bytes;
    qint64 malformed = 0;
};

void encodeChunk(ExportFormat format, const QList<Packet> &packets, qsizetype begin, qsizetype end,
                 Chunk &chunk)
{
    chunk.bytes.truncate(0);
    chunk.malformed = 0;
    ByteSink sink(chunk.bytes);
    for (qsizetype i = begin; i < end; ++i) {
        const Packet &p = packets.at(i);
        const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
        chunk.malformed += m.isMalformed() ? 1 : 0;
        if (format == ExportFormat::JsonLines) {
            JsonLinesWriter::append(sink, p, m, i);
            sink.byte('\n');
        } else {
            CsvWriter::appendRow(sink, p, m, i);
        }
    }
}

bool writeChunks(ExportOutput &out, std::vector<Chunk> &chunks, unsigned used, ExportResult &result)
{
    for (unsigned c = 0; c < used; ++c) {
        if (!out.write(chunks[c].bytes))
            return false;
        result.malformed += chunks[c].malformed;
    }
    return true;
}

// JSON Lines and CSV: decoding dominates, so each round encodes several chunks in
// parallel while this thread writes the previous round's, in order.
bool writeDecoded(ExportFormat format, ExportOutput &out, const QList<Packet> &packets,
                  const std::function<bool(qint64, qint64)> &progress, ExportResult &result)
{
    const qsizetype total = packets.size();
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, kMaxThreads);
    std::vector<Chunk> current(threads), previous(threads);
    unsigned previousUsed = 0;
    result.malformed = 0;
    if (format == ExportFormat::Csv) {
        QByteArray header;
        CsvWriter::appendHeader(header);
        if (!out.write(header))
            return false;
    }
    for (qsizetype begin = 0; begin < total; begin += kChunkPackets * threads) {
        if (progress && !progress(begin, total)) {
            result.cancelled = true;
            return false;
        }
        std::vector<std::jthread> helpers; // joined on every way out of this scope
        unsigned used = 1;
        for (; used < threads; ++used) {
            const qsizetype from = begin + used * kChunkPackets;
            if (from >= total)
                break;
            helpers.emplace_back(encodeChunk, format, std::cref(packets), from,
                                 std::min(total, from + kChunkPackets), std::ref(current[used]));
        }
        if (!writeChunks(out, previous, previousUsed, result))
            return false;
        encodeChunk(format, packets, begin, std::min(total, begin + kChunkPackets), current[0]);
        helpers.clear();
        std::swap(current, previous);
        previousUsed = used;
    }
    return writeChunks(out, previous, previousUsed, result);
}

bool writePcapng(ExportOutput &out, const QList<Packet> &packets,
                 const std::function<bool(qint64, qint64)> &progress, ExportResult &result)
{
    PcapngWriter writer;
    QByteArray buffer;
    buffer.reserve(kFlushBytes + (64 << 10));
    writer.appendSectionHeader(buffer);
    writer.appendInterfaces(buffer, packets);
    const qsizetype total = packets.size();
    for (qsizetype i = 0; i < total; ++i) {
        if (i % 4096 == 0 && progress && !progress(i, total)) {
            result.cancelled = true;
            return false;
        }
        writer.appendPacket(buffer, packets.at(i));
        if (buffer.size() >= kFlushBytes) {
            if (!out.write(buffer))
                return false;
            buffer.truncate(0);
        }
    }
    return out.write(buffer);
}

} // namespace

ExportResult PacketExporter::write(ExportFormat format, const QString &path,
                                   const QList<Packet> &packets,
                                   const std::function<bool(qint64, qint64)> &progress)
{
    ExportResult result;
    ExportOutput out;
    if (!out.open(path)) {
        result.error = out.errorString();
        return result;
    }
    const bool written = format == ExportFormat::Pcapng
                             ? writePcapng(out, packets, progress, result)
                             : writeDecoded(format, out, packets, progress, result);
    if (!written || !out.commit()) {
        out.cancel();
        result.error = result.cancelled ? QString() : out.errorString();
        return result;
    }
    if (progress)
        progress(packets.size(), packets.size());
    result.ok = true;
    result.packetsWritten = packets.size();
    return result;
}

QByteArray PacketExporter::jsonLine(const Packet &p, qint64 index)
{
    QByteArray out;
    JsonLinesWriter::append(out, p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields),
                            index);
    return out;
}

QByteArray PacketExporter::csvHeader()
{
    QByteArray out;
    CsvWriter::appendHeader(out);
    return out;
}

QByteArray PacketExporter::csvRow(const Packet &p, qint64 index)
{
    QByteArray out;
    CsvWriter::appendRow(out, p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), index);
    return out;
}
