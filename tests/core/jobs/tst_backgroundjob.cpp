#include "CaptureFileReader.h"
#include "ExportJob.h"
#include "MdnsCaptureFile.h"
#include "OpenFileJob.h"
#include "PacketStore.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The worker-thread jobs behind Export and Open (BackgroundJob): progress arrives in order
// and ends complete, the result is delivered once and only then is the job idle, a second
// start while running is refused, cancel stops the work (an export then leaves no file),
// a finished job can run again, and destroying a job mid-work joins its thread and
// delivers nothing afterwards.
namespace {
// Wait bounds, not targets: the 150,000-packet open takes a few seconds alone and several times
// that beside the rest of the suite on a loaded 2-core machine.
constexpr int kTimeoutMs = 120'000;

QList<Packet> packets(int count)
{
    const CaptureFileResult file = CaptureFileReader::readBytes(MdnsCaptureFile::build(count));
    return file.packets;
}

PacketStore::Snapshot snapshot(const QList<Packet> &list)
{
    PacketStore::Snapshot s;
    s.packets = list;
    return s;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}
} // namespace

class TestBackgroundJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exportReportsProgressAndFinishes();
    void secondStartWhileRunningIsRefused();
    void cancelledExportLeavesNoFile();
    void destroyingExportMidJob();
    void openReportsProgressAndFinishes();
    void cancelledOpen();
    void destroyingOpenMidJob();

private:
    QTemporaryDir m_dir;
    QList<Packet> m_many; // enough for many of the exporter's 8192-packet pieces
    QString m_bigFile;
};

void TestBackgroundJob::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_many = packets(150'000);
    QCOMPARE(m_many.size(), 150'000);
    m_bigFile = m_dir.filePath(u"big.pcapng"_s);
    QVERIFY(MdnsCaptureFile::write(m_bigFile, MdnsCaptureFile::build(150'000, true)));
}

void TestBackgroundJob::exportReportsProgressAndFinishes()
{
    QTemporaryDir dir;
    ExportJob job;
    QSignalSpy progress(&job, &ExportJob::progress);
    QSignalSpy finished(&job, &ExportJob::finished);
    QVERIFY(!job.isRunning());
    const QString path = dir.filePath(u"all.pcapng"_s);
    job.start(ExportFormat::Pcapng, path, snapshot(m_many.mid(0, 40'000)));
    QVERIFY(job.isRunning());
    QCOMPARE(job.path(), path);
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(!job.isRunning());
    QCOMPARE(finished.size(), 1);
    const auto result = finished.at(0).at(0).value<ExportResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.packetsWritten, 40'000);
    // Progress came before the result, in order, and ended complete.
    QVERIFY(!progress.isEmpty());
    qint64 last = -1;
    for (const QList<QVariant> &p : std::as_const(progress)) {
        QVERIFY(p.at(0).toLongLong() >= last);
        last = p.at(0).toLongLong();
        QCOMPARE(p.at(1).toLongLong(), 40'000);
    }
    QCOMPARE(last, 40'000);
    QCOMPARE(CaptureFileReader::readFile(path).packets.size(), 40'000);

    // A finished job runs again.
    const QString second = dir.filePath(u"few.csv"_s);
    job.start(ExportFormat::Csv, second, snapshot(m_many.mid(0, 3)));
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(finished.at(1).at(0).value<ExportResult>().ok);
    QCOMPARE(job.path(), second);
    QVERIFY(QFileInfo::exists(second));
}

void TestBackgroundJob::secondStartWhileRunningIsRefused()
{
    QTemporaryDir dir;
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    const QString first = dir.filePath(u"first.jsonl"_s);
    job.start(ExportFormat::JsonLines, first, snapshot(m_many.mid(0, 20'000)));
    job.start(ExportFormat::Csv, dir.filePath(u"second.csv"_s), snapshot(m_many.mid(0, 5)));
    QCOMPARE(job.path(), first);
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(job.wait(kTimeoutMs));
    QTest::qWait(20); // nothing else is queued
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).value<ExportResult>().packetsWritten, 20'000);
    QCOMPARE(entries(dir.path()), QStringList{u"first.jsonl"_s});
}

void TestBackgroundJob::cancelledExportLeavesNoFile()
{
    QTemporaryDir dir;
    ExportJob job;
    QSignalSpy finished(&job, &ExportJob::finished);
    job.start(ExportFormat::JsonLines, dir.filePath(u"cancelled.jsonl"_s), snapshot(m_many));
    job.cancel();
    QVERIFY(job.isRunning()); // until the result is delivered
    QVERIFY(finished.wait(kTimeoutMs));
    const auto result = finished.at(0).at(0).value<ExportResult>();
    QVERIFY(result.cancelled);
    QVERIFY(!result.ok);
    QVERIFY(!job.isRunning());
    QCOMPARE(entries(dir.path()), QStringList());
}

void TestBackgroundJob::destroyingExportMidJob()
{
    QTemporaryDir dir;
    bool delivered = false;
    bool progressed = false;
    {
        auto *job = new ExportJob;
        connect(job, &ExportJob::finished, this, [&] { delivered = true; });
        connect(job, &ExportJob::progress, this, [&] { progressed = true; });
        job->start(ExportFormat::JsonLines, dir.filePath(u"closed.jsonl"_s), snapshot(m_many));
        delete job; // as when the window closes mid-export: cancels and joins
    }
    QTest::qWait(50); // anything it had queued would run now
    QVERIFY(!delivered);
    QVERIFY(!progressed);
    QCOMPARE(entries(dir.path()), QStringList());
}

void TestBackgroundJob::openReportsProgressAndFinishes()
{
    OpenFileJob job;
    QSignalSpy progress(&job, &OpenFileJob::progress);
    QSignalSpy finished(&job, &OpenFileJob::finished);
    job.start(m_bigFile);
    QVERIFY(job.isRunning());
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(!job.isRunning());
    QCOMPARE(finished.size(), 1);
    const auto opened = finished.at(0).at(0).value<std::shared_ptr<OpenedFile>>();
    QVERIFY(opened);
    QCOMPARE(opened->path, m_bigFile);
    QVERIFY(!opened->file.cancelled);
    QCOMPARE(opened->file.packets.size(), 150'000);
    QCOMPARE(opened->malformed.size(), 150'000);
    QCOMPARE(opened->malformedCount, 0u);
    QCOMPARE(opened->senders.size(), 4);
    QVERIFY(!progress.isEmpty());
    int last = -1;
    for (const QList<QVariant> &p : std::as_const(progress)) {
        QVERIFY(p.at(0).toInt() > last);
        last = p.at(0).toInt();
    }
    QCOMPARE(last, 100);
}

void TestBackgroundJob::cancelledOpen()
{
    OpenFileJob job;
    QSignalSpy finished(&job, &OpenFileJob::finished);
    job.start(m_bigFile);
    job.cancel();
    QVERIFY(finished.wait(kTimeoutMs));
    const auto opened = finished.at(0).at(0).value<std::shared_ptr<OpenedFile>>();
    QVERIFY(opened->file.cancelled);
    QVERIFY(!job.isRunning());
    // And it opens the next file normally.
    const QString small = m_dir.filePath(u"small.pcap"_s);
    QVERIFY(MdnsCaptureFile::write(small, MdnsCaptureFile::build(7)));
    job.start(small);
    QVERIFY(finished.wait(kTimeoutMs));
    const auto next = finished.at(1).at(0).value<std::shared_ptr<OpenedFile>>();
    QVERIFY(!next->file.cancelled);
    QCOMPARE(next->file.packets.size(), 7);
}

void TestBackgroundJob::destroyingOpenMidJob()
{
    bool delivered = false;
    auto *job = new OpenFileJob;
    connect(job, &OpenFileJob::finished, this, [&] { delivered = true; });
    job->start(m_bigFile);
    delete job;
    QTest::qWait(50);
    QVERIFY(!delivered);
}

QTEST_GUILESS_MAIN(TestBackgroundJob)
#include "tst_backgroundjob.moc"
