#include "CaptureFileBuilder.h"
#include "LinkLayerDecoder.h"
#include "SequenceTimeline.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// The stateful rules of rates, reflection, link layers, answers and lifetimes (LinkChecks,
// RateChecks, LifetimeChecks through ConformanceChecker) on built timelines: each fires with the
// right severity, source, name and packets, and its conforming twin stays silent; the state
// stays within its bound.
namespace {

const QString kHost = u"alpha.local"_s;
const QString kType = u"_ipp._tcp.local"_s;
const QString kInstance = u"Alpha Printer._ipp._tcp.local"_s;
constexpr quint32 kA1 = 0xA9FE0001;

QByteArray hostOnly(quint32 ttl = 120)
{
    return response({with(a(kHost, kA1), ttl, true)});
}

QByteArray fullAnnouncement()
{
    return response({ptr(kType, kInstance), srv(kInstance, 631, kHost),
                     txt(kInstance, {"txtvers=1"}), a(kHost, kA1)});
}

std::array<quint8, 6> mac(const char *hex)
{
    const QByteArray b = QByteArray::fromHex(hex);
    std::array<quint8, 6> m{};
    std::copy_n(reinterpret_cast<const quint8 *>(b.constData()), 6, m.begin());
    return m;
}

} // namespace

class TestRateChecks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordRate()
    {
        Timeline t;
        t(0, hostOnly());
        const quint64 again = t(500, hostOnly());
        t(1600, hostOnly()); // 1.1 s later: fine
        const QList<Finding> f = t.of(Rule::RecordRate);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Warning);
        QCOMPARE(f[0].name, kHost);
        QCOMPARE(f[0].count, 1u);
        QCOMPARE(f[0].packets.first, (QList<quint64>{again}));
        QCOMPARE(f[0].messageText(false),
                 u"169.254.0.1 multicast alpha.local A 169.254.0.1 again after 500 ms; a record "
                 "must not be multicast again within 1 s"_s);
    }

    void recordRateWhileDefendingAProbe()
    {
        Timeline ok; // defending: 300 ms is enough
        ok(0, hostOnly());
        ok(1000, probe({a(kHost, 0xA9FE0002)}), "169.254.0.2");
        ok(1010, hostOnly());
        ok(1310, hostOnly());
        QVERIFY2(ok.of(Rule::RecordRate).isEmpty(), qPrintable(ok.dump()));

        Timeline fast;
        fast(0, hostOnly());
        fast(1000, probe({a(kHost, 0xA9FE0002)}), "169.254.0.2");
        fast(1010, hostOnly());
        fast(1110, hostOnly());
        const QList<Finding> f = fast.of(Rule::RecordRate);
        QCOMPARE(f.size(), 1);
        QVERIFY(f[0].messageText(false).contains(u"defending against a probe"_s));
    }

    void queryBackoff_data()
    {
        QTest::addColumn<QList<qint64>>("times");
        QTest::addColumn<int>("findings");
        QTest::newRow("doubling") << QList<qint64>{0, 1000, 3000, 7000, 15'000} << 0;
        QTest::newRow("jitter") << QList<qint64>{0, 980, 2500, 5600} << 0;
        QTest::newRow("under a second") << QList<qint64>{0, 1000, 1500} << 1;
        QTest::newRow("steady second") << QList<qint64>{0, 1000, 2000, 3000} << 2;
        QTest::newRow("steady later") << QList<qint64>{0, 10'000, 20'000, 30'000} << 0;
    }
    void queryBackoff()
    {
        QFETCH(QList<qint64>, times);
        QFETCH(int, findings);
        Timeline t;
        for (qint64 ms : times)
            t(ms, query(kType, DnsType::PTR), "169.254.0.7");
        const QList<Finding> f = t.of(Rule::QueryBackoff);
        QCOMPARE(f.size(), findings ? 1 : 0);
        if (findings) {
            QCOMPARE(f[0].count, quint64(findings));
            QCOMPARE(f[0].severity, Severity::Warning);
            QCOMPARE(f[0].name, kType);
            QCOMPARE(f[0].source.toString(), u"169.254.0.7"_s);
            QCOMPARE(f[0].packets.first.last(), quint64(times.size()));
        }
    }

    void queryBackoffExceptsProbes()
    {
        Timeline t;
        for (int i = 0; i < 3; ++i)
            t(250 * i, probe({a(kHost, kA1)}));
        QVERIFY2(t.of(Rule::QueryBackoff).isEmpty(), qPrintable(t.dump()));
    }

    void knownAnswerIgnored()
    {
        Timeline t;
        const quint64 asked =
            t(0, queryWithAnswers(kType, DnsType::PTR, {ptr(kType, kInstance)}), "169.254.0.7");
        const quint64 answered = t(100, response({ptr(kType, kInstance)}));
        QList<Finding> f = t.of(Rule::KnownAnswerIgnored);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Warning);
        QCOMPARE(f[0].source.toString(), u"169.254.0.1"_s);
        QCOMPARE(f[0].name, kType);
        QCOMPARE(f[0].packets.first, (QList<quint64>{answered}));
        QVERIFY(f[0].messageText(false).contains(u"the query of 169.254.0.7 100 ms earlier"_s));
        Q_UNUSED(asked);

        // A known answer with less than half its TTL left must be answered.
        Timeline twin;
        twin(0, queryWithAnswers(kType, DnsType::PTR, {with(ptr(kType, kInstance), 2000, false)}),
             "169.254.0.7");
        twin(100, response({ptr(kType, kInstance)}));
        QVERIFY2(twin.of(Rule::KnownAnswerIgnored).isEmpty(), qPrintable(twin.dump()));
    }

    void reflectedCopyIsNotTheHostsTraffic()
    {
        Timeline t;
        const quint64 original = t(0, hostOnly(), "169.254.0.1");
        const quint64 copy = t(2, hostOnly(), "169.254.0.9");
        t(1100, hostOnly(), "169.254.0.1");
        t(1103, hostOnly(), "169.254.0.9");
        const QList<Finding> f = t.of(Rule::Reflected);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Info);
        QCOMPARE(f[0].source.toString(), u"169.254.0.1"_s);
        QCOMPARE(f[0].otherSource.toString(), u"169.254.0.9"_s);
        QCOMPARE(f[0].count, 2u);
        QCOMPARE(f[0].packets.first.first(), original);
        QCOMPARE(f[0].otherPackets.first.first(), copy);
        QVERIFY2(t.of(Rule::Conflict).isEmpty(), qPrintable(t.dump()));
        QVERIFY2(t.of(Rule::RecordRate).isEmpty(), qPrintable(t.dump()));

        Timeline late; // 50 ms later: another sender's own message
        late(0, hostOnly(), "169.254.0.1");
        late(50, hostOnly(), "169.254.0.9");
        QVERIFY2(late.of(Rule::Reflected).isEmpty(), qPrintable(late.dump()));

        Timeline twice; // the same packet captured twice is no reflection, nor too fast
        twice(0, hostOnly(), "169.254.0.1");
        twice(1, hostOnly(), "169.254.0.1");
        QVERIFY2(twice.checker.findings().isEmpty(), qPrintable(twice.dump()));
    }

    void reflectedByMac()
    {
        Timeline t;
        Packet p = Timeline::make(0, hostOnly(), "169.254.0.1");
        p.macsKnown = true;
        p.destinationMac = mac("01005e0000fb");
        p.sourceMac = mac("020000000001");
        t.add(p);
        p.timestampNs += 1'000'000;
        p.sourceMac = mac("020000000099");
        t.add(p);
        const QList<Finding> f = t.of(Rule::Reflected);
        QCOMPARE(f.size(), 1);
        QVERIFY(f[0].messageText(false).contains(u"02:00:00:00:00:99"_s));
        QVERIFY(t.of(Rule::RecordRate).isEmpty());
    }

    void destinationMac()
    {
        Timeline t;
        Packet p = Timeline::make(0, hostOnly(), "169.254.0.1");
        p.macsKnown = true;
        p.sourceMac = mac("020000000001");
        p.destinationMac = mac("ffffffffffff");
        const quint64 wrong = t.add(p);
        QList<Finding> f = t.of(Rule::DestinationMac);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Error);
        QCOMPARE(f[0].packets.first, (QList<quint64>{wrong}));
        QCOMPARE(f[0].messageText(false),
                 u"multicast message to 224.0.0.251 sent to the MAC address ff:ff:ff:ff:ff:ff; it "
                 "must go to 01:00:5e:00:00:fb"_s);

        Timeline right;
        p.destinationMac = mac("01005e0000fb");
        right.add(p);
        Packet v6 = Timeline::make(2000, hostOnly(), "fe80::1");
        v6.macsKnown = true;
        v6.destinationMac = mac("3333000000fb");
        right.add(v6);
        Packet unknown = Timeline::make(4000, hostOnly(), "169.254.0.1"); // live: no MACs
        right.add(unknown);
        QVERIFY2(right.of(Rule::DestinationMac).isEmpty(), qPrintable(right.dump()));
    }

    void ethernetFramesFillTheMacs()
    {
        const QByteArray frame = FrameBuilder::ethernet(
            0x0800, FrameBuilder::udp4(0xA9FE0102, 0xE00000FB, 5353, 5353, 255, hostOnly()),
            {0x8100});
        Packet p;
        QCOMPARE(LinkLayerDecoder::decode(LinkLayerDecoder::LinkType::Ethernet,
                                          reinterpret_cast<const uchar *>(frame.constData()),
                                          frame.size(), p),
                 LinkLayerDecoder::Outcome::Mdns);
        QVERIFY(p.macsKnown);
        QCOMPARE(p.destinationMac, mac("01005e0000fb"));
        QCOMPARE(p.sourceMac, mac("020000000001"));
        // Another link type leaves them unknown, even in a Packet that held some.
        const QByteArray sll = FrameBuilder::sll(
            0x0800, FrameBuilder::udp4(0xA9FE0102, 0xE00000FB, 5353, 5353, 255, hostOnly()));
        QCOMPARE(LinkLayerDecoder::decode(LinkLayerDecoder::LinkType::LinuxSll,
                                          reinterpret_cast<const uchar *>(sll.constData()),
                                          sll.size(), p),
                 LinkLayerDecoder::Outcome::Mdns);
        QVERIFY(!p.macsKnown);
    }

    void missingAdditionals()
    {
        Timeline t;
        t(0, fullAnnouncement());
        const quint64 bare = t(5000, response({ptr(kType, kInstance)}));
        t(7000, response({srv(kInstance, 631, kHost)}, {a(kHost, kA1)})); // complete
        t(9000, response({ptr(kType, kInstance)}, {srv(kInstance, 631, kHost),
                                                   txt(kInstance, {"txtvers=1"}), a(kHost, kA1)}));
        const QList<Finding> f = t.of(Rule::MissingAdditionals);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Info);
        QCOMPARE(f[0].name, kInstance);
        QCOMPARE(f[0].packets.first, (QList<quint64>{bare}));
        QVERIFY(f[0].messageText(false).contains(u"SRV Alpha Printer._ipp._tcp.local, TXT"_s));

        Timeline unknown; // never heard holding them
        unknown(0, response({ptr(kType, kInstance)}));
        QVERIFY2(unknown.of(Rule::MissingAdditionals).isEmpty(), qPrintable(unknown.dump()));
    }

    void legacyResponse()
    {
        Message q;
        q.id = 0x1234;
        q.questions = {{kHost, DnsType::A, false}};
        Timeline t;
        t(0, message(q), "169.254.0.7", 40000);
        Message bad;
        bad.flags = 0x8400;
        bad.answers = {a(kHost, kA1)}; // ID 0, no question, cache-flush, TTL 120
        const quint64 wrong = t.unicast(5, message(bad), "169.254.0.1", "169.254.0.7", 40000);
        const QList<Finding> f = t.of(Rule::LegacyResponse);
        QStringList messages;
        for (const Finding &x : f) {
            QCOMPARE(x.severity, Severity::Error);
            QCOMPARE(x.source.toString(), u"169.254.0.1"_s);
            QCOMPARE(x.packets.first, (QList<quint64>{wrong}));
            messages.append(x.messageText(false));
        }
        QCOMPARE(f.size(), 2); // no name: ID and question; alpha.local: cache-flush and TTL
        QCOMPARE(f[0].count + f[1].count, 4u);
        QVERIFY2(messages.join(u'\n').contains(u"with ID 0x0000; it must echo the query's ID "
                                               "0x1234"_s),
                 qPrintable(messages.join(u'\n')));

        Timeline ok;
        ok(0, message(q), "169.254.0.7", 40000);
        Message good = q;
        good.flags = 0x8400;
        good.answers = {with(a(kHost, kA1), 10, false)};
        ok.unicast(5, message(good), "169.254.0.1", "169.254.0.7", 40000);
        QVERIFY2(ok.of(Rule::LegacyResponse).isEmpty(), qPrintable(ok.dump()));
    }

    void goodbyeAndExpiry()
    {
        Timeline t;
        t(0, response({a(kHost, kA1), a(u"beta.local"_s, 0xA9FE0002)}));
        const quint64 bye = t(5000, response({with(a(kHost, kA1), 0, true)}));
        QList<Finding> f = t.of(Rule::Goodbye);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].severity, Severity::Info);
        QCOMPARE(f[0].name, kHost);
        QCOMPARE(f[0].packets.first, (QList<quint64>{bye}));

        t.advance(119'000);
        QVERIFY(t.of(Rule::Expired).isEmpty());
        t.advance(121'000);
        f = t.of(Rule::Expired);
        QCOMPARE(f.size(), 1); // beta.local; alpha.local said goodbye
        QCOMPARE(f[0].name, u"beta.local"_s);
        QCOMPARE(f[0].severity, Severity::Info);
        QCOMPARE(f[0].timeNs, Timeline::at(120'000));
        QCOMPARE(f[0].packets.first, (QList<quint64>{1}));

        Timeline refreshed; // refreshed in time; and the capture ends before the TTL runs out
        refreshed(0, hostOnly());
        refreshed(100'000, hostOnly());
        refreshed.finish(200'000);
        QVERIFY2(refreshed.of(Rule::Expired).isEmpty(), qPrintable(refreshed.dump()));

        Timeline flushed; // replaced by a cache-flush announcement with other data
        flushed(0, hostOnly());
        flushed(1000, response({a(kHost, 0x0A000001)}));
        flushed.advance(120'500);
        QVERIFY2(flushed.of(Rule::Expired).isEmpty(), qPrintable(flushed.dump()));
    }

    void floodStaysWithinTheBound()
    {
        ConformanceChecker::Limits limits;
        limits.maxTracked = 100;
        Timeline t(limits);
        for (int i = 0; i < 3000; ++i) {
            const QString name = u"host%1.local"_s.arg(i);
            t(i * 2, response({a(name, 0xA9FE0000 + quint32(i % 250))}),
              i % 2 ? "169.254.0.1" : "169.254.0.2");
            t(i * 2 + 1, query(name, DnsType::A), "169.254.0.7");
        }
        QVERIFY2(t.checker.tracked() <= 100, qPrintable(QString::number(t.checker.tracked())));
        QVERIFY(t.checker.tracked() > 0);
        // Still judging after the flood.
        t(10'000, hostOnly(), "169.254.0.5");
        t(10'100, hostOnly(), "169.254.0.5");
        QCOMPARE(t.of(Rule::RecordRate).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRateChecks)
#include "tst_ratechecks.moc"
