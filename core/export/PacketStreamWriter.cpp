#include "PacketStreamWriter.h"

#include "ByteSink.h"
#include "CsvWriter.h"
#include "DecodedBatch.h"
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
    if (m_format == ExportFormat::Pcapng) // no decoding needed
        return writePcapng(piece) || fail();
    // Slice by slice, as the pipeline hands them over: a million stored packets decoded at
    // once would hold every message in memory.
    for (qsizetype from = 0; from < piece.size(); from += PacketPipeline::kSlicePackets) {
        const QList<Packet> slice = piece.mid(from, PacketPipeline::kSlicePackets);
        if (!writeFormatted(PacketPipeline::decode(slice, quint64(m_index) + 1)))
            return fail();
    }
    return true;
}

bool PacketStreamWriter::consume(const DecodedBatch &batch)
{
    if (!m_open || !start())
        return false;
    if (batch.isEmpty())
        return true;
    const bool ok =
        m_format == ExportFormat::Pcapng ? writePcapng(batch.packets) : writeFormatted(batch);
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

// JSON Lines and CSV from the pipeline's decode, formatted into the buffer and written in
// one piece (a pipeline slice is at most PacketPipeline::kSlicePackets packets).
bool PacketStreamWriter::writeFormatted(const DecodedBatch &batch)
{
    m_buffer.truncate(0);
    {
        ByteSink sink(m_buffer);
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const Packet &p = batch.packets.at(i);
            const DnsMessage &m = batch.messages[size_t(i)];
            const qint64 index = qint64(batch.number(i)) - 1; // exports count from 0
            if (m_format == ExportFormat::JsonLines) {
                JsonLinesWriter::append(sink, p, m, index);
                sink.byte('\n');
            } else {
                CsvWriter::appendRow(sink, p, m, index);
            }
        }
    } // the sink trims the buffer to what was written
    m_index += batch.size();
    m_malformed += qint64(batch.malformed);
    return m_out.write(m_buffer);
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
