#include "SequenceTimeline.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// The stateful rules of probing, announcing and conflicts (ProbeChecks, ConflictChecks through
// ConformanceChecker) on built timelines: each fires with the right severity, source, name and
// packets, and its conforming twin stays silent.
namespace {

const QString kHost = u"alpha.local"_s;
const QString kInstance = u"Alpha Printer._ipp._tcp.local"_s;
constexpr quint32 kA1 = 0xA9FE0001; // 169.254.0.1
constexpr quint32 kA2 = 0xA9FE0002; // 169.254.0.2

QList<Record> hostRecords(const QString &host = kHost, quint32 address = kA1)
{
    return {a(host, address), srv(kInstance, 631, host), txt(kInstance, {"txtvers=1"})};
}

QByteArray announcement(const QString &host = kHost, quint32 address = kA1)
{
    return response({ptr(u"_ipp._tcp.local"_s, kInstance), srv(kInstance, 631, host),
                     txt(kInstance, {"txtvers=1"}), a(host, address)});
}

QByteArray hostOnly(const QString &host, quint32 address)
{
    return response({a(host, address)});
}

// Another host's query: the capture's first packet at 0 ms.
void captureBegins(Timeline &t)
{
    t(0, query(u"_http._tcp.local"_s, DnsType::PTR), "169.254.0.50");
}

// 3 probes 250 ms apart from `start`, announcements at +750 ms and +1750 ms.
void cleanStart(Timeline &t, qint64 start, const char *source = "169.254.0.1")
{
    for (int i = 0; i < 3; ++i)
        t(start + 250 * i, probe(hostRecords()), source);
    t(start + 750, announcement(), source);
    t(start + 1750, announcement(), source);
}

} // namespace

class TestSequenceChecks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanStartIsSilent()
    {
        Timeline t;
        captureBegins(t);
        cleanStart(t, 1000);
        t.finish(10'000);
        QVERIFY2(t.checker.findings().isEmpty(), qPrintable(t.dump()));
        const QList<ScorecardRow> rows = t.checker.scorecard();
        const auto row = std::find_if(rows.cbegin(), rows.cend(), [](const ScorecardRow &r) {
            return r.addresses.contains(IpAddress::fromString(u"169.254.0.1"_s));
        });
        QVERIFY(row != rows.cend());
        QVERIFY(row->seenStarting);
        QCOMPARE(row->verdicts[int(RuleGroup::Probing)], Verdict::Pass);
    }

    void noProbeWhenStartSeen()
    {
        Timeline t;
        captureBegins(t);
        t(11'000, announcement(u"beta.local"_s, kA2), "169.254.0.2");
        t(12'000, announcement(u"beta.local"_s, kA2), "169.254.0.2");
        t.finish(20'000);
        const QList<Finding> f = t.of(Rule::NoProbe);
        QCOMPARE(f.size(), 2); // the host name (A) and the instance (SRV)
        QCOMPARE(f[0].severity, Severity::Warning);
        QCOMPARE(f[0].source.toString(), u"169.254.0.2"_s);
        QCOMPARE(f[0].packets.first, (QList<quint64>{2}));
        QStringList names{f[0].name, f[1].name};
        names.sort();
        QCOMPARE(names, (QStringList{kInstance, u"beta.local"_s}));
        QVERIFY(t.of(Rule::AnnounceTiming).isEmpty());
        const QList<ScorecardRow> rows = t.checker.scorecard();
        QVERIFY(std::any_of(rows.cbegin(), rows.cend(),
                            [](const ScorecardRow &r) { return r.seenStarting; }));
    }

    void noProbeSaysNothingWithoutTheStart()
    {
        // Early in the capture: the sender may have probed before it began.
        Timeline early;
        captureBegins(early);
        early(2000, announcement(u"beta.local"_s, kA2), "169.254.0.2");
        early.finish(20'000);
        QVERIFY2(early.of(Rule::NoProbe).isEmpty(), qPrintable(early.dump()));
        QVERIFY(early.of(Rule::AnnounceTiming).isEmpty());
        // An answer to a query for the name: a device that was there, asked.
        Timeline asked;
        captureBegins(asked);
        asked(10'800, query(u"beta.local"_s, DnsType::A), "169.254.0.50");
        asked(11'000, hostOnly(u"beta.local"_s, kA2), "169.254.0.2");
        asked.finish(20'000);
        QVERIFY2(asked.of(Rule::NoProbe).isEmpty(), qPrintable(asked.dump()));
    }

    void probeTiming_data()
    {
        QTest::addColumn<QList<qint64>>("probes");
        QTest::addColumn<qint64>("announce");
        QTest::addColumn<QString>("message");
        QTest::newRow("too close") << QList<qint64>{1000, 1100, 1200} << qint64(1450)
                                   << u"probes for alpha.local only 100 ms apart; they must be "
                                      "250 ms apart"_s;
        QTest::newRow("too few") << QList<qint64>{1000, 1250} << qint64(1500)
                                 << u"2 probe(s) for alpha.local before it was announced; at least "
                                    "3 are required"_s;
        QTest::newRow("announced too soon")
            << QList<qint64>{1000, 1250, 1500} << qint64(1600)
            << u"alpha.local announced 100 ms after its last probe; at least 250 ms are "
               "required"_s;
    }
    void probeTiming()
    {
        QFETCH(QList<qint64>, probes);
        QFETCH(qint64, announce);
        QFETCH(QString, message);
        Timeline t;
        captureBegins(t);
        for (qint64 ms : probes)
            t(ms, probe({a(kHost, kA1)}));
        const quint64 announced = t(announce, hostOnly(kHost, kA1));
        t(announce + 1000, hostOnly(kHost, kA1));
        t.finish(announce + 5000);
        const QList<Finding> f = t.of(Rule::ProbeTiming);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Warning);
        QCOMPARE(f[0].name, kHost);
        QCOMPARE(f[0].source.toString(), u"169.254.0.1"_s);
        QCOMPARE(f[0].packets.first, (QList<quint64>{announced}));
        QCOMPARE(f[0].messageText(false), message);
        QVERIFY2(t.of(Rule::AnnounceTiming).isEmpty(), qPrintable(t.dump()));
        QVERIFY(t.of(Rule::NoProbe).isEmpty());
    }

    void tooFewProbesNotJudgedWhenTheFirstMayBeMissing()
    {
        Timeline t; // the capture begins with the second probe
        t(0, probe({a(kHost, kA1)}));
        t(250, probe({a(kHost, kA1)}));
        t(500, hostOnly(kHost, kA1));
        t(1500, hostOnly(kHost, kA1));
        t.finish(5000);
        QVERIFY2(t.of(Rule::ProbeTiming).isEmpty(), qPrintable(t.dump()));
    }

    void announceTiming()
    {
        Timeline close;
        captureBegins(close);
        for (int i = 0; i < 3; ++i)
            close(1000 + 250 * i, probe({a(kHost, kA1)}));
        close(1750, hostOnly(kHost, kA1));
        const quint64 second = close(2250, hostOnly(kHost, kA1));
        QList<Finding> f = close.of(Rule::AnnounceTiming);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Warning);
        QCOMPARE(f[0].packets.first, (QList<quint64>{second}));
        QCOMPARE(f[0].messageText(false),
                 u"the first two announcements of alpha.local only 500 ms apart; they must be at "
                 "least one second apart"_s);

        // Only one: judged once 3 s have passed (advanceTo), not before.
        Timeline once;
        captureBegins(once);
        for (int i = 0; i < 3; ++i)
            once(1000 + 250 * i, probe({a(kHost, kA1)}));
        const quint64 first = once(1750, hostOnly(kHost, kA1));
        once.advance(4000);
        QVERIFY(once.of(Rule::AnnounceTiming).isEmpty());
        once.advance(4750);
        f = once.of(Rule::AnnounceTiming);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].packets.first, (QList<quint64>{first}));
        QCOMPARE(f[0].source.toString(), u"169.254.0.1"_s);
        QVERIFY(f[0].messageText(false).startsWith(u"only one announcement of alpha.local"_s));
    }

    void announceTimingSilentWhenTheCaptureEndsTooSoonOrTheHostLeaves()
    {
        Timeline shortCapture;
        captureBegins(shortCapture);
        for (int i = 0; i < 3; ++i)
            shortCapture(1000 + 250 * i, probe({a(kHost, kA1)}));
        shortCapture(1750, hostOnly(kHost, kA1));
        shortCapture.finish(3500);
        QVERIFY2(shortCapture.of(Rule::AnnounceTiming).isEmpty(), qPrintable(shortCapture.dump()));

        Timeline left;
        captureBegins(left);
        for (int i = 0; i < 3; ++i)
            left(1000 + 250 * i, probe({a(kHost, kA1)}));
        left(1750, hostOnly(kHost, kA1));
        left(2000, response({with(a(kHost, kA1), 0, true)}));
        left.finish(10'000);
        QVERIFY2(left.of(Rule::AnnounceTiming).isEmpty(), qPrintable(left.dump()));
    }

    void simultaneousProbeNamesTheWinner()
    {
        Timeline t;
        captureBegins(t);
        const quint64 first = t(1000, probe({a(kHost, kA1)}), "169.254.0.1");
        const quint64 second = t(1050, probe({a(kHost, kA2)}), "169.254.0.2");
        const QList<Finding> f = t.of(Rule::SimultaneousProbe);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Info);
        QCOMPARE(f[0].name, kHost);
        QCOMPARE(f[0].source.toString(), u"169.254.0.1"_s);
        QCOMPARE(f[0].otherSource.toString(), u"169.254.0.2"_s);
        QCOMPARE(f[0].packets.first, (QList<quint64>{first}));
        QCOMPARE(f[0].otherPackets.first, (QList<quint64>{second}));
        // 169.254.0.2 is lexicographically later than 169.254.0.1 (§8.2).
        QCOMPARE(f[0].messageText(false),
                 u"169.254.0.1 and 169.254.0.2 probe alpha.local at once; 169.254.0.2 wins the "
                 "tie-break of RFC 6762 §8.2 (A 169.254.0.2 against A 169.254.0.1)"_s);
        // Their later probes of the same race are not counted again.
        t(1250, probe({a(kHost, kA1)}), "169.254.0.1");
        t(1300, probe({a(kHost, kA2)}), "169.254.0.2");
        QCOMPARE(t.of(Rule::SimultaneousProbe).value(0).count, 1u);
    }

    void simultaneousProbeSilentForIdenticalRecordsOrProbesApart()
    {
        Timeline same;
        captureBegins(same);
        same(1000, probe({a(kHost, kA1)}), "169.254.0.1");
        same(1050, probe({a(kHost, kA1)}), "169.254.0.3"); // the same data proposed
        QVERIFY2(same.of(Rule::SimultaneousProbe).isEmpty(), qPrintable(same.dump()));

        Timeline apart;
        captureBegins(apart);
        apart(1000, probe({a(kHost, kA1)}), "169.254.0.1");
        apart(3000, probe({a(kHost, kA2)}), "169.254.0.2");
        QVERIFY2(apart.of(Rule::SimultaneousProbe).isEmpty(), qPrintable(apart.dump()));
    }

    void conflictNamesBothAndTheNewName()
    {
        Timeline t;
        const quint64 holder = t(0, hostOnly(kHost, kA1), "169.254.0.1");
        const quint64 newcomer = t(2000, hostOnly(kHost, kA2), "169.254.0.2");
        QList<Finding> f = t.of(Rule::Conflict);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Error);
        QCOMPARE(f[0].name, kHost);
        QCOMPARE(f[0].source.toString(), u"169.254.0.2"_s);
        QCOMPARE(f[0].otherSource.toString(), u"169.254.0.1"_s);
        QCOMPARE(f[0].packets.first, (QList<quint64>{newcomer}));
        QCOMPARE(f[0].otherPackets.first, (QList<quint64>{holder}));
        QCOMPARE(f[0].messageText(false),
                 u"169.254.0.2 claims alpha.local (A) with A 169.254.0.2, but 169.254.0.1 already "
                 "claims it with A 169.254.0.1"_s);
        (void)t.checker.takeChanges();
        // The loser probes for a new name: the finding says so.
        t(3000, probe({a(u"alpha-2.local"_s, kA2)}), "169.254.0.2");
        const FindingChanges changes = t.checker.takeChanges();
        QVERIFY(std::any_of(changes.findings.cbegin(), changes.findings.cend(),
                            [&](const Finding &c) { return c.id == f[0].id; }));
        f = t.of(Rule::Conflict);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].messageText(false),
                 u"169.254.0.2 claims alpha.local (A) with A 169.254.0.2, but 169.254.0.1 already "
                 "claims it with A 169.254.0.1; then 169.254.0.2 took the new name "
                 "alpha-2.local"_s);
    }

    void probeMeetingAHolderIsAConflict()
    {
        // The holder was heard first: the probe meets its live claim.
        Timeline held;
        held(0, hostOnly(kHost, kA1), "169.254.0.1");
        const quint64 probePacket = held(2000, probe({a(kHost, kA2)}), "169.254.0.2");
        held(2010, hostOnly(kHost, kA1), "169.254.0.1"); // the defence
        // Not yet: the prober may go on to announce the name (one host on two links).
        QVERIFY2(held.of(Rule::Conflict).isEmpty(), qPrintable(held.dump()));
        held.advance(5000); // 3 s after its probe it has not announced the name: it lost
        QList<Finding> f = held.of(Rule::Conflict);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].count, 1u);
        QCOMPARE(f[0].source.toString(), u"169.254.0.2"_s);
        QCOMPARE(f[0].packets.first, (QList<quint64>{probePacket}));
        QVERIFY2(f[0].messageText(false).startsWith(u"169.254.0.2 probes for alpha.local (A)"_s),
                 qPrintable(held.dump()));

        // The holder is heard only when it defends.
        Timeline defended;
        captureBegins(defended);
        defended(1000, probe({a(kHost, kA2)}), "169.254.0.2");
        const quint64 defence = defended(1010, hostOnly(kHost, kA1), "169.254.0.1");
        QVERIFY2(defended.of(Rule::Conflict).isEmpty(), qPrintable(defended.dump()));
        // The prober renames: it lost, the conflict is reported with its outcome.
        defended(2500, probe({a(u"alpha (2).local"_s, kA2)}), "169.254.0.2");
        f = defended.of(Rule::Conflict);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].source.toString(), u"169.254.0.2"_s);
        QCOMPARE(f[0].otherSource.toString(), u"169.254.0.1"_s);
        QCOMPARE(f[0].otherPackets.first, (QList<quint64>{defence}));
        QVERIFY(defended.of(Rule::Conflict)[0].messageText(false).endsWith(
            u"then 169.254.0.2 took the new name alpha (2).local"_s));
    }

    // A prober that meets a holder and then announces the name anyway is judged by its
    // announcement: a conflict when the holder still holds it.
    void proberAnnouncingAnywayIsJudgedByItsAnnouncement()
    {
        Timeline t;
        t(0, hostOnly(kHost, kA1), "169.254.0.1");
        t(2000, probe({a(kHost, kA2)}), "169.254.0.2");
        const quint64 announcement = t(2500, hostOnly(kHost, kA2), "169.254.0.2");
        t.advance(9000);
        const QList<Finding> f = t.of(Rule::Conflict);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].packets.first, (QList<quint64>{announcement}));
        QVERIFY(f[0].messageText(false).startsWith(u"169.254.0.2 claims alpha.local (A)"_s));
    }

    // One host on several links, captured together (a multi-homed avahi): each interface
    // announces only its own address, the copies within a few ms of each other; later it
    // probes again on every link and announces again. No conflict.
    void multiHomedHostIsNoConflict()
    {
        const QByteArray v6a = QByteArray::fromHex("fe800000000000000000000000000001");
        const QByteArray v6b = QByteArray::fromHex("fe800000000000000000000000000002");
        Timeline t;
        t(0, response({a(kHost, kA1), aaaa(kHost, v6a)}), "169.254.0.1");
        t(2, response({a(kHost, 0x0A000002), aaaa(kHost, v6b)}), "10.0.0.2");
        t(4, response({aaaa(kHost, v6b)}), "fe80::2");
        t(30000, probe({a(kHost, 0x0A000002), aaaa(kHost, v6b)}), "10.0.0.2");
        t(30001, probe({a(kHost, kA1), aaaa(kHost, v6a)}), "169.254.0.1");
        t(30200, response({a(kHost, 0x0A000002), aaaa(kHost, v6b)}), "10.0.0.2");
        t(30201, response({a(kHost, kA1), aaaa(kHost, v6a)}), "169.254.0.1");
        t.advance(40000);
        QVERIFY2(t.of(Rule::Conflict).isEmpty(), qPrintable(t.dump()));
    }

    void oneHostIsNoConflict()
    {
        const QByteArray v6a = QByteArray::fromHex("fe800000000000000000000000000001");
        const QByteArray v6b = QByteArray::fromHex("fe800000000000000000000000000002");
        Timeline t;
        // IPv4 copy names the host's IPv6 address; the IPv6 copy gives two.
        t(0, response({a(kHost, kA1), aaaa(kHost, v6a)}), "169.254.0.1");
        t(1, response({aaaa(kHost, v6a), aaaa(kHost, v6b)}), "fe80::1");
        // Several addresses for its own name in one packet; then other data from the same
        // sender.
        t(2000, response({a(u"gamma.local"_s, kA1), a(u"gamma.local"_s, 0x0A000001)}),
          "169.254.0.1");
        t(4000, response({a(u"gamma.local"_s, 0x0A000002)}), "169.254.0.1");
        QVERIFY2(t.of(Rule::Conflict).isEmpty(), qPrintable(t.dump()));
    }

    void renameStorm()
    {
        Timeline t;
        captureBegins(t);
        t(1000, probe({a(u"beta-2.local"_s, kA2)}), "169.254.0.2");
        t(6000, probe({a(u"beta-3.local"_s, kA2)}), "169.254.0.2");
        QVERIFY(t.of(Rule::RenameStorm).isEmpty());
        const quint64 third = t(11'000, probe({a(u"beta-4.local"_s, kA2)}), "169.254.0.2");
        const QList<Finding> f = t.of(Rule::RenameStorm);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Error);
        QCOMPARE(f[0].name, u"beta.local"_s);
        QCOMPARE(f[0].source.toString(), u"169.254.0.2"_s);
        QCOMPARE(f[0].packets.first, (QList<quint64>{third}));

        Timeline slow; // three rising suffixes, but over two minutes
        captureBegins(slow);
        slow(1000, probe({a(u"beta-2.local"_s, kA2)}), "169.254.0.2");
        slow(62'000, probe({a(u"beta-3.local"_s, kA2)}), "169.254.0.2");
        slow(123'000, probe({a(u"beta-4.local"_s, kA2)}), "169.254.0.2");
        QVERIFY2(slow.of(Rule::RenameStorm).isEmpty(), qPrintable(slow.dump()));
    }
};

QTEST_GUILESS_MAIN(TestSequenceChecks)
#include "tst_sequencechecks.moc"
