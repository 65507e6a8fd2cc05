#pragma once

#include "CaptureFileReader.h"
#include "SenderTable.h"

#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

class QThread;

// What the GUI needs from a capture file, all computed off the GUI thread: the packets,
// each one's malformed verdict and the sender statistics.
struct OpenedFile
{
    QString path;
    CaptureFileResult file;
    QList<bool> malformed;
    quint64 malformedCount = 0;
    SenderTable senders;
};

// Reads a pcap / pcapng file on a worker thread and decodes every packet once (for the
// malformed flags and the senders), reporting progress in percent. cancel() stops it;
// destroying the job cancels and joins it. Lives in the GUI thread.
class OpenFileJob final : public QObject
{
    Q_OBJECT
public:
    explicit OpenFileJob(QObject *parent = nullptr);
    ~OpenFileJob() override;
    Q_DISABLE_COPY_MOVE(OpenFileJob)

    void start(const QString &path);
    void cancel();
    bool isRunning() const; // started and its result not yet delivered
    bool wait(int timeoutMs);

Q_SIGNALS:
    void progress(int percent);
    void finished(std::shared_ptr<OpenedFile> result);

private:
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    bool m_busy = false; // from start() until finished() was delivered
};
