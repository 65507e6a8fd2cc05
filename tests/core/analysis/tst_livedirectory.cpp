// The window's live service directory on the decode thread (AnalyzerSession): what a batch
// taught it rides on the analysed batch; a new generation (a clear) starts it over, so nothing
// from before comes back; while live, its clock ticks with the wall clock so a goodbye takes
// effect with no packet after it, and a tick of an older generation never comes out.
#include "AnalyzerSession.h"
#include "MdnsBuilder.h"
#include "TestPackets.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTimeoutMs = 10'000;
const QString kPrinter = u"Office Printer._ipp._tcp.local"_s;
const QString kWeb = u"Web._http._tcp.local"_s;

QByteArray announce(const QString &instance, const QString &type, quint32 ttl)
{
    using namespace MdnsBuilder;
    return response({with(ptr(type, instance), ttl, false),
                     with(srv(instance, 631, u"box.local"_s), ttl, true)});
}

// Stamped with the wall clock, as live packets are (CLOCK_REALTIME).
Packet live(const QByteArray &data, int i)
{
    Packet p = TestPackets::packet(data, i);
    p.timestampNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    return p;
}

QStringList keys(const DirectoryChanges &changes)
{
    QStringList out;
    for (const ServiceInstance &s : changes.instances)
        out.append(s.key);
    return out;
}

const ServiceInstance *find(const DirectoryChanges &changes, const QString &fullName)
{
    for (const ServiceInstance &s : changes.instances) {
        if (s.key == fullName.toLower())
            return &s;
    }
    return nullptr;
}
} // namespace

class TestLiveDirectory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void changesRideOnTheBatch();
    void changesBetweenSnapshotsFollowSoon();
    void newGenerationStartsOver();
    void goodbyeTakesEffectWithoutPackets();
    void coalescing();
};

void TestLiveDirectory::changesRideOnTheBatch()
{
    AnalyzerSession session;
    QSignalSpy spy(&session, &AnalyzerSession::analyzed);
    session.submit({live(announce(kPrinter, u"_ipp._tcp.local"_s, 120), 0)});
    QVERIFY(spy.wait(kTimeoutMs));
    const auto batch = spy.at(0).at(0).value<AnalyzedBatch>();
    const ServiceInstance *printer = find(batch.directory, kPrinter);
    QVERIFY(printer);
    QCOMPARE(printer->port, quint16(631));
    QCOMPARE(printer->state, RecordState::Live);
    QCOMPARE(printer->packets.first, QList<quint64>{1});

    // A batch that teaches it nothing carries no changes.
    session.submit({live(MdnsBuilder::query(u"x.local"_s, 1), 1)});
    QVERIFY(spy.wait(kTimeoutMs));
    QVERIFY(spy.at(1).at(0).value<AnalyzedBatch>().directory.isEmpty());
}

void TestLiveDirectory::changesBetweenSnapshotsFollowSoon()
{
    // Snapshots are paced (at most every 100 ms): what a batch right after another changed
    // comes with it or, not live and with no packet after it, on its own within a moment.
    AnalyzerSession session;
    QSignalSpy analyzed(&session, &AnalyzerSession::analyzed);
    QSignalSpy ticked(&session, &AnalyzerSession::directoryTicked);
    session.submit({live(announce(kPrinter, u"_ipp._tcp.local"_s, 120), 0)});
    session.submit({live(announce(kWeb, u"_http._tcp.local"_s, 120), 1)});
    QTRY_COMPARE_WITH_TIMEOUT(analyzed.size(), 2, kTimeoutMs);
    QVERIFY(find(analyzed.at(0).at(0).value<AnalyzedBatch>().directory, kPrinter));
    const auto web = [&] {
        if (find(analyzed.at(1).at(0).value<AnalyzedBatch>().directory, kWeb))
            return true;
        for (const QList<QVariant> &args : std::as_const(ticked)) {
            if (find(args.at(0).value<DirectoryChanges>(), kWeb))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(web(), 1000);
}

void TestLiveDirectory::newGenerationStartsOver()
{
    AnalyzerSession session;
    QSignalSpy spy(&session, &AnalyzerSession::analyzed);
    session.submit({live(announce(kPrinter, u"_ipp._tcp.local"_s, 120), 0)});
    QVERIFY(spy.wait(kTimeoutMs));
    session.discardInFlight(); // a clear
    session.submit({live(announce(kWeb, u"_http._tcp.local"_s, 120), 0)});
    QVERIFY(spy.wait(kTimeoutMs));
    const auto batch = spy.at(1).at(0).value<AnalyzedBatch>();
    QVERIFY(batch.directory.reset);
    QCOMPARE(keys(batch.directory), QStringList{kWeb.toLower()});
    QCOMPARE(find(batch.directory, kWeb)->packets.first, QList<quint64>{1}); // numbered anew
}

void TestLiveDirectory::goodbyeTakesEffectWithoutPackets()
{
    AnalyzerSession session;
    QSignalSpy analyzed(&session, &AnalyzerSession::analyzed);
    QSignalSpy ticked(&session, &AnalyzerSession::directoryTicked);
    session.submit({live(announce(kPrinter, u"_ipp._tcp.local"_s, 120), 0),
                    live(announce(kPrinter, u"_ipp._tcp.local"_s, 0), 1)});
    QVERIFY(analyzed.wait(kTimeoutMs));
    // Not live: time does not pass without packets.
    QVERIFY(!ticked.wait(1500));

    session.setLive(true);
    QTRY_VERIFY_WITH_TIMEOUT(!ticked.isEmpty(), kTimeoutMs);
    const auto changes = ticked.at(0).at(0).value<DirectoryChanges>();
    const ServiceInstance *printer = find(changes, kPrinter);
    QVERIFY(printer);
    QCOMPARE(printer->state, RecordState::Goodbye);

    // A clear: the old generation's ticks never come out.
    session.submit({live(announce(kWeb, u"_http._tcp.local"_s, 0), 2)});
    session.discardInFlight();
    ticked.clear();
    QVERIFY(!ticked.wait(2500));
    session.setLive(false);
}

void TestLiveDirectory::coalescing()
{
    ServiceInstance a, b;
    a.key = u"a"_s;
    a.port = 1;
    b.key = u"b"_s;
    DirectoryChanges first;
    first.instances = {a, b};
    first.nowNs = 10;
    DirectoryChanges second;
    a.port = 2;
    second.instances = {a};
    second.removedInstances = {u"b"_s};
    second.nowNs = 20;
    appendDirectoryChanges(first, std::move(second));
    QCOMPARE(first.instances.size(), 1);
    QCOMPARE(first.instances.at(0).port, quint16(2));
    QCOMPARE(first.removedInstances, QStringList{u"b"_s});
    QCOMPARE(first.nowNs, 20);

    DirectoryChanges third; // b again: an insert, no longer a removal
    third.instances = {b};
    appendDirectoryChanges(first, std::move(third));
    QVERIFY(first.removedInstances.isEmpty());
    QCOMPARE(first.instances.size(), 2);

    DirectoryChanges reset;
    reset.reset = true;
    reset.instances = {b};
    appendDirectoryChanges(first, std::move(reset));
    QVERIFY(first.reset);
    QCOMPARE(first.instances.size(), 1);
}

QTEST_GUILESS_MAIN(TestLiveDirectory)
#include "tst_livedirectory.moc"
