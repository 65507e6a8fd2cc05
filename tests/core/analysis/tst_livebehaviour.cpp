// The window's behaviour model on the decode thread (AnalyzerSession) and in a file open
// (OpenFileJob): what a batch showed rides on the analysed batch (or follows as
// behaviourTicked within the snapshot pace) as BehaviourChanges with the top talkers; batches
// coalesced as the controller does keep the reset and the latest snapshot; a new generation (a
// clear) starts over with a reset, so no talker from before comes back; an opened file carries
// the whole model's changes, finished at its last packet.
#include "AnalyzerSession.h"
#include "CaptureFileBuilder.h"
#include "MdnsBuilder.h"
#include "OpenFileJob.h"
#include "TestPackets.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 10'000;

Packet live(const QByteArray &data, int i, const char *source)
{
    Packet p = TestPackets::packet(data, i, source);
    p.timestampNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    return p;
}

PacketBatch queries(int count, const char *source)
{
    PacketBatch batch;
    for (int i = 0; i < count; ++i)
        batch.append(live(MdnsBuilder::query(u"q%1.local"_s.arg(i), 1), i, source));
    return batch;
}

// Everything the session handed out (batches and ticks), folded as the controller does.
struct Collected
{
    BehaviourChanges all;
    int resets = 0;
    void take(QSignalSpy &analyzed, QSignalSpy &ticked)
    {
        for (const QList<QVariant> &args : std::as_const(analyzed)) {
            BehaviourChanges c = args.at(0).value<AnalyzedBatch>().behaviour;
            resets += c.reset ? 1 : 0;
            appendBehaviourChanges(all, std::move(c));
        }
        for (const QList<QVariant> &args : std::as_const(ticked)) {
            BehaviourChanges c = args.at(0).value<BehaviourChanges>();
            resets += c.reset ? 1 : 0;
            appendBehaviourChanges(all, std::move(c));
        }
        analyzed.clear();
        ticked.clear();
    }
    const TalkerFigures *talker(const QString &label) const
    {
        for (const TalkerFigures &t : all.hostTalkers) {
            if (t.label == label)
                return &t;
        }
        return nullptr;
    }
};

QByteArray frame(quint32 source, const QByteArray &dns)
{
    return FrameBuilder::ethernet(0x0800,
                                  FrameBuilder::udp4(source, 0xE00000FB, 5353, 5353, 255, dns));
}
} // namespace

class TestLiveBehaviour : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void talkersArriveAndCountUp();
    void coalescingKeepsResetAndLatest();
    void clearDropsThem();
    void openedFileCarriesThem();
};

void TestLiveBehaviour::talkersArriveAndCountUp()
{
    AnalyzerSession session;
    QSignalSpy analyzed(&session, &AnalyzerSession::analyzed);
    QSignalSpy ticked(&session, &AnalyzerSession::behaviourTicked);
    session.submit(queries(5, "169.254.0.5"));
    QVERIFY(analyzed.wait(kTimeoutMs));
    const auto first = analyzed.at(0).at(0).value<AnalyzedBatch>();
    QVERIFY(first.behaviour.reset); // the first of a generation
    QVERIFY(first.behaviour.hasTalkers);
    Collected c;
    c.take(analyzed, ticked);
    QVERIFY(c.talker(u"169.254.0.5"_s));
    QCOMPARE(c.talker(u"169.254.0.5"_s)->rates.packets, 5u);
    QCOMPARE(c.all.link.rates.packets, 5u);
    QVERIFY(c.all.nowNs > 0);

    // A second sender, in quick succession (within the snapshot pace): its packets come on a
    // later batch or a tick, and the first sender stays the top talker.
    session.submit(queries(2, "169.254.0.6"));
    session.submit(queries(1, "169.254.0.6"));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            c.take(analyzed, ticked);
            const TalkerFigures *t = c.talker(u"169.254.0.6"_s);
            return t && t->rates.packets == 3;
        }(),
        kTimeoutMs);
    QCOMPARE(c.resets, 1);
    QCOMPARE(c.all.hostTalkers.constFirst().label, u"169.254.0.5"_s);
    QCOMPARE(c.all.link.rates.packets, 8u);
}

void TestLiveBehaviour::coalescingKeepsResetAndLatest()
{
    AnalyzerSession session;
    QSignalSpy analyzed(&session, &AnalyzerSession::analyzed);
    QSignalSpy ticked(&session, &AnalyzerSession::behaviourTicked);
    session.submit(queries(3, "169.254.0.5"));
    QVERIFY(analyzed.wait(kTimeoutMs));
    QTest::qWait(150); // the next batch's snapshot is due: it rides on that batch
    session.submit(queries(4, "169.254.0.7"));
    QTRY_COMPARE_WITH_TIMEOUT(analyzed.size(), 2, kTimeoutMs);
    auto pending = analyzed.at(0).at(0).value<AnalyzedBatch>();
    auto later = analyzed.at(1).at(0).value<AnalyzedBatch>();
    QVERIFY(later.behaviour.hasTalkers);
    QVERIFY(!later.behaviour.reset);
    const qint64 laterNow = later.behaviour.nowNs;
    pending.append(std::move(later), 8);
    QCOMPARE(pending.size(), 7);
    QVERIFY(pending.behaviour.reset);                  // the first's reset survives
    QCOMPARE(pending.behaviour.hostTalkers.size(), 2); // the later snapshot
    QCOMPARE(pending.behaviour.link.rates.packets, 7u);
    QCOMPARE(pending.behaviour.nowNs, laterNow);
    // A later batch without behaviour changes keeps the snapshot and the time.
    AnalyzedBatch empty;
    empty.packets = queries(1, "169.254.0.8");
    empty.flags = {0};
    pending.append(std::move(empty), 8);
    QCOMPARE(pending.behaviour.hostTalkers.size(), 2);
    QCOMPARE(pending.behaviour.nowNs, laterNow);
    QVERIFY(pending.behaviour.reset);
}

void TestLiveBehaviour::clearDropsThem()
{
    AnalyzerSession session;
    QSignalSpy analyzed(&session, &AnalyzerSession::analyzed);
    QSignalSpy ticked(&session, &AnalyzerSession::behaviourTicked);
    session.submit(queries(3, "169.254.0.5"));
    QVERIFY(analyzed.wait(kTimeoutMs));
    session.discardInFlight(); // a clear
    analyzed.clear();
    ticked.clear();
    session.submit(queries(1, "169.254.0.9"));
    QVERIFY(analyzed.wait(kTimeoutMs));
    const auto batch = analyzed.at(0).at(0).value<AnalyzedBatch>();
    QVERIFY(batch.behaviour.reset);
    QVERIFY(batch.behaviour.hasTalkers);
    QCOMPARE(batch.behaviour.hostTalkers.size(), 1);
    QCOMPARE(batch.behaviour.hostTalkers.constFirst().label, u"169.254.0.9"_s);
    QCOMPARE(batch.behaviour.link.rates.packets, 1u);
    // Nothing of the old generation follows either.
    QTest::qWait(300);
    for (const QList<QVariant> &args : std::as_const(ticked)) {
        for (const TalkerFigures &t : args.at(0).value<BehaviourChanges>().hostTalkers)
            QVERIFY(t.label != u"169.254.0.5"_s);
    }
}

void TestLiveBehaviour::openedFileCarriesThem()
{
    // 30 queries from 169.254.0.5 within one second, then one from 169.254.0.6 a second later.
    PcapBuilder file(1);
    for (int i = 0; i < 30; ++i)
        file.record(1'700'000'000, quint32(i * 1000),
                    frame(0xA9FE0005, MdnsBuilder::query(u"q%1.local"_s.arg(i), 1)));
    file.record(1'700'000'001, 0, frame(0xA9FE0006, MdnsBuilder::query(u"x.local"_s, 1)));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"talkers.pcap"_s);
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    QCOMPARE(out.write(file.bytes()), file.size());
    out.close();

    OpenFileJob job;
    std::shared_ptr<OpenedFile> result;
    connect(&job, &OpenFileJob::finished, this,
            [&](std::shared_ptr<OpenedFile> opened) { result = std::move(opened); });
    job.start(path);
    QTRY_VERIFY_WITH_TIMEOUT(result != nullptr, kTimeoutMs);
    QVERIFY(!result->file.error);
    const BehaviourChanges &b = result->behaviour;
    QVERIFY(b.reset);
    QVERIFY(b.hasTalkers);
    QCOMPARE(b.link.rates.packets, 31u);
    QCOMPARE(b.captureStartNs, 1'700'000'000LL * 1'000'000'000);
    QCOMPARE(b.nowNs, 1'700'000'001LL * 1'000'000'000);
    // By the rate at the file's end: .6 sent in its last second, .5 only before.
    QCOMPARE(b.hostTalkers.size(), 2);
    QCOMPARE(b.hostTalkers.at(0).label, u"169.254.0.6"_s);
    QCOMPARE(b.hostTalkers.at(0).rates.packets, 1u);
    QCOMPARE(b.hostTalkers.at(0).packetsPerSecond[0], 1.0);
    QCOMPARE(b.hostTalkers.at(1).label, u"169.254.0.5"_s);
    QCOMPARE(b.hostTalkers.at(1).rates.packets, 30u);
    QCOMPARE(b.hostTalkers.at(1).rates.peakPackets, 30u);
    QCOMPARE(b.hostTalkers.at(1).packetsPerSecond[0], 0.0);
}

QTEST_GUILESS_MAIN(TestLiveBehaviour)
#include "tst_livebehaviour.moc"
