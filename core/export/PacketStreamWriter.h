#pragma once

#include "ExportOutput.h"
#include "PacketExporter.h"
#include "PcapngWriter.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

// Writes one export (pcapng, JSON Lines or CSV) from packets handed over in pieces, so a
// capture file can be exported while it is read, in bounded memory. For JSON and CSV each
// piece is decoded and formatted on up to four threads in chunks and written in order.
// Atomic like PacketExporter::write (ExportOutput): nothing reaches the target before
// commit(), except on standard output. The file header (pcapng section, CSV header row) is
// written with the first packets or at commit(). pcapng interface blocks precede the first
// packet of each piece that needs them. Used on one thread (it starts its own helpers).
class PacketStreamWriter final
{
    Q_DISABLE_COPY_MOVE(PacketStreamWriter)
public:
    PacketStreamWriter(ExportFormat format, const QString &path);
    ~PacketStreamWriter(); // cancels when not committed

    bool open();
    // Writes packets [begin, end) (end -1: to the end), numbered on from the previous call.
    bool write(const QList<Packet> &packets, qsizetype begin = 0, qsizetype end = -1);
    bool commit();
    void cancel();

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; } // one line naming the path and the reason
    qint64 packetsWritten() const { return m_index; }
    qint64 malformed() const { return m_format == ExportFormat::Pcapng ? -1 : m_malformed; }
    ExportFormat format() const { return m_format; }

private:
    struct Chunk
    {
        QByteArray bytes;
        qint64 malformed = 0;
    };
    bool start();
    bool writeDecoded(const QList<Packet> &packets, qsizetype begin, qsizetype end);
    bool writePcapng(const QList<Packet> &packets, qsizetype begin, qsizetype end);
    bool writeChunks(std::vector<Chunk> &chunks, unsigned used);
    bool fail();

    ExportFormat m_format;
    QString m_path;
    ExportOutput m_out;
    PcapngWriter m_pcapng;
    QByteArray m_buffer;
    std::vector<Chunk> m_current, m_previous;
    bool m_open = false;
    bool m_started = false;
    qint64 m_index = 0;
    qint64 m_malformed = 0;
    QString m_error;
};
