#pragma once

#include "Packet.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

enum class ExportFormat { Pcapng, JsonLines, Csv };

struct ExportResult
{
    bool ok = false;
    bool cancelled = false;
    QString error; // one line naming the path and the reason
    qint64 packetsWritten = 0;
    qint64 malformed = -1; // malformed messages met while decoding (JSON / CSV); -1: pcapng
};

// Writes packets to a file as pcapng (PcapngWriter), JSON Lines (JsonLinesWriter) or
// CSV (CsvWriter), through a PacketStreamWriter (decoding and formatting on up to four
// threads, written in order). Callable from any thread but blocks it: the GUI calls it
// from a worker; the CLI streams with PacketStreamWriter itself.
namespace PacketExporter {
// Atomic write (QSaveFile): on failure or cancel nothing is left at path and an existing
// file is intact. path "-" writes to standard output. progress(done, total) is called
// on the calling thread now and then and returns false to cancel.
ExportResult write(ExportFormat format, const QString &path, const QList<Packet> &packets,
                   const std::function<bool(qint64, qint64)> &progress = {});
QByteArray jsonLine(const Packet &p, qint64 index); // one JSON object, no newline
QByteArray csvHeader();                             // the header row with its CRLF
QByteArray csvRow(const Packet &p, qint64 index);   // one row with its CRLF
} // namespace PacketExporter
