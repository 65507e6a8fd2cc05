#include "BehaviourJson.h"
#include "BehaviourTimeline.h"
#include "FloodCauses.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// Why a host floods (FloodCauses through BehaviourModel) on built timelines: a flood of 1,000
// packets/s for 5 s from one sender of each kind is named with its kind and the right packets
// (their numbers), a quiet host beside it (10 packets/s) gets no cause, nor does a flood that
// shows none; copies of one announcement per interface and family are counted per host; the
// JSON carries `causes` and `copies`.
namespace {

constexpr qint64 kMs = 1'000'000;
constexpr qint64 kFloodMs = 5000;

// The expected PacketRefs of a list of packet numbers.
PacketRefs refsOf(const QList<quint64> &numbers)
{
    PacketRefs r;
    for (quint64 n : numbers)
        r.add(n);
    return r;
}

const BehaviourModel::Talker *talkerOf(const QList<BehaviourModel::Talker> &talkers,
                                       const QString &sender)
{
    for (const BehaviourModel::Talker &t : talkers) {
        if (t.label == sender)
            return &t;
    }
    return nullptr;
}

QString describe(const QList<FloodCause> &causes)
{
    QStringList out;
    for (const FloodCause &c : causes)
        out.append(c.kind + u": "_s + c.text + u" x"_s + QString::number(c.packets.count));
    return out.join(u"; "_s);
}

} // namespace

class TestFloodCauses : public QObject
{
    Q_OBJECT

    // A quiet host at 10 packets/s asking one question again and again (a re-query, but far
    // below the threshold): it must get no cause.
    static void quiet(BehaviourTimeline &t, qint64 ms)
    {
        if (ms % 100 == 50)
            t.addNs(ms * kMs, query(u"quiet.local"_s, DnsType::A), "169.254.0.1");
    }

    // The flooder ranks first at 1,000 packets/s, with exactly one cause: `kind`, shown by
    // `expected` (every packet number of it), and the quiet host has none.
    static void checkOneCause(const BehaviourTimeline &t, const QString &sender,
                              const QString &kind, const QList<quint64> &expected)
    {
        const QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
        QVERIFY(!talkers.isEmpty());
        const BehaviourModel::Talker &top = talkers.at(0);
        QCOMPARE(top.label, sender);
        QCOMPARE(top.packetsPerSecond[0], 1000.0);
        QVERIFY2(top.causes.size() == 1, qPrintable(describe(top.causes)));
        const FloodCause &c = top.causes.at(0);
        QCOMPARE(c.kind, kind);
        QCOMPARE(FloodCauses::kindOf(c.kind) >= 0, true);
        const PacketRefs want = refsOf(expected);
        QCOMPARE(c.packets.count, want.count);
        QCOMPARE(c.packets.first, want.first);
        QCOMPARE(c.packets.latest, want.latest);
        QVERIFY(!c.text.isEmpty());
        const BehaviourModel::Talker *q = talkerOf(talkers, u"169.254.0.1"_s);
        QVERIFY(q);
        QCOMPARE(q->packetsPerSecond[0], 10.0);
        QVERIFY2(q->causes.isEmpty(), qPrintable(describe(q->causes)));
    }

private Q_SLOTS:
    void requeriesWithoutBackOff()
    {
        // One question asked every millisecond: the first ask is not a re-query, every later
        // one is (less than 1 s after the one before).
        BehaviourTimeline t;
        QList<quint64> expected;
        for (qint64 ms = 0; ms < kFloodMs; ++ms) {
            quiet(t, ms);
            t.addNs(ms * kMs, query(u"printer.local"_s, DnsType::A), "169.254.0.9");
            if (ms > 0)
                expected.append(t.number);
        }
        checkOneCause(t, u"169.254.0.9"_s, u"requery"_s, expected);
        QVERIFY(t.model.hostTalkers().at(0).causes.at(0).text.contains(u"RFC 6762 §5.2"_s));
    }

    void requeriesThatBackOffAreNoCause()
    {
        // A question asked at intervals that double (1, 2, 4, ... s) is not a re-query flood;
        // asked at a steady 2 s it is (the interval does not grow).
        BehaviourModel::Limits limits;
        limits.floodThreshold = 1; // judge every host
        BehaviourTimeline good(limits), steady(limits);
        qint64 at = 0;
        for (int i = 0; i < 12; ++i) {
            good.addNs(at, query(u"backs-off.local"_s, DnsType::A), "169.254.0.3");
            at += (qint64(1) << i) * 1000 * kMs;
            steady.addNs(qint64(i) * 2000 * kMs, query(u"steady.local"_s, DnsType::A),
                         "169.254.0.4");
        }
        const QList<BehaviourModel::Talker> g = good.model.hostTalkers();
        const QList<BehaviourModel::Talker> s = steady.model.hostTalkers();
        QVERIFY2(g.at(0).causes.isEmpty(), qPrintable(describe(g.at(0).causes)));
        QCOMPARE(good.model.floodCauses().evidence(0, FloodCauses::Kind::Requery).count, 0u);
        // The first ask is new, the second has no interval before it to compare: 10 of 12.
        QCOMPARE(steady.model.floodCauses().evidence(0, FloodCauses::Kind::Requery).count, 10u);
        QVERIFY2(s.at(0).causes.size() == 1, qPrintable(describe(s.at(0).causes)));
        QCOMPARE(s.at(0).causes.at(0).kind, u"requery"_s);
    }

    void shortTtlsRefreshed()
    {
        // A record with a TTL of 1 s sent every millisecond: every send after the first
        // refreshes it.
        BehaviourTimeline t;
        QList<quint64> expected;
        const QByteArray announce = response({with(a(u"fast.local"_s, 0xA9FE0009), 1, true)});
        for (qint64 ms = 0; ms < kFloodMs; ++ms) {
            quiet(t, ms);
            t.addNs(ms * kMs, announce, "169.254.0.9");
            if (ms > 0)
                expected.append(t.number);
        }
        checkOneCause(t, u"169.254.0.9"_s, u"short-ttl"_s, expected);
    }

    void probeOrRenameStorm()
    {
        // Probes for a new name every third packet (a rename storm): every packet a probe.
        BehaviourTimeline t;
        QList<quint64> expected;
        for (qint64 ms = 0; ms < kFloodMs; ++ms) {
            quiet(t, ms);
            const QString name = u"storm-%1.local"_s.arg(ms / 3);
            t.addNs(ms * kMs, probe({a(name, 0xA9FE0009)}), "169.254.0.9");
            expected.append(t.number);
        }
        checkOneCause(t, u"169.254.0.9"_s, u"probe-storm"_s, expected);
        QVERIFY(t.model.hostTalkers().at(0).causes.at(0).text.contains(u"64 or more names"_s));
    }

    void answersEveryQueryOfABusyQuerier()
    {
        // .5 asks 1,000 different questions a second (no re-query); .6 answers each 300 µs
        // later. .6's cause is .5; .5 floods too but shows no cause.
        BehaviourTimeline t;
        QList<quint64> expected;
        for (qint64 ms = 0; ms < kFloodMs; ++ms) {
            quiet(t, ms);
            const QString name = u"n%1.local"_s.arg(ms);
            t.addNs(ms * kMs, query(name, DnsType::A), "169.254.0.5");
            t.addNs(ms * kMs + 300'000, response({with(a(name, 0xA9FE0006), 120, true)}),
                    "169.254.0.6");
            expected.append(t.number);
        }
        const QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
        const BehaviourModel::Talker *answerer = talkerOf(talkers, u"169.254.0.6"_s);
        const BehaviourModel::Talker *querier = talkerOf(talkers, u"169.254.0.5"_s);
        QVERIFY(answerer && querier);
        QCOMPARE(answerer->packetsPerSecond[0], 1000.0);
        QCOMPARE(querier->packetsPerSecond[0], 1000.0);
        QVERIFY2(querier->causes.isEmpty(), qPrintable(describe(querier->causes)));
        QVERIFY2(answerer->causes.size() == 1, qPrintable(describe(answerer->causes)));
        const FloodCause &c = answerer->causes.at(0);
        QCOMPARE(c.kind, u"querier"_s);
        QVERIFY2(c.text.contains(u"169.254.0.5"_s), qPrintable(c.text));
        const PacketRefs want = refsOf(expected);
        QCOMPARE(c.packets.count, want.count);
        QCOMPARE(c.packets.first, want.first);
        QVERIFY2(c.text.contains(u"%1 of them of 169.254.0.5"_s.arg(kFloodMs)), qPrintable(c.text));
        const BehaviourModel::Talker *q = talkerOf(talkers, u"169.254.0.1"_s);
        QVERIFY(q && q->causes.isEmpty());
    }

    void answersToAQuietQuerierAreNoCause()
    {
        // .5 asks 20 questions a second, .6 answers each three times (60 packets/s). With the
        // threshold at 50 only .6 is above it: its answers go to a querier that asks little, no
        // cause. At 10 both are above it, and the cause is named.
        for (const double threshold : {50.0, 10.0}) {
            BehaviourModel::Limits limits;
            limits.floodThreshold = threshold;
            BehaviourTimeline t(limits);
            for (qint64 i = 0; i < 100; ++i) {
                const QString name = u"q%1.local"_s.arg(i);
                t.addNs(i * 50 * kMs, query(name, DnsType::A), "169.254.0.5");
                for (quint32 j = 0; j < 3; ++j)
                    t.addNs(i * 50 * kMs + (j + 1) * kMs,
                            response({with(a(name, 0xA9FE0100 + j), 120, true)}), "169.254.0.6");
            }
            const QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
            const BehaviourModel::Talker *answerer = talkerOf(talkers, u"169.254.0.6"_s);
            QVERIFY(answerer);
            QCOMPARE(answerer->rates.peakPackets, 60u);
            if (threshold > 20) {
                QVERIFY2(answerer->causes.isEmpty(), qPrintable(describe(answerer->causes)));
            } else {
                QVERIFY2(answerer->causes.size() == 1, qPrintable(describe(answerer->causes)));
                QCOMPARE(answerer->causes.at(0).kind, u"querier"_s);
                QCOMPARE(answerer->causes.at(0).packets.count, 300u);
            }
        }
    }

    void reflectedCopies()
    {
        // .3 announces 50 different records a second; .7 sends 20 copies of each within
        // 100 ms: 1,000 packets/s, every one a copy of another host's packet.
        BehaviourTimeline t;
        QList<quint64> expected;
        for (qint64 ms = 0; ms < kFloodMs; ++ms) {
            quiet(t, ms);
            const QByteArray original =
                response({with(a(u"h%1.local"_s.arg(ms / 20), 0xA9FE0003), 120, true)});
            if (ms % 20 == 0)
                t.addNs(ms * kMs, original, "169.254.0.3");
            t.addNs(ms * kMs + 100'000, original, "169.254.0.7");
            expected.append(t.number);
        }
        checkOneCause(t, u"169.254.0.7"_s, u"reflection"_s, expected);
        const QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
        const BehaviourModel::Talker *origin = talkerOf(talkers, u"169.254.0.3"_s);
        QVERIFY(origin && origin->causes.isEmpty());
        QVERIFY(t.model.hostTalkers().at(0).causes.at(0).text.contains(u"5000 of another"_s));
    }

    void ownRepeatsAreALoop()
    {
        // One response sent again and again on one interface (nothing else fits): a loop.
        BehaviourTimeline t;
        QList<quint64> expected;
        const QByteArray same = response({ptr(u"_ipp._tcp.local"_s, u"L._ipp._tcp.local"_s)});
        for (qint64 ms = 0; ms < kFloodMs; ++ms) {
            quiet(t, ms);
            t.addNs(ms * kMs, same, "169.254.0.9");
            if (ms > 0)
                expected.append(t.number);
        }
        checkOneCause(t, u"169.254.0.9"_s, u"reflection"_s, expected);
        QCOMPARE(t.model.hostTalkers().at(0).rates.repeats, quint64(kFloodMs - 1));
    }

    void copiesPerFamilyAndInterface()
    {
        // alpha announces 500 different responses a second over IPv4 and the same bytes over
        // IPv6: 1,000 packets/s, half of them copies.
        BehaviourTimeline t;
        QList<quint64> expected;
        const QByteArray v6 = QByteArray::fromHex("fe800000000000000000000000000002");
        for (qint64 i = 0; i < kFloodMs / 2; ++i) {
            const QByteArray announce = response(
                {with(a(u"alpha.local"_s, 0xA9FE0002), 120, true),
                 with(aaaa(u"alpha.local"_s, v6), 120, true),
                 with(txt(u"A._http._tcp.local"_s, {"n=" + QByteArray::number(i)}), 4500, true)});
            t.addNs(i * 2 * kMs, announce, "169.254.0.2");
            t.addNs(i * 2 * kMs + 200'000, announce, "fe80::2");
            expected.append(t.number);
        }
        QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
        QCOMPARE(talkers.size(), 1);
        QCOMPARE(talkers.at(0).addresses.size(), 2);
        QCOMPARE(talkers.at(0).packetsPerSecond[0], 1000.0);
        QCOMPARE(talkers.at(0).copies, quint64(kFloodMs / 2));
        QVERIFY2(talkers.at(0).causes.size() == 1, qPrintable(describe(talkers.at(0).causes)));
        QCOMPARE(talkers.at(0).causes.at(0).kind, u"copies"_s);
        QCOMPARE(talkers.at(0).causes.at(0).packets.first, refsOf(expected).first);

        // The same address heard on two interfaces: copies, below the threshold no cause.
        BehaviourTimeline u;
        for (int i = 0; i < 10; ++i) {
            const QByteArray announce = response({with(a(u"b%1.local"_s.arg(i), 1), 120, true)});
            for (const char *iface : {"eth0", "wlan0"}) {
                Packet p = u.make(qint64(i) * 500 * kMs, announce, "169.254.0.8");
                p.interfaceName = QString::fromLatin1(iface);
                u.model.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields),
                            ++u.number);
            }
        }
        talkers = u.model.hostTalkers();
        QCOMPARE(talkers.at(0).copies, 10u);
        QVERIFY(talkers.at(0).causes.isEmpty());
    }

    void floodWithoutVisibleCause()
    {
        // 1,000 different questions a second, each asked once: above the threshold, but the
        // traffic shows no cause.
        BehaviourTimeline t;
        for (qint64 ms = 0; ms < kFloodMs; ++ms)
            t.addNs(ms * kMs, query(u"x%1.local"_s.arg(ms), DnsType::A), "169.254.0.9");
        const QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
        QCOMPARE(talkers.at(0).packetsPerSecond[0], 1000.0);
        QVERIFY2(talkers.at(0).causes.isEmpty(), qPrintable(describe(talkers.at(0).causes)));
    }

    void thresholdIsALimit()
    {
        // The same re-query flood judged with a threshold above its rate: no cause.
        BehaviourModel::Limits limits;
        limits.floodThreshold = 2000;
        BehaviourTimeline t(limits);
        for (qint64 ms = 0; ms < 2000; ++ms)
            t.addNs(ms * kMs, query(u"printer.local"_s, DnsType::A), "169.254.0.9");
        QVERIFY(t.model.hostTalkers().at(0).causes.isEmpty());
        QCOMPARE(t.model.floodCauses().evidence(0, FloodCauses::Kind::Requery).count, 1999u);
        // The user lowers it: the cause shows.
        t.model.setFloodThreshold(500);
        QCOMPARE(t.model.hostTalkers().at(0).causes.size(), 1);
        QCOMPARE(t.model.hostTalkers().at(0).causes.at(0).kind, u"requery"_s);
        // clear() forgets everything.
        t.model.clear();
        QCOMPARE(t.model.floodCauses().evidence(0, FloodCauses::Kind::Requery).count, 0u);
    }

    void inTheJson()
    {
        BehaviourTimeline t;
        for (qint64 ms = 0; ms < 2000; ++ms)
            t.addNs(ms * kMs, query(u"printer.local"_s, DnsType::A), "169.254.0.9");
        const QJsonObject json = BehaviourJson::talkers(t.model);
        const QJsonObject row = json[u"hosts"_s].toArray().at(0).toObject();
        QCOMPARE(row[u"sender"_s].toString(), u"169.254.0.9"_s);
        QCOMPARE(row[u"copies"_s].toInt(), 0);
        const QJsonArray causes = row[u"causes"_s].toArray();
        QCOMPARE(causes.size(), 1);
        const QJsonObject c = causes.at(0).toObject();
        QCOMPARE(c[u"kind"_s].toString(), u"requery"_s);
        QVERIFY(!c[u"text"_s].toString().isEmpty());
        const QJsonObject packets = c[u"packets"_s].toObject();
        QCOMPARE(packets[u"count"_s].toInt(), 1999);
        QJsonArray first;
        for (int n = 2; n <= 17; ++n)
            first.append(n);
        QCOMPARE(packets[u"first"_s].toArray(), first);
    }

    void kindNames()
    {
        for (int k = 0; k < FloodCauses::kKinds; ++k) {
            const auto kind = FloodCauses::Kind(k);
            QCOMPARE(FloodCauses::kindOf(FloodCauses::kindId(kind)), k);
            QVERIFY(!FloodCauses::kindTitle(kind, false).isEmpty());
        }
        QCOMPARE(FloodCauses::kindOf(u"nonsense"_s), -1);
    }
};

QTEST_GUILESS_MAIN(TestFloodCauses)
#include "tst_floodcauses.moc"
