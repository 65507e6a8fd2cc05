#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

class QIODevice;

// The bytes of a capture file for the pcap / pcapng readers, which walk them front to
// back: a whole file in memory, a random-access device read through a window (4 MiB by
// default), so reading a large file does not first copy all of it into memory, or a stream
// (a pipe, a FIFO, /dev/zero) whose size is unknown: it is read as far as the reader asks
// and no further, keeping only the bytes from the last offset asked for, so a stream costs
// the largest record rather than its whole length, and a writer that stays open is not
// waited for beyond what was asked. Used on the reading thread for the length of one read.
class FileBytes final
{
    Q_DISABLE_COPY_MOVE(FileBytes)
public:
    explicit FileBytes(QByteArrayView memory);
    FileBytes(QIODevice &device, qint64 size, qsizetype windowBytes);
    // A sequential device: offsets only go forward.
    FileBytes(QIODevice &stream, qsizetype windowBytes);

    // How many of the `want` bytes at `offset` exist (fewer at the end of the file, or on
    // a read error: see errorString()). On a stream this reads (and keeps) them.
    qint64 available(qint64 offset, qint64 want);
    // `length` bytes at `offset`, valid until the next call; nullptr when they cannot be
    // read (past the end, or a read error: see errorString()). Cheapest front to back.
    const uchar *at(qint64 offset, qint64 length);
    // The file's size; for a stream, the bytes read from it so far.
    qint64 size() const { return m_stream ? m_bufferStart + m_buffered : m_size; }
    bool isStream() const { return m_stream; }
    QString errorString() const { return m_error; }
    // A stream only: before a read that would wait for the writer (not all its bytes ready) while
    // `pending()` says something read is waiting to be handed on, `idle()` is called, so a
    // live stream's packets go on as they arrive instead of when the next ones come.
    void setIdle(std::function<bool()> pending, std::function<void()> idle)
    {
        m_pending = std::move(pending);
        m_idle = std::move(idle);
    }

private:
    bool fillStream(qint64 offset, qint64 length);
    qint64 readStream(char *into, qint64 length);
    bool streamReady(qint64 length) const;

    const uchar *m_memory = nullptr;
    QIODevice *m_device = nullptr;
    bool m_stream = false;
    bool m_streamEnded = false;
    qint64 m_size = 0;
    qsizetype m_window = 0;
    QByteArray m_buffer; // file bytes [m_bufferStart, m_bufferStart + m_buffered)
    qint64 m_bufferStart = 0;
    qint64 m_buffered = 0;
    QString m_error;
    std::function<bool()> m_pending;
    std::function<void()> m_idle;
};
