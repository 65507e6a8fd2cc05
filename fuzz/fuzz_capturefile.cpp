// libFuzzer target for CaptureFileReader::readBytes (pcap / pcapng and every link type),
// then for what mdnscope does with what it read: reading through a small window (as files
// are read) must give the same result, each datagram's JSON Lines object must be valid
// JSON, and writing the packets as pcapng and reading that back must give the same packets. Any
// violation aborts, so libFuzzer keeps the input.
#include "CaptureFileReader.h"
#include "PacketExporter.h"
#include "PcapngWriter.h"

#include <QBuffer>
#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

namespace {

// Formatting and parsing every datagram's JSON would dominate each run; the first few
// cover the writer, and the DNS content comes from mutations anyway.
constexpr qsizetype kJsonChecked = 8;

[[noreturn]] void fail(const char *what, qsizetype index = -1)
{
    std::fprintf(stderr, "fuzz_capturefile: %s (packet %lld)\n", what,
                 static_cast<long long>(index));
    std::abort();
}

bool samePacket(const Packet &a, const Packet &b)
{
    return a.data == b.data && a.source == b.source && a.destination == b.destination &&
           a.sourcePort == b.sourcePort && a.destinationPort == b.destinationPort &&
           a.ttl == b.ttl && a.interfaceName == b.interfaceName &&
           a.originalLength == b.originalLength && a.truncated == b.truncated &&
           (a.timestampNs < 0 || a.timestampNs == b.timestampNs);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const CaptureFileResult r = CaptureFileReader::readBytes(input);

    const CaptureFileStats &s = r.stats;
    if (s.packets != quint64(r.packets.size()))
        fail("packet count");
    // Kept packets reassembled from IP fragments stand for their fragments (see CaptureFileStats).
    if (s.records != s.packets - s.reassembledPackets + s.fragmentsReassembled + s.skipped())
        fail("records != packets - reassembled + their fragments + skipped");
    if (r.error && (r.error->offset < 0 || r.error->offset > qint64(size) ||
                    r.error->reason.isEmpty() || r.error->ioError))
        fail("error offset or reason");
    if (!r.error && r.format.isEmpty())
        fail("no format and no error");

    for (qsizetype i = 0; i < r.packets.size(); ++i) {
        const Packet &p = r.packets.at(i);
        if (p.sourcePort != 5353 && p.destinationPort != 5353)
            fail("not port 5353", i);
        if (quint32(p.data.size()) > p.originalLength ||
            p.truncated != (quint32(p.data.size()) < p.originalLength))
            fail("lengths", i);
        if (p.ttl < 0 || p.ttl > 255 || p.source.isNull() || p.destination.isNull())
            fail("addresses or ttl", i);
        if (i >= kJsonChecked)
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(PacketExporter::jsonLine(p, i), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            fail("invalid JSON line", i);
        (void)PacketExporter::csvRow(p, i);
    }

    // The same bytes read through a small window (as files are) must give the same result.
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    const CaptureFileResult windowed =
        CaptureFileReader::readDevice(buffer, {}, qsizetype(1 + size % 97));
    if (windowed.packets.size() != r.packets.size() || windowed.stats.records != s.records ||
        windowed.error.has_value() != r.error.has_value() ||
        (r.error &&
         (windowed.error->offset != r.error->offset || windowed.error->reason != r.error->reason)))
        fail("windowed read differs");
    for (qsizetype i = 0; i < r.packets.size(); ++i) {
        if (!samePacket(r.packets.at(i), windowed.packets.at(i)))
            fail("windowed read: packet differs", i);
    }

    const CaptureFileResult back = CaptureFileReader::readBytes(PcapngWriter::toBytes(r.packets));
    if (back.error || back.packets.size() != r.packets.size())
        fail("pcapng round trip: count or error");
    for (qsizetype i = 0; i < r.packets.size(); ++i) {
        if (!samePacket(r.packets.at(i), back.packets.at(i)))
            fail("pcapng round trip: packet differs", i);
    }
    return 0;
}
