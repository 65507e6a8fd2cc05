#pragma once

#include <QByteArray>
#include <QIODevice>

#include <functional>

// A pipe, FIFO or terminal read as a sequential QIODevice that never waits for the writer for
// longer than kPollMs at a time: each read returns what is there (waiting for at least one byte),
// 0 at the end of the stream or once `stopped` says so, -1 on an error. So a read can be given
// up (a signal, a Stop) while a writer is silent, and bytesAvailable() tells exactly how many
// bytes a read would get without waiting (what the kernel holds, FIONREAD, and the buffer).
// Reads the descriptor up to 64 KiB at a time into a buffer of its own (open it Unbuffered: a
// QIODevice buffer would wait for the writer to fill it). Does not own the descriptor. Used on
// the reading thread.
class StreamDevice final : public QIODevice
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 100;

    StreamDevice(int fd, std::function<bool()> stopped, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    // True once a read ended because `stopped` said so.
    bool wasStopped() const { return m_wasStopped; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    qint64 fill(char *data, qint64 maxSize);

    int m_fd;
    std::function<bool()> m_stopped;
    QByteArray m_buffer; // read from the descriptor, not yet handed out: [m_taken, size())
    qsizetype m_taken = 0;
    bool m_wasStopped = false;
};
