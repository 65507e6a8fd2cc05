#include "ExportJob.h"

#include <memory>

using namespace Qt::StringLiterals;

ExportJob::ExportJob(QObject *parent)
    : BackgroundJob(u"export"_s, parent)
{}

ExportJob::~ExportJob()
{
    stop(); // the work runs with this `this`: end it while the whole object is alive
}

void ExportJob::start(ExportFormat format, const QString &path, PacketStore::Snapshot packets)
{
    if (isRunning())
        return;
    m_path = path;
    auto snapshot = std::make_shared<PacketStore::Snapshot>(std::move(packets));
    launch([this, format, path, snapshot] {
        ProgressPacer pacer;
        const ExportResult result = PacketExporter::write(
            format, path, snapshot->packets, [this, &pacer](qint64 done, qint64 total) {
                if (pacer.due(done == total))
                    post([this, done, total] { Q_EMIT progress(done, total); });
                return !cancelRequested();
            });
        deliver([this, result] { Q_EMIT finished(result); });
    });
}
