#include "ExportJob.h"

#include <QElapsedTimer>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;

ExportJob::ExportJob(QObject *parent)
    : QObject(parent)
{}

ExportJob::~ExportJob()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

bool ExportJob::isRunning() const
{
    return m_busy;
}

void ExportJob::cancel()
{
    m_cancel.store(true);
}

bool ExportJob::wait(int timeoutMs)
{
    return !m_thread || m_thread->wait(QDeadlineTimer(timeoutMs));
}

void ExportJob::start(ExportFormat format, const QString &path, PacketStore::Snapshot packets)
{
    if (m_busy)
        return;
    if (m_thread) { // it already delivered its result and is at most returning
        m_thread->wait();
        delete m_thread;
    }
    m_busy = true;
    m_cancel.store(false);
    m_path = path;
    auto snapshot = std::make_shared<PacketStore::Snapshot>(std::move(packets));
    m_thread = QThread::create([this, format, path, snapshot] {
        QElapsedTimer sinceReport;
        sinceReport.start();
        const ExportResult result = PacketExporter::write(
            format, path, snapshot->packets, [this, &sinceReport](qint64 done, qint64 total) {
                // A queued call per 50 ms at most: enough for a smooth bar, cheap for the GUI.
                if (sinceReport.elapsed() >= 50 || done == total) {
                    sinceReport.restart();
                    QMetaObject::invokeMethod(
                        this, [this, done, total] { Q_EMIT progress(done, total); },
                        Qt::QueuedConnection);
                }
                return !m_cancel.load();
            });
        QMetaObject::invokeMethod(
            this,
            [this, result] {
                m_busy = false;
                Q_EMIT finished(result);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(u"export"_s);
    m_thread->start();
}
