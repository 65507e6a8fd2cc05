#pragma once

#include "BackgroundJob.h"
#include "Packet.h"

#include <QAtomicInt>
#include <QByteArray>
#include <QString>

class QProcess;

// Reads a live pcap / pcapng stream on a worker thread and hands its mDNS packets on as they
// arrive (at least every CaptureFileReader::kStreamFlushMs while the writer writes, and whenever
// it pauses), so a slow writer never stalls the GUI thread. The source is standard input ("-"),
// a FIFO (an existing path), or else a shell command whose standard output is read (run with
// /bin/sh -c in a process group of its own, e.g. `ssh pi 'tcpdump -U -w - udp port 5353'`).
// stop() closes the stream and ends the command; the end of the stream, an error or a stop end
// with finished(). Lives in the GUI thread.
class StreamJob final : public BackgroundJob
{
    Q_OBJECT
public:
    explicit StreamJob(QObject *parent = nullptr);
    ~StreamJob() override;

    // False (and error() says why) when the source cannot be opened or the command not run.
    bool start(const QString &source);
    // Closes the stream (and ends the command); finished() follows.
    void stop();
    QString error() const { return m_error; }
    // Whether `source` names a FIFO or standard input rather than a command.
    static bool isFileSource(const QString &source);

Q_SIGNALS:
    void packetsRead(const PacketBatch &batch);
    // `error` empty: the stream ended (or was stopped) cleanly; else why it ended, e.g.
    // "the stream ended 10 bytes into the block at offset 1234".
    void finished(const QString &error, quint64 packets);

private:
    void endProcess();
    QString commandFailure() const;

    QProcess *m_process = nullptr;
    QByteArray m_commandErrors; // the command's standard error, its last lines
    QString m_error;
    QAtomicInt m_queued; // batches posted and not yet emitted: bounds the memory
};
