// WorkerThread: the one holder of long-lived workers. The worker runs in a named thread, is
// deleted in that thread when the holder goes (or at once when the thread never started),
// and the holder's destructor waits for the event being handled; that one and any still
// queued see the request to stop, so a worker can skip them.
#include "WorkerThread.h"

#include <QMetaObject>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct Record
{
    std::atomic<QThread *> deletedIn = nullptr;
    std::atomic<int> handled = 0;
    std::atomic<int> ranAfterStop = 0; // short tasks that ran without seeing the stop request
    std::atomic<bool> sawInterruption = false;
    std::atomic<bool> busy = false;
};

class Worker final : public QObject
{
public:
    explicit Worker(Record &record)
        : m_record(record)
    {}
    ~Worker() override { m_record.deletedIn = QThread::currentThread(); }

    // Works until asked to stop (or 5 s), like a decode of a long batch.
    void longTask()
    {
        m_record.busy = true;
        QDeadlineTimer limit(5000);
        while (!QThread::currentThread()->isInterruptionRequested() && !limit.hasExpired())
            QThread::msleep(1);
        m_record.sawInterruption = QThread::currentThread()->isInterruptionRequested();
        ++m_record.handled;
    }
    void shortTask()
    {
        if (QThread::currentThread()->isInterruptionRequested())
            return; // what AnalyzerSession's worker does with batches queued behind a stop
        ++m_record.handled;
        if (m_record.sawInterruption)
            ++m_record.ranAfterStop;
    }

private:
    Record &m_record;
};

} // namespace

class TestWorkerThread final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workerRunsInItsNamedThread();
    void neverStartedWorkerIsDeletedAtOnce();
    void destructionStopsTheRunningTaskAndDropsTheQueue();
};

void TestWorkerThread::workerRunsInItsNamedThread()
{
    Record record;
    auto *worker = new Worker(record);
    WorkerThread holder(u"mdnscope-test"_s, worker);
    QVERIFY(!holder.isRunning());
    QCOMPARE(worker->thread(), holder.thread());
    std::atomic<QThread *> ranIn = nullptr;
    QMetaObject::invokeMethod(worker, [&ranIn] { ranIn = QThread::currentThread(); });
    holder.ensureStarted();
    holder.ensureStarted(); // once is enough; a second call changes nothing
    QTRY_VERIFY(ranIn.load() != nullptr);
    QCOMPARE(ranIn.load(), holder.thread());
    QCOMPARE(holder.thread()->objectName(), u"mdnscope-test"_s);
    QVERIFY(holder.isRunning());
}

void TestWorkerThread::neverStartedWorkerIsDeletedAtOnce()
{
    Record record;
    {
        WorkerThread holder(u"mdnscope-test"_s, new Worker(record));
    }
    QCOMPARE(record.deletedIn.load(), QThread::currentThread());
}

void TestWorkerThread::destructionStopsTheRunningTaskAndDropsTheQueue()
{
    Record record;
    const QThread *thread = nullptr;
    {
        auto *worker = new Worker(record);
        WorkerThread holder(u"mdnscope-test"_s, worker);
        thread = holder.thread();
        holder.ensureStarted();
        QMetaObject::invokeMethod(worker, &Worker::longTask, Qt::QueuedConnection);
        for (int i = 0; i < 100; ++i)
            QMetaObject::invokeMethod(worker, &Worker::shortTask, Qt::QueuedConnection);
        QTRY_VERIFY(record.busy.load());
    } // waits for the long task, which sees the request to stop
    QVERIFY(record.sawInterruption.load());
    QCOMPARE(record.handled.load(), 1); // the queued short tasks were all skipped
    QCOMPARE(record.ranAfterStop.load(), 0);
    QVERIFY(record.deletedIn.load() != nullptr);
    QCOMPARE(record.deletedIn.load(), thread); // deleted in its own thread
}

QTEST_GUILESS_MAIN(TestWorkerThread)
#include "tst_workerthread.moc"
