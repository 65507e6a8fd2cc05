#pragma once

#include "ExportOutput.h"
#include "PacketConsumer.h"
#include "PacketExporter.h"
#include "PcapngWriter.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

class PacketPipeline;

// Writes one export (pcapng, JSON Lines or CSV) from packets handed over in batches, so a
// capture or a capture file is exported while it arrives, in bounded memory. A
// PacketConsumer: fed by a PacketPipeline, JSON and CSV are formatted from each packet's
// message (decoded once by the pipeline); the `index` of a JSON line or CSV row is the packet's
// number (DecodedPacket::number: Packet::number, from 1 as in Wireshark), so an export of some
// packets keeps the numbers they had. Staged like ExportOutput: nothing
// reaches the target before commit() (finish()), except on standard output and devices;
// every batch ends with ExportOutput::checkpoint(), so a .part file is readable up to the
// last batch. The file header (pcapng section, CSV header row) is written with the first
// packets or at commit(). pcapng interface blocks precede the first packet of each batch
// that needs them. Used on one thread.
class PacketStreamWriter final : public PacketConsumer
{
    Q_DISABLE_COPY_MOVE(PacketStreamWriter)
public:
    PacketStreamWriter(ExportFormat format, const QString &path,
                       ExportOutput::Staging staging = ExportOutput::Staging::Hidden);
    ~PacketStreamWriter() override; // cancels when not committed

    bool open();
    // PacketConsumer: each batch written (and checkpointed) at its end; finish() commits.
    bool beginBatch(const PacketBatch &packets, quint64 firstNumber) override;
    bool consume(const DecodedPacket &packet) override;
    // Every format is formed from the bytes of a well-formed message alone (no DnsMessage).
    bool takesWire() const override { return true; }
    bool consumeWire(const WirePacket &packet) override;
    bool endBatch() override;
    // pcapng writes the packet as it came: nothing decoded is needed.
    bool needsMessage() const override { return m_format != ExportFormat::Pcapng; }
    bool finish() override { return commit(); }
    QString error() const override { return m_error; } // names the path and the reason
    // Without a pipeline: packets [begin, end) (end -1: to the end), decoded once through a
    // PacketPipeline of its own for JSON and CSV; each keeps its number, one without (0) is
    // numbered on from the packet before it (also across calls).
    bool write(const QList<Packet> &packets, qsizetype begin = 0, qsizetype end = -1);
    bool commit();
    void cancel();

    bool failed() const { return !m_error.isEmpty(); }
    qint64 packetsWritten() const { return m_written; }
    qint64 malformed() const { return m_format == ExportFormat::Pcapng ? -1 : m_malformed; }
    ExportFormat format() const { return m_format; }
    QString path() const { return m_path; }

private:
    bool start();
    bool flushIfFull();
    bool fail();

    ExportFormat m_format;
    QString m_path;
    ExportOutput::Staging m_staging;
    ExportOutput m_out;
    PcapngWriter m_pcapng;
    QByteArray m_buffer;
    bool m_open = false;
    bool m_started = false;
    qint64 m_written = 0;
    std::unique_ptr<PacketPipeline> m_pipeline; // write()'s, made on its first use
    qint64 m_malformed = 0;
    QString m_error;
};
