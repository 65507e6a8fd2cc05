#include "BehaviourJson.h"
#include "BehaviourTimeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// Query -> response latency on built timelines (LatencyTracker through BehaviourModel): pairing
// by name, type and class with every ID left at 0; shared, unique and probe answers kept apart;
// the querier's own answer not paired; unanswered questions counted only when a matching record
// was heard before, known-answer suppression counted as suppressed; percentiles and the
// Bonjour Conformance Test's bands on constructed distributions; bounded state.
namespace {

const QString kType = u"_ipp._tcp.local"_s;
const QString kInstance = u"Alpha._ipp._tcp.local"_s;
const QString kHost = u"alpha.local"_s;
constexpr quint32 kA1 = 0xA9FE0002;
constexpr const char *kQuerier = "169.254.0.1";
constexpr const char *kResponder = "169.254.0.2";
constexpr const char *kOther = "169.254.0.3";
using Kind = LatencyTracker::Kind;

// The responder's figures (the first responder row that holds `address`).
LatencyTracker::Stats statsOf(const BehaviourModel &m, const char *address)
{
    const IpAddress a = IpAddress::fromString(QString::fromLatin1(address));
    for (const BehaviourModel::Responder &r : m.responders()) {
        if (r.addresses.contains(a))
            return r.stats;
    }
    return {};
}

constexpr qint64 kMs = 1'000'000;

} // namespace

class TestLatency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pairsByNameTypeAndClassWithoutIds()
    {
        BehaviourTimeline t;
        // Upper case in the question: names compare case-insensitively.
        t(0, query(u"_IPP._tcp.local"_s, DnsType::PTR), kQuerier);
        // A record of another type and another name do not pair.
        t(5, response({txt(kType, {"x"})}), kResponder);
        t(6, response({ptr(u"_http._tcp.local"_s, u"B._http._tcp.local"_s)}), kResponder);
        t(40, response({ptr(kType, kInstance)}), kResponder);
        // A second answer from the same responder is not paired again.
        t(60, response({ptr(kType, kInstance)}), kResponder);
        t.finish();
        const LatencyTracker::Stats s = statsOf(t.model, kResponder);
        const auto &shared = s.of(Kind::Shared);
        QCOMPARE(shared.answered(), 1u);
        QCOMPARE(shared.histogram.maxNs(), 40 * kMs);
        QCOMPARE(s.of(Kind::Unique).answered(), 0u);
        QCOMPARE(t.model.overall().of(Kind::Shared).answeredQuestions, 1u);
        // ANY matches every type; a class other than IN does not match an IN question.
        BehaviourTimeline any;
        any(0, message({0, 0, {{kHost, DnsType::ANY}}, {}, {}, {}}), kQuerier);
        any(3, response({with(a(kHost, kA1), 120, true)}), kResponder);
        any.finish();
        QCOMPARE(statsOf(any.model, kResponder).of(Kind::Unique).answered(), 1u);
        QCOMPARE(statsOf(any.model, kResponder).of(Kind::Unique).histogram.maxNs(), 3 * kMs);
    }

    void answerAfterOneSecondIsNotPaired()
    {
        BehaviourTimeline t;
        t(0, query(kType, DnsType::PTR), kQuerier);
        t(1001, response({ptr(kType, kInstance)}), kResponder);
        t.finish();
        QVERIFY(statsOf(t.model, kResponder).isEmpty());
    }

    void sharedUniqueAndProbeApart()
    {
        BehaviourTimeline t;
        t(0, query(kType, DnsType::PTR), kQuerier);
        t(0, query(kHost, DnsType::A), kQuerier);
        t(2, response({with(a(kHost, kA1), 120, true)}), kResponder); // unique: 2 ms
        t(80, response({ptr(kType, kInstance)}), kResponder);         // shared: 80 ms
        t(2000, probe({a(u"beta.local"_s, 0xA9FE0009)}), kQuerier);
        t(2001, response({with(a(u"beta.local"_s, 0xA9FE0003), 120, true)}), kOther); // defence
        t.finish();
        const LatencyTracker::Stats s = statsOf(t.model, kResponder);
        QCOMPARE(s.of(Kind::Unique).answered(), 1u);
        QCOMPARE(s.of(Kind::Unique).histogram.maxNs(), 2 * kMs);
        QCOMPARE(s.of(Kind::Shared).answered(), 1u);
        QCOMPARE(s.of(Kind::Shared).histogram.maxNs(), 80 * kMs);
        QCOMPARE(s.of(Kind::Probe).answered(), 0u);
        const LatencyTracker::Stats o = statsOf(t.model, kOther);
        QCOMPARE(o.of(Kind::Probe).answered(), 1u);
        QCOMPARE(o.of(Kind::Probe).histogram.maxNs(), 1 * kMs);
        QCOMPARE(o.of(Kind::Unique).answered(), 0u);
        QCOMPARE(LatencyTracker::verdict(s.of(Kind::Unique), Kind::Unique),
                 LatencyTracker::Verdict::Pass);
        QCOMPARE(LatencyTracker::verdict(o.of(Kind::Probe), Kind::Probe),
                 LatencyTracker::Verdict::NotSeen);
    }

    void ownAnswerIsNotPaired()
    {
        BehaviourTimeline t;
        t(0, query(kHost, DnsType::A), kResponder);
        t(1, response({with(a(kHost, kA1), 120, true)}), kResponder);
        t.finish();
        QVERIFY(statsOf(t.model, kResponder).isEmpty());
        // Nor from the querier's other address once the host announced both of its addresses.
        BehaviourTimeline two;
        const QByteArray both =
            response({with(a(kHost, kA1), 120, true),
                      with(aaaa(kHost, QByteArray::fromHex("fe800000000000000000000000000002")),
                           120, true)});
        two(0, both, "fe80::2");
        two(10, query(kHost, DnsType::A), kResponder);
        two(11, both, "fe80::2");
        two.finish();
        QVERIFY(statsOf(two.model, "fe80::2").isEmpty());
        QCOMPARE(two.model.responders().size(), 0);
    }

    void unansweredOnlyWhenAnswerable()
    {
        BehaviourTimeline t;
        // Nobody was heard with _ipp._tcp before: an unanswered question does not count.
        t(0, query(kType, DnsType::PTR), kQuerier);
        t(1500, response({ptr(kType, kInstance)}), kResponder); // now heard
        t(3000, query(kType, DnsType::PTR), kQuerier);          // answerable, not answered
        t(5000, query(kType, DnsType::PTR), kQuerier);          // answered in 100 ms
        t(5100, response({ptr(kType, kInstance)}), kResponder);
        t.finish();
        const auto shared = statsOf(t.model, kResponder).of(Kind::Shared);
        QCOMPARE(shared.unanswered, 1u);
        QCOMPARE(shared.answered(), 1u);
        QCOMPARE(shared.unansweredShare(), 0.5);
        const auto overall = t.model.overall().of(Kind::Shared);
        QCOMPARE(overall.unanswered, 1u);
        QCOMPARE(overall.answeredQuestions, 1u);
        // A record gone (goodbye) makes the question unanswerable again.
        BehaviourTimeline bye;
        bye(0, response({ptr(kType, kInstance)}), kResponder);
        bye(100, response({with(ptr(kType, kInstance), 0, false)}), kResponder);
        bye(200, query(kType, DnsType::PTR), kQuerier);
        bye.finish();
        QVERIFY(statsOf(bye.model, kResponder).isEmpty());
        // And so does a TTL run out.
        BehaviourTimeline expired;
        expired(0, response({with(ptr(kType, kInstance), 1, false)}), kResponder);
        expired(1500, query(kType, DnsType::PTR), kQuerier);
        expired.finish();
        QVERIFY(statsOf(expired.model, kResponder).isEmpty());
    }

    void knownAnswerSuppression()
    {
        BehaviourTimeline t;
        t(0, response({ptr(kType, kInstance)}), kResponder);
        // The querier knows the answer with its full TTL: silence is suppression.
        t(1000, queryWithAnswers(kType, DnsType::PTR, {ptr(kType, kInstance)}), kQuerier);
        // With less than half the TTL left the answer is due again.
        t(3000, queryWithAnswers(kType, DnsType::PTR, {with(ptr(kType, kInstance), 50, false)}),
          kQuerier);
        t.finish();
        const auto shared = statsOf(t.model, kResponder).of(Kind::Shared);
        QCOMPARE(shared.suppressed, 1u);
        QCOMPARE(shared.unanswered, 1u);
        const auto overall = t.model.overall().of(Kind::Shared);
        QCOMPARE(overall.suppressed, 1u);
        QCOMPARE(overall.unanswered, 1u);
    }

    void unicastReplyToQuPaired()
    {
        BehaviourTimeline t;
        t(0, query(kHost, DnsType::A, true), kQuerier);
        t.unicast(4, response({with(a(kHost, kA1), 10, true)}), kResponder, kQuerier);
        t.finish();
        const auto unique = statsOf(t.model, kResponder).of(Kind::Unique);
        QCOMPARE(unique.answered(), 1u);
        QCOMPARE(unique.histogram.maxNs(), 4 * kMs);
    }

    void severalRespondersEachPaired()
    {
        BehaviourTimeline t;
        t(0, query(kType, DnsType::PTR), kQuerier);
        t(30, response({ptr(kType, kInstance)}), kResponder);
        t(90, response({ptr(kType, u"Beta._ipp._tcp.local"_s)}), kOther);
        t.finish();
        QCOMPARE(statsOf(t.model, kResponder).of(Kind::Shared).histogram.maxNs(), 30 * kMs);
        QCOMPARE(statsOf(t.model, kOther).of(Kind::Shared).histogram.maxNs(), 90 * kMs);
        const auto overall = t.model.overall().of(Kind::Shared);
        QCOMPARE(overall.answered(), 2u);
        QCOMPARE(overall.answeredQuestions, 1u);
    }

    void percentilesOnConstructedDistribution()
    {
        // 100 shared answers at 21, 22, ..., 120 ms: p50 is 70 ms, p95 115 ms, max 120 ms.
        BehaviourTimeline t;
        for (int i = 0; i < 100; ++i) {
            const double base = 2000.0 * i;
            t(base, query(kType, DnsType::PTR), kQuerier);
            t(base + 21 + i, response({ptr(kType, kInstance)}), kResponder);
        }
        t.finish();
        const auto shared = statsOf(t.model, kResponder).of(Kind::Shared);
        QCOMPARE(shared.answered(), 100u);
        QCOMPARE(shared.histogram.maxNs(), 120 * kMs);
        QCOMPARE(shared.histogram.minNs(), 21 * kMs);
        const double p50 = double(shared.histogram.percentileNs(0.5)) / kMs;
        const double p95 = double(shared.histogram.percentileNs(0.95)) / kMs;
        QVERIFY2(std::abs(p50 - 70) <= 70 * 0.03, qPrintable(QString::number(p50)));
        QVERIFY2(std::abs(p95 - 115) <= 115 * 0.03, qPrintable(QString::number(p95)));
        // Even over 20–125 ms: every quarter holds 25 %: pass.
        QVERIFY(!LatencyTracker::quartersUneven(shared));
        QCOMPARE(LatencyTracker::verdict(shared, Kind::Shared), LatencyTracker::Verdict::Pass);
        // In the JSON.
        const QJsonObject json = BehaviourJson::latency(t.model);
        const QJsonObject row = json[u"responders"_s].toArray().at(0).toObject();
        QCOMPARE(row[u"addresses"_s].toArray().at(0).toString(), QString::fromLatin1(kResponder));
        const QJsonObject js = row[u"shared"_s].toObject();
        QCOMPARE(js[u"answers"_s].toInt(), 100);
        QCOMPARE(js[u"max_ms"_s].toDouble(), 120.0);
        QCOMPARE(js[u"verdict"_s].toString(), u"pass"_s);
        QCOMPARE(js[u"bands"_s].toObject()[u"20_to_125_ms_quarters"_s].toArray(),
                 (QJsonArray{26, 26, 26, 22}));
    }

    void bands_data()
    {
        QTest::addColumn<QList<double>>("latenciesMs");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("verdict");
        using V = LatencyTracker::Verdict;
        QList<double> even;
        for (int i = 0; i < 40; ++i)
            even.append(21 + 2.5 * i); // 21 .. 118.5 ms, spread over the quarters
        QTest::newRow("shared even") << even << int(Kind::Shared) << int(V::Pass);
        QList<double> oneWarn = even;
        oneWarn.append(15);
        QTest::newRow("shared 15 ms") << oneWarn << int(Kind::Shared) << int(V::Warn);
        QList<double> late = even;
        late.append(300);
        QTest::newRow("shared 300 ms") << late << int(Kind::Shared) << int(V::Warn);
        QList<double> fast = even;
        fast.append(5);
        QTest::newRow("shared 5 ms") << fast << int(Kind::Shared) << int(V::Fail);
        QList<double> tooLate = even;
        tooLate.append(800);
        QTest::newRow("shared 800 ms") << tooLate << int(Kind::Shared) << int(V::Fail);
        // All in 20–46 ms: one quarter holds everything, the delay is not random.
        QList<double> bunched(30, 30.0);
        QTest::newRow("shared bunched") << bunched << int(Kind::Shared) << int(V::Warn);
        // Too few to judge the quarters.
        QList<double> few(10, 30.0);
        QTest::newRow("shared few") << few << int(Kind::Shared) << int(V::Pass);
        QTest::newRow("unique 3 ms")
            << QList<double>{3, 8, 10} << int(Kind::Unique) << int(V::Pass);
        QTest::newRow("unique 12 ms") << QList<double>{3, 12} << int(Kind::Unique) << int(V::Warn);
        QTest::newRow("unique 760 ms")
            << QList<double>{3, 760} << int(Kind::Unique) << int(V::Fail);
    }
    void bands()
    {
        QFETCH(QList<double>, latenciesMs);
        QFETCH(int, kind);
        QFETCH(int, verdict);
        BehaviourTimeline t;
        double base = 0;
        for (const double l : latenciesMs) {
            if (kind == int(Kind::Unique)) {
                t(base, query(kHost, DnsType::A), kQuerier);
                t(base + l, response({with(a(kHost, kA1), 120, true)}), kResponder);
            } else {
                t(base, query(kType, DnsType::PTR), kQuerier);
                t(base + l, response({ptr(kType, kInstance)}), kResponder);
            }
            base += 2000;
        }
        t.finish();
        const auto f = statsOf(t.model, kResponder).of(Kind(kind));
        QCOMPARE(f.answered(), quint64(latenciesMs.size()));
        QCOMPARE(int(LatencyTracker::verdict(f, Kind(kind))), verdict);
    }

    void histogramBins()
    {
        LatencyHistogram h;
        QCOMPARE(h.percentileNs(0.5), 0);
        h.add(50'000);        // below 0.1 ms
        h.add(2'000'000'000); // above 1 s
        QCOMPARE(h.bin(0), 1u);
        QCOMPARE(h.bin(LatencyHistogram::kBins - 1), 1u);
        QCOMPARE(LatencyHistogram::binOf(100'000), 1);
        QCOMPARE(LatencyHistogram::binOf(999'999'999), LatencyHistogram::kBins - 2);
        QCOMPARE(LatencyHistogram::binLowerNs(1 + LatencyHistogram::kBinsPerDecade), 1'000'000);
        QCOMPARE(h.percentileNs(1.0), 2'000'000'000);
        QCOMPARE(h.percentileNs(0.01), 50'000);
    }

    void boundedState()
    {
        BehaviourModel::Limits limits;
        limits.latency.maxPending = 100;
        limits.latency.maxHeld = 50;
        BehaviourTimeline t(limits);
        for (int i = 0; i < 500; ++i)
            t(0.001 * i, response({ptr(kType, u"I%1._ipp._tcp.local"_s.arg(i))}), kResponder);
        QCOMPARE(t.model.latency().held(), 50);
        QCOMPARE(t.model.latency().droppedRecords(), 450u);
        for (int i = 0; i < 1000; ++i)
            t(10 + 0.1 * i, query(u"q%1.local"_s.arg(i), DnsType::A), kQuerier);
        QCOMPARE(t.model.latency().pending(), 100);
        QCOMPARE(t.model.latency().droppedQuestions(), 900u);
        t(2000, query(kType, DnsType::PTR), kQuerier);
        QCOMPARE(t.model.latency().pending(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLatency)
#include "tst_latency.moc"
