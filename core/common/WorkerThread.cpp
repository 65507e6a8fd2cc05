#include "WorkerThread.h"

WorkerThread::WorkerThread(const QString &name, QObject *worker)
    : m_worker(worker)
{
    m_thread.setObjectName(name);
    m_worker->moveToThread(&m_thread);
    // The worker dies in its own thread, after the event loop ended.
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
}

WorkerThread::~WorkerThread()
{
    if (!m_thread.isRunning()) {
        delete m_worker; // never started: it still belongs to no running thread
        return;
    }
    // The event being handled is finished first; it and any still queued (the loop may deliver
    // them before it returns) see the request, so the worker can skip them.
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void WorkerThread::ensureStarted()
{
    if (!m_thread.isRunning())
        m_thread.start();
}
