#include "PacketStreamWriter.h"

#include "ByteSink.h"
#include "CsvWriter.h"
#include "DecodedPacket.h"
#include "JsonLinesWriter.h"
#include "PacketPipeline.h"

#include <algorithm>

namespace {

constexpr qsizetype kFlushBytes = 1 << 20;

} // namespace

PacketStreamWriter::PacketStreamWriter(ExportFormat format, const QString &path,
                                       ExportOutput::Staging staging)
    : m_format(format)
    , m_path(path)
    , m_staging(staging)
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
    const QList<Packet> piece =
        begin == 0 && end == packets.size() ? packets : packets.mid(begin, end - begin);
    if (m_format == ExportFormat::Pcapng) { // no decoding needed (pcapng has no numbers)
        bool ok = beginBatch(piece, 0);
        for (qsizetype i = 0; ok && i < piece.size(); ++i) {
            m_pcapng.appendPacket(m_buffer, piece.at(i));
            ++m_written;
            ok = flushIfFull();
        }
        return (ok && m_out.write(m_buffer)) || fail();
    }
    // Through a pipeline of its own, which decodes each packet once, as --read does, and
    // numbers on across calls the packets that carry no number.
    if (!m_pipeline) {
        m_pipeline = std::make_unique<PacketPipeline>();
        m_pipeline->addConsumer(*this);
    }
    return m_pipeline->push(piece) || fail();
}

bool PacketStreamWriter::beginBatch(const PacketBatch &packets, quint64 firstNumber)
{
    Q_UNUSED(firstNumber);
    if (!m_open || !start())
        return fail();
    m_buffer.truncate(0);
    if (m_format == ExportFormat::Pcapng)
        m_pcapng.appendInterfaces(m_buffer, packets, 0, packets.size());
    return true;
}

bool PacketStreamWriter::consume(const DecodedPacket &decoded)
{
    ++m_written;
    const auto index = qint64(decoded.number); // the packet's number, as the window shows it
    if (m_format == ExportFormat::Pcapng) {
        m_pcapng.appendPacket(m_buffer, decoded.packet);
    } else {
        m_malformed += decoded.message.isMalformed() ? 1 : 0;
        ByteSink sink(m_buffer);
        if (m_format == ExportFormat::JsonLines) {
            JsonLinesWriter::append(sink, decoded.packet, decoded.message, index);
            sink.byte('\n');
        } else {
            CsvWriter::appendRow(sink, decoded.packet, decoded.message, index);
        }
    }
    return flushIfFull() || fail();
}

bool PacketStreamWriter::consumeWire(const WirePacket &wire)
{
    ++m_written;
    const auto index = qint64(wire.number);
    if (m_format == ExportFormat::Pcapng) {
        m_pcapng.appendPacket(m_buffer, wire.packet);
    } else {
        ByteSink sink(m_buffer);
        if (m_format == ExportFormat::JsonLines) {
            JsonLinesWriter::append(sink, wire.packet, wire.message, index);
            sink.byte('\n');
        } else {
            CsvWriter::appendRow(sink, wire.packet, wire.message, index);
        }
    }
    return flushIfFull() || fail();
}

bool PacketStreamWriter::endBatch()
{
    return (m_out.write(m_buffer) && m_out.checkpoint()) || fail();
}

bool PacketStreamWriter::flushIfFull()
{
    if (m_buffer.size() < kFlushBytes)
        return true;
    if (!m_out.write(m_buffer))
        return false;
    m_buffer.truncate(0);
    return true;
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
