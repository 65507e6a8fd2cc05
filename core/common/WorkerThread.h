#pragma once

#include <QObject>
#include <QThread>

// The one way mdnscope runs a long-lived worker: a worker QObject moved into a named QThread
// (not subclassed) that this object owns. RAII: the destructor asks the thread to stop
// (QThread::requestInterruption: the event being handled and any still queued see it, so a
// worker polls isInterruptionRequested() to cut them short), ends its event loop and waits; the
// worker is deleted in its own thread once the loop has ended, or here when the thread never
// started. Used by CaptureSession ("mdnscope-capture") and AnalyzerSession
// ("mdnscope-decode"). Short jobs use a thread pool instead (BackgroundJob, PacketPipeline).
// Owner's thread only.
class WorkerThread final
{
    Q_DISABLE_COPY_MOVE(WorkerThread)
public:
    // Takes the worker (no parent) and moves it to a thread named `name`, not started yet.
    WorkerThread(const QString &name, QObject *worker);
    ~WorkerThread();

    // Starts the thread on first use; events posted to the worker before wait there.
    void ensureStarted();
    bool isRunning() const { return m_thread.isRunning(); }
    const QThread *thread() const { return &m_thread; }

private:
    QThread m_thread;
    QObject *m_worker;
};
