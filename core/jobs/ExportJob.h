#pragma once

#include "BackgroundJob.h"
#include "PacketExporter.h"
#include "PacketStore.h"

// Runs one export (PacketExporter::write) on a worker thread so the window stays responsive:
// progress and the result come back as queued signals; cancel() stops it, and the
// exporter's atomic write then leaves nothing behind. The packets are a PacketStore snapshot,
// safe to read while the capture goes on. Destroying the job cancels and joins it. Lives in
// the GUI thread.
class ExportJob final : public BackgroundJob
{
    Q_OBJECT
public:
    explicit ExportJob(QObject *parent = nullptr);
    ~ExportJob() override;

    void start(ExportFormat format, const QString &path, PacketStore::Snapshot packets);
    QString path() const { return m_path; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const ExportResult &result);

private:
    QString m_path;
};
