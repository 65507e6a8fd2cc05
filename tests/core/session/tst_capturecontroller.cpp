#include "AnalyzerSession.h"
#include "CaptureController.h"
#include "CaptureFileReader.h"
#include "CaptureSession.h"
#include "MdnsCaptureFile.h"
#include "MulticastSender.h"
#include "NetNamespace.h"
#include "OpenFileJob.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>

using namespace Qt::StringLiterals;

// The capture controller without a window: its states (live capture, opening files, exporting
// alongside), the operations it refuses, clear discarding the packets on their way, and the
// pooling toggle reaching the capture. Files come from the shared corpus and MdnsCaptureFile;
// live captures run on lo in a private network namespace and are skipped without one.
namespace {
constexpr int kTimeoutMs = 20'000;
using State = CaptureController::State;

QString corpusFile()
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
}

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Everything the controller tells its window, in order.
struct Recorder
{
    explicit Recorder(CaptureController &c)
    {
        QObject::connect(&c, &CaptureController::stateChanged, &context,
                         [this](State s) { states.append(s); });
        QObject::connect(&c, &CaptureController::published, &context,
                         [this](const AnalyzedBatch &b) {
                             published.append(b.packets);
                             publishedAtMs.append(clock.elapsed());
                         });
        QObject::connect(&c, &CaptureController::cleared, &context, [this] { ++clears; });
        QObject::connect(&c, &CaptureController::captureBegins, &context,
                         [this](qint64 ns) { begins.append(ns); });
        QObject::connect(&c, &CaptureController::fileLoaded, &context,
                         [this, &c](const std::shared_ptr<OpenedFile> &f) {
                             loaded.append(f);
                             stateWhenLoaded.append(c.state());
                         });
        QObject::connect(&c, &CaptureController::openFinished, &context,
                         [this](const std::shared_ptr<OpenedFile> &f, bool shown) {
                             finished.append({f, shown});
                         });
        QObject::connect(&c, &CaptureController::captureEnded, &context, [this] { ++ended; });
        clock.start();
    }

    QObject context;
    QElapsedTimer clock;
    QList<State> states;
    PacketBatch published;
    QList<qint64> publishedAtMs;
    int clears = 0;
    QList<qint64> begins;
    QList<std::shared_ptr<OpenedFile>> loaded;
    QList<State> stateWhenLoaded;
    QList<std::pair<std::shared_ptr<OpenedFile>, bool>> finished;
    int ended = 0;
};

bool waitOpened(const Recorder &r, qsizetype count)
{
    return QTest::qWaitFor([&] { return r.finished.size() >= count; }, kTimeoutMs);
}

bool sendAnnouncements(MulticastSender &sender, int first, int count)
{
    for (int i = first; i < first + count; ++i) {
        if (!sender.send(MdnsCaptureFile::announcement(i)))
            return false;
        if (i % 50 == 49)
            QTest::qWait(5); // stay far below the socket buffer
    }
    return true;
}

PacketStore::Snapshot snapshotOf(const QList<Packet> &packets)
{
    PacketStore store;
    for (const Packet &p : packets)
        store.append(p, false);
    return store.snapshotAll();
}
} // namespace

class TestCaptureController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void startsIdle();
    void opensFileAndRefusesSecondOpen();
    void failedOpenReturnsToShownFile();
    void cancelledOpenReturnsToIdle();
    void clearClosesShownFile();
    void exportsWhileIdleAndOpened();
    void liveCaptureStates();
    void clearDiscardsBatchesInFlight();
    void poolingReachesCapture();
    void openStopsLiveCapture();
    void failedStartReturnsToIdle();

private:
    QTemporaryDir m_dir;
};

void TestCaptureController::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"forty.pcap"_s), MdnsCaptureFile::build(40)));
    QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"large.pcapng"_s),
                                   MdnsCaptureFile::build(30'000, true)));
    QVERIFY(MdnsCaptureFile::write(m_dir.filePath(u"junk.pcap"_s),
                                   "this is not a capture file at all, just text"));
}

void TestCaptureController::startsIdle()
{
    CaptureController c;
    QCOMPARE(c.state(), State::Idle);
    QVERIFY(c.filePath().isEmpty());
    QVERIFY(c.pooling());
    QVERIFY(!c.isExporting());
    QVERIFY(!c.session()->isRunning());
    // Nothing to stop: refused, and nothing happens.
    Recorder r(c);
    QVERIFY(!c.stopCapture());
    QCOMPARE(c.state(), State::Idle);
    QVERIFY(r.states.isEmpty());
}

void TestCaptureController::opensFileAndRefusesSecondOpen()
{
    if (!QFile::exists(corpusFile()))
        QSKIP("../shared/corpus/nfstream__mdns.pcap is not there");
    CaptureController c;
    Recorder r(c);
    QVERIFY(c.openFile(corpusFile()));
    QCOMPARE(c.state(), State::Opening);
    QCOMPARE(c.filePath(), corpusFile());
    // A second open while the first runs is refused: the first one goes on untouched.
    const QString other = m_dir.filePath(u"forty.pcap"_s);
    QVERIFY(!c.openFile(other));
    QCOMPARE(c.state(), State::Opening);
    QCOMPARE(c.filePath(), corpusFile());

    QVERIFY(waitOpened(r, 1));
    QTest::qWait(100); // a second answer would be a bug
    QCOMPARE(r.finished.size(), 1);
    QVERIFY(r.finished.at(0).second);
    QCOMPARE(r.finished.at(0).first->path, corpusFile());
    QCOMPARE(r.loaded.size(), 1);
    QCOMPARE(r.loaded.at(0)->file.packets.size(), 292);
    // The document gets the packets before the state says they are shown.
    QCOMPARE(r.stateWhenLoaded, QList<State>{State::Opening});
    QCOMPARE(c.state(), State::Opened);
    QCOMPARE(c.filePath(), corpusFile());
    QCOMPARE(r.states, (QList<State>{State::Opening, State::Opened}));
    QVERIFY(r.published.isEmpty());
}

void TestCaptureController::failedOpenReturnsToShownFile()
{
    CaptureController c;
    Recorder r(c);
    const QString forty = m_dir.filePath(u"forty.pcap"_s);
    QVERIFY(c.openFile(forty));
    QVERIFY(waitOpened(r, 1));
    QVERIFY(r.finished.at(0).second);
    QCOMPARE(c.state(), State::Opened);

    const QString junk = m_dir.filePath(u"junk.pcap"_s);
    QVERIFY(c.openFile(junk));
    QCOMPARE(c.state(), State::Opening);
    QCOMPARE(c.filePath(), junk);
    QVERIFY(waitOpened(r, 2));
    QVERIFY(!r.finished.at(1).second);
    QVERIFY(r.finished.at(1).first->file.error);
    QCOMPARE(r.loaded.size(), 1); // the junk replaced nothing
    // Still showing the first file, and saying so.
    QCOMPARE(c.state(), State::Opened);
    QCOMPARE(c.filePath(), forty);
    QCOMPARE(r.states,
             (QList<State>{State::Opening, State::Opened, State::Opening, State::Opened}));

    // From Idle, a failed open returns to Idle with no file.
    CaptureController idle;
    Recorder ri(idle);
    QVERIFY(idle.openFile(junk));
    QVERIFY(waitOpened(ri, 1));
    QVERIFY(!ri.finished.at(0).second);
    QCOMPARE(idle.state(), State::Idle);
    QVERIFY(idle.filePath().isEmpty());
    QVERIFY(ri.loaded.isEmpty());
}

void TestCaptureController::cancelledOpenReturnsToIdle()
{
    CaptureController c;
    Recorder r(c);
    QVERIFY(c.openFile(m_dir.filePath(u"large.pcapng"_s)));
    c.cancelOpen();
    QVERIFY(waitOpened(r, 1));
    QVERIFY(!r.finished.at(0).second);
    QVERIFY(r.finished.at(0).first->file.cancelled);
    QVERIFY(r.loaded.isEmpty());
    QCOMPARE(c.state(), State::Idle);
    QVERIFY(c.filePath().isEmpty());
    // The next open works.
    QVERIFY(c.openFile(m_dir.filePath(u"forty.pcap"_s)));
    QVERIFY(waitOpened(r, 2));
    QVERIFY(r.finished.at(1).second);
    QCOMPARE(r.loaded.at(0)->file.packets.size(), 40);
}

void TestCaptureController::clearClosesShownFile()
{
    CaptureController c;
    Recorder r(c);
    QVERIFY(c.openFile(m_dir.filePath(u"forty.pcap"_s)));
    QVERIFY(waitOpened(r, 1));
    QCOMPARE(c.state(), State::Opened);
    c.clear();
    QCOMPARE(r.clears, 1);
    QCOMPARE(c.state(), State::Idle);
    QVERIFY(c.filePath().isEmpty());
    // Clear while idle: emptied again, the state stays.
    r.states.clear();
    c.clear();
    QCOMPARE(r.clears, 2);
    QVERIFY(r.states.isEmpty());
}

void TestCaptureController::exportsWhileIdleAndOpened()
{
    CaptureController c;
    QSignalSpy finished(&c, &CaptureController::exportFinished);
    QSignalSpy exporting(&c, &CaptureController::exportingChanged);
    const QList<Packet> packets =
        CaptureFileReader::readFile(m_dir.filePath(u"forty.pcap"_s)).packets;
    QCOMPARE(packets.size(), 40);

    // Idle: the export runs; a second one meanwhile is refused.
    const QString first = m_dir.filePath(u"idle.pcapng"_s);
    QVERIFY(c.exportPackets(ExportFormat::Pcapng, first, snapshotOf(packets)));
    QVERIFY(c.isExporting());
    QCOMPARE(exporting.size(), 1);
    QCOMPARE(exporting.at(0).at(0).toBool(), true);
    QVERIFY(
        !c.exportPackets(ExportFormat::Csv, m_dir.filePath(u"refused.csv"_s), snapshotOf(packets)));
    QCOMPARE(c.exportPath(), first);
    QVERIFY(finished.wait(kTimeoutMs));
    const auto result = finished.at(0).at(0).value<ExportResult>();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.packetsWritten, qint64(40));
    QVERIFY(!c.isExporting());
    QCOMPARE(exporting.size(), 2);
    QCOMPARE(exporting.at(1).at(0).toBool(), false);
    QCOMPARE(c.state(), State::Idle);
    QVERIFY(!QFile::exists(m_dir.filePath(u"refused.csv"_s)));
    const CaptureFileResult back = CaptureFileReader::readFile(first);
    QCOMPARE(back.packets.size(), 40);
    QCOMPARE(back.packets.at(7).data, MdnsCaptureFile::announcement(7));

    // Opened: the export leaves the file shown.
    Recorder r(c);
    QVERIFY(c.openFile(m_dir.filePath(u"forty.pcap"_s)));
    QVERIFY(waitOpened(r, 1));
    const QString second = m_dir.filePath(u"opened.pcapng"_s);
    QVERIFY(c.exportPackets(ExportFormat::Pcapng, second,
                            snapshotOf(r.loaded.at(0)->file.packets.mid(10, 5))));
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(finished.at(1).at(0).value<ExportResult>().ok);
    QCOMPARE(CaptureFileReader::readFile(second).packets.size(), 5);
    QCOMPARE(c.state(), State::Opened);
    QCOMPARE(c.filePath(), m_dir.filePath(u"forty.pcap"_s));
}

void TestCaptureController::liveCaptureStates()
{
    MDNSCOPE_REQUIRE_NETNS();
    CaptureController c;
    Recorder r(c);
    const qint64 before = nowNs();
    QVERIFY(c.startCapture(u"lo"_s));
    QCOMPARE(c.state(), State::Starting);
    QCOMPARE(r.begins.size(), 1);
    QVERIFY(r.begins.at(0) >= before / 1'000'000 * 1'000'000 && r.begins.at(0) <= nowNs());
    QVERIFY(!c.startCapture(u"lo"_s)); // already starting
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Capturing, kTimeoutMs);
    QVERIFY(!c.startCapture(u"lo"_s)); // already capturing
    QCOMPARE(c.captureInterfaces(), u"lo"_s);

    MulticastSender sender;
    QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
    QVERIFY(sendAnnouncements(sender, 0, 300));
    QTRY_COMPARE_WITH_TIMEOUT(r.published.size(), 300, kTimeoutMs);
    for (int i : {0, 123, 299})
        QCOMPARE(r.published.at(i).data, MdnsCaptureFile::announcement(i));
    // Coalesced: publications at least ~100 ms apart (a coarse timer may fire 5 % early).
    for (qsizetype i = 1; i < r.publishedAtMs.size(); ++i)
        QVERIFY2(r.publishedAtMs.at(i) - r.publishedAtMs.at(i - 1) >= 90,
                 qPrintable(u"publications at %1 and %2 ms"_s.arg(r.publishedAtMs.at(i - 1))
                                .arg(r.publishedAtMs.at(i))));

    QVERIFY(c.stopCapture());
    QCOMPARE(c.state(), State::Stopping);
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Idle, kTimeoutMs);
    QCOMPARE(r.ended, 1);
    QCOMPARE(r.states,
             (QList<State>{State::Starting, State::Capturing, State::Stopping, State::Idle}));
    QVERIFY(!c.session()->isRunning());
    QVERIFY(!c.stopCapture());
}

void TestCaptureController::clearDiscardsBatchesInFlight()
{
    MDNSCOPE_REQUIRE_NETNS();
    CaptureController c;
    Recorder r(c);
    QVERIFY(c.startCapture(u"lo"_s));
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Capturing, kTimeoutMs);
    MulticastSender sender;
    QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
    QVERIFY(sendAnnouncements(sender, 0, 100));
    QTRY_VERIFY_WITH_TIMEOUT(!r.published.isEmpty(), kTimeoutMs);

    // When clear comes, packets are at every stage: waiting for publication, being decoded,
    // in a batch queued to the controller, still in the capture thread's batch. None of them
    // may be published after it.
    QSignalSpy analyzed(c.analyzer(), &AnalyzerSession::analyzed);
    QVERIFY(sendAnnouncements(sender, 100, 400));
    // Right after a batch came back analysed: it waits for its publication now.
    QVERIFY(analyzed.wait(kTimeoutMs));
    const qint64 clearedAt = nowNs();
    c.clear();
    QCOMPARE(r.clears, 1);
    QCOMPARE(c.state(), State::Capturing); // the capture goes on
    r.published.clear();
    QVERIFY(sendAnnouncements(sender, 1000, 50));
    QTRY_COMPARE_WITH_TIMEOUT(r.published.size(), 50, kTimeoutMs);
    QTest::qWait(400); // several capture batches and publications later: nothing stale
    QCOMPARE(r.published.size(), 50);
    for (qsizetype i = 0; i < r.published.size(); ++i) {
        QVERIFY(r.published.at(i).timestampNs >= clearedAt);
        QCOMPARE(r.published.at(i).data, MdnsCaptureFile::announcement(1000 + int(i)));
    }

    // Stop right after the capture handed the last packets on: Idle once they are published.
    QSignalSpy batches(c.session(), &CaptureSession::packetsReceived);
    QVERIFY(sendAnnouncements(sender, 2000, 30));
    auto handedOn = [&batches] {
        qsizetype n = 0;
        for (const QList<QVariant> &args : batches)
            n += args.at(0).value<PacketBatch>().size();
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(handedOn(), 30, kTimeoutMs);
    QVERIFY(c.stopCapture());
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Idle, kTimeoutMs);
    QCOMPARE(r.published.size(), 80);
    QCOMPARE(r.published.constLast().data, MdnsCaptureFile::announcement(2029));
    QCOMPARE(c.analyzer()->inFlight(), 0);
}

void TestCaptureController::poolingReachesCapture()
{
    MDNSCOPE_REQUIRE_NETNS();
    CaptureController c;
    QSignalSpy stats(&c, &CaptureController::captureStats);
    // Whether the capture reports `expected` within the timeout (stats come every 250 ms; the
    // one in flight when the toggle changes may still show the old mode).
    auto reports = [&stats](bool expected) {
        QElapsedTimer timer;
        timer.start();
        stats.clear();
        while (timer.elapsed() < kTimeoutMs) {
            if (stats.isEmpty() && !stats.wait(1000))
                continue;
            if (stats.takeFirst().at(0).value<CaptureStats>().pooling == expected)
                return true;
        }
        return false;
    };
    auto firstReport = [&stats]() -> std::optional<bool> {
        stats.clear();
        if (!stats.wait(kTimeoutMs))
            return std::nullopt;
        return stats.constFirst().at(0).value<CaptureStats>().pooling;
    };
    // Off before the start: the capture starts without the pool.
    c.setPooling(false);
    QVERIFY(!c.pooling());
    QVERIFY(c.startCapture(u"lo"_s));
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Capturing, kTimeoutMs);
    QCOMPARE(firstReport(), std::optional<bool>(false));
    // On, then off again, while capturing.
    c.setPooling(true);
    QVERIFY(c.pooling());
    QVERIFY(reports(true));
    c.setPooling(false);
    QVERIFY(reports(false));
    QVERIFY(c.stopCapture());
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Idle, kTimeoutMs);
}

void TestCaptureController::openStopsLiveCapture()
{
    MDNSCOPE_REQUIRE_NETNS();
    CaptureController c;
    Recorder r(c);
    QVERIFY(c.startCapture(u"lo"_s));
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Capturing, kTimeoutMs);
    MulticastSender sender;
    QVERIFY2(sender.isOpen(), qPrintable(sender.errorString()));
    QVERIFY(sendAnnouncements(sender, 0, 20));
    QTRY_COMPARE_WITH_TIMEOUT(r.published.size(), 20, kTimeoutMs);

    // Packets on their way when the open starts are not published: the file replaces them.
    QVERIFY(sendAnnouncements(sender, 100, 200));
    QVERIFY(c.openFile(m_dir.filePath(u"forty.pcap"_s)));
    QCOMPARE(c.state(), State::Opening);
    QVERIFY(!c.startCapture(u"lo"_s)); // not while opening
    QVERIFY(waitOpened(r, 1));
    QTRY_COMPARE_WITH_TIMEOUT(r.ended, 1, kTimeoutMs);
    QVERIFY(!c.session()->isRunning());
    QTest::qWait(200);
    QCOMPARE(r.published.size(), 20);
    QCOMPARE(c.state(), State::Opened); // the capture's end does not make it Idle
    QCOMPARE(r.states.constLast(), State::Opened);
    QVERIFY(!r.states.contains(State::Idle));
}

void TestCaptureController::failedStartReturnsToIdle()
{
    MDNSCOPE_REQUIRE_NETNS();
    CaptureController c;
    Recorder r(c);
    QSignalSpy failed(&c, &CaptureController::captureFailed);
    QVERIFY(c.startCapture(u"nosuch0"_s));
    QVERIFY(failed.wait(kTimeoutMs));
    QVERIFY(failed.at(0).at(0).value<CaptureError>().details.contains(u"nosuch0"_s));
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Idle, kTimeoutMs);
    QCOMPARE(r.ended, 1);
    QCOMPARE(r.states, (QList<State>{State::Starting, State::Idle}));
    // Nothing stuck: the next start captures.
    QVERIFY(c.startCapture(u"lo"_s));
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Capturing, kTimeoutMs);
    QVERIFY(c.stopCapture());
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Idle, kTimeoutMs);
}

MDNSCOPE_NETNS_TEST_GUILESS_MAIN(TestCaptureController)
#include "tst_capturecontroller.moc"
