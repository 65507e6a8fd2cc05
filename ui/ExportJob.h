#pragma once

#include "PacketExporter.h"
#include "PacketStore.h"

#include <QObject>

#include <atomic>

class QThread;

// Runs one export (PacketExporter::write) on a worker thread so the window stays responsive:
// progress and the result come back as queued signals; cancel() stops it, and the
// exporter's atomic write then leaves nothing behind. The packets are a PacketStore snapshot,
// safe to read while the capture goes on. Destroying the job cancels and joins it. Lives in
// the GUI thread.
class ExportJob final : public QObject
{
    Q_OBJECT
public:
    explicit ExportJob(QObject *parent = nullptr);
    ~ExportJob() override;
    Q_DISABLE_COPY_MOVE(ExportJob)

    void start(ExportFormat format, const QString &path, PacketStore::Snapshot packets);
    void cancel();
    bool isRunning() const; // started and its result not yet delivered
    QString path() const { return m_path; }
    // Blocks until the worker ended (tests); the result is still delivered by finished().
    bool wait(int timeoutMs);

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const ExportResult &result);

private:
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    bool m_busy = false; // from start() until finished() was delivered
    QString m_path;
};
