#include "BackgroundJob.h"

#include <QDeadlineTimer>
#include <QThread>

namespace {
constexpr qint64 kReportIntervalMs = 50;
} // namespace

BackgroundJob::BackgroundJob(const QString &threadName, QObject *parent)
    : QObject(parent)
    , m_threadName(threadName)
{}

BackgroundJob::~BackgroundJob()
{
    stop(); // normally done already by the subclass
}

void BackgroundJob::cancel()
{
    m_cancel.store(true);
}

bool BackgroundJob::wait(int timeoutMs)
{
    return !m_thread || m_thread->wait(QDeadlineTimer(timeoutMs));
}

void BackgroundJob::stop()
{
    cancel();
    joinThread();
}

void BackgroundJob::joinThread()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

bool BackgroundJob::launch(std::function<void()> work)
{
    if (m_busy)
        return false;
    joinThread(); // it already delivered its result and is at most returning
    m_busy = true;
    m_cancel.store(false);
    m_thread = QThread::create(std::move(work));
    m_thread->setObjectName(m_threadName);
    m_thread->start();
    return true;
}

void BackgroundJob::post(std::function<void()> call)
{
    QMetaObject::invokeMethod(this, std::move(call), Qt::QueuedConnection);
}

void BackgroundJob::deliver(std::function<void()> call)
{
    QMetaObject::invokeMethod(
        this,
        [this, call = std::move(call)] {
            m_busy = false;
            call();
        },
        Qt::QueuedConnection);
}

bool BackgroundJob::ProgressPacer::due(bool last)
{
    if (!last && m_since.elapsed() < kReportIntervalMs)
        return false;
    m_since.restart();
    return true;
}
