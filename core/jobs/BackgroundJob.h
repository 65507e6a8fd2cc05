#pragma once

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <functional>
#include <memory>

// What ExportJob and OpenFileJob share: one piece of work at a time on a thread pool of its
// own (Qt Core's way of running a job: QThreadPool, with a QPromise / QFuture pair whose
// cancellation the work polls), and results handed back to the job's thread as queued calls.
// isRunning() is true from launch() until the result was delivered, so a second start waits for
// that. Destroying the job cancels the work and joins the thread; queued calls not yet run die with
// the object. A subclass's destructor calls stop() first: its work function runs with the
// subclass's `this`, which must stay whole until the thread has ended. The job lives in the GUI
// thread; the work function runs on the worker and may only use cancelRequested(), post() and
// deliver().
class BackgroundJob : public QObject
{
    Q_OBJECT
public:
    ~BackgroundJob() override;
    Q_DISABLE_COPY_MOVE(BackgroundJob)

    void cancel();
    bool isRunning() const { return m_busy; }
    // Blocks until the work ended (tests); the result is still delivered as a queued call.
    bool wait(int timeoutMs);

protected:
    BackgroundJob(const QString &threadName, QObject *parent);

    // Starts `work` on the job's pool; false (and nothing started) while the previous work
    // has not delivered its result. `work` must end with deliver().
    bool launch(std::function<void()> work);
    // Cancels the work and waits for its thread to end (destructors).
    void stop();
    bool cancelRequested() const { return m_promise && m_promise->isCanceled(); }
    // From the worker: runs `call` in the job's thread (e.g. to emit a progress signal).
    void post(std::function<void()> call);
    // From the worker, last: in the job's thread, marks the job idle, then runs `call`
    // (which emits the result), so a slot connected to the result may start the next job.
    void deliver(std::function<void()> call);

    // Lets progress through at most every 50 ms (and always the last report): enough for a
    // smooth bar, cheap for the GUI thread. Used on the worker only.
    class ProgressPacer
    {
    public:
        ProgressPacer() { m_since.start(); }
        bool due(bool last);

    private:
        QElapsedTimer m_since;
    };

private:
    QThreadPool m_pool; // one thread: one piece of work at a time
    // The running work's promise, replaced only once the pool is idle (so the work never sees
    // it change); cancel() cancels its future.
    std::shared_ptr<QPromise<void>> m_promise;
    QFuture<void> m_future;
    bool m_busy = false; // from launch() until deliver()'s call ran
};
