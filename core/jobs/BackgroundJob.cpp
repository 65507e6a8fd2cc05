#include "BackgroundJob.h"

namespace {
constexpr qint64 kReportIntervalMs = 50;
} // namespace

BackgroundJob::BackgroundJob(const QString &threadName, QObject *parent)
    : QObject(parent)
{
    m_pool.setObjectName(threadName);
    m_pool.setMaxThreadCount(1);
}

BackgroundJob::~BackgroundJob()
{
    stop(); // normally done already by the subclass
}

void BackgroundJob::cancel()
{
    m_future.cancel();
}

bool BackgroundJob::wait(int timeoutMs)
{
    return m_pool.waitForDone(timeoutMs);
}

void BackgroundJob::stop()
{
    cancel();
    m_pool.waitForDone();
}

bool BackgroundJob::launch(std::function<void()> work)
{
    if (m_busy)
        return false;
    m_pool.waitForDone(); // the previous work delivered its result and is at most returning
    m_busy = true;
    m_promise = std::make_shared<QPromise<void>>();
    m_future = m_promise->future();
    m_promise->start();
    m_pool.start([promise = m_promise, work = std::move(work)] {
        work();
        promise->finish();
    });
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
