#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QIODevice;

// The bytes of a capture file for the pcap / pcapng readers, which walk them front to
// back: either a whole file in memory, or a random-access device read through a window
// (4 MiB by default), so reading a large file does not first copy all of it into memory.
// Used on the reading thread for the length of one read.
class FileBytes final
{
    Q_DISABLE_COPY_MOVE(FileBytes)
public:
    explicit FileBytes(QByteArrayView memory);
    FileBytes(QIODevice &device, qint64 size, qsizetype windowBytes);

    qint64 size() const { return m_size; }
    // `length` bytes at `offset`, valid until the next call; nullptr when they cannot be
    // read (past the end, or a read error: see errorString()). Cheapest front to back.
    const uchar *at(qint64 offset, qint64 length);
    QString errorString() const { return m_error; }

private:
    const uchar *m_memory = nullptr;
    QIODevice *m_device = nullptr;
    qint64 m_size = 0;
    qsizetype m_window = 0;
    QByteArray m_buffer; // file bytes [m_bufferStart, m_bufferStart + m_buffered)
    qint64 m_bufferStart = 0;
    qint64 m_buffered = 0;
    QString m_error;
};
