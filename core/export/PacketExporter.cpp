#include "PacketExporter.h"

#include "CsvWriter.h"
#include "DnsDecoder.h"
#include "JsonLinesWriter.h"
#include "PacketStreamWriter.h"

#include <algorithm>

namespace {
// Progress is reported (and cancel checked) between pieces of this many packets.
constexpr qsizetype kPiecePackets = 8192;
} // namespace

ExportResult PacketExporter::write(ExportFormat format, const QString &path,
                                   const QList<Packet> &packets,
                                   const std::function<bool(qint64, qint64)> &progress)
{
    ExportResult result;
    PacketStreamWriter writer(format, path);
    const qsizetype total = packets.size();
    bool ok = writer.open();
    for (qsizetype begin = 0; ok && begin < total; begin += kPiecePackets) {
        if (progress && !progress(begin, total)) {
            writer.cancel();
            result.cancelled = true;
            return result;
        }
        ok = writer.write(packets, begin, std::min(total, begin + kPiecePackets));
    }
    if (!ok || !writer.commit()) {
        result.error = writer.error();
        return result;
    }
    if (progress)
        progress(total, total);
    result.ok = true;
    result.packetsWritten = writer.packetsWritten();
    result.malformed = writer.malformed();
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
