#include "BehaviourJson.h"
#include "BehaviourTimeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// The top talkers on built timelines (TalkerTracker through BehaviourModel): a flood of 1,000
// packets/s from one sender ranks it first with the right rate in each window; a host's
// addresses count together; service types; repeated payloads; the share; bounded state.
class TestTalkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void floodRanksFirstWithRightRates()
    {
        BehaviourTimeline t;
        // 70 s: a flood of 1,000 packets/s of 60 bytes from .9, and a quiet sender at 10/s.
        for (qint64 ms = 0; ms < 70'000; ++ms) {
            // The payload differs every packet (the name), so no repeats.
            t.addNs(
                ms * 1'000'000 + 500'000,
                query(u"n%1._googlecast._tcp.local"_s.arg(ms, 5, 10, QLatin1Char('0')), DnsType::A),
                "169.254.0.9");
            if (ms % 100 == 0)
                t.addNs(ms * 1'000'000, query(u"quiet.local"_s, DnsType::A), "169.254.0.1");
        }
        const QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
        QCOMPARE(talkers.size(), 2);
        const BehaviourModel::Talker &top = talkers.at(0);
        QCOMPARE(top.label, u"169.254.0.9"_s);
        QCOMPARE(top.rates.packets, 70'000u);
        QCOMPARE(top.packetsPerSecond[0], 1000.0);
        QCOMPARE(top.packetsPerSecond[1], 1000.0);
        QCOMPARE(top.packetsPerSecond[2], 1000.0);
        QCOMPARE(top.rates.peakPackets, 1000u);
        QCOMPARE(top.rates.repeats, 0u);
        const quint64 size = quint64(query(u"n00000._googlecast._tcp.local"_s, DnsType::A).size());
        QCOMPARE(top.bytesPerSecond[1], 1000.0 * double(size));
        QCOMPARE(top.share, 70'000.0 / 70'700.0);
        const BehaviourModel::Talker &quiet = talkers.at(1);
        QCOMPARE(quiet.packetsPerSecond[1], 10.0);
        QCOMPARE(quiet.packetsPerSecond[2], 10.0);
        // Per service type: every flood packet names _googlecast._tcp.
        const QList<BehaviourModel::Talker> types = t.model.serviceTypeTalkers();
        QCOMPARE(types.size(), 1);
        QCOMPARE(types.at(0).label, u"_googlecast._tcp"_s);
        QCOMPARE(types.at(0).rates.packets, 70'000u);
        QCOMPARE(types.at(0).packetsPerSecond[0], 1000.0);
        // In the JSON.
        const QJsonObject json = BehaviourJson::talkers(t.model);
        QCOMPARE(json[u"packets"_s].toInt(), 70'700);
        const QJsonObject row = json[u"hosts"_s].toArray().at(0).toObject();
        QCOMPARE(row[u"sender"_s].toString(), u"169.254.0.9"_s);
        QCOMPARE(row[u"packets_per_second_1s"_s].toDouble(), 1000.0);
        QCOMPARE(row[u"packets_per_second_60s"_s].toDouble(), 1000.0);
        QCOMPARE(json[u"service_types"_s].toArray().at(0).toObject()[u"service_type"_s].toString(),
                 u"_googlecast._tcp"_s);
    }

    void windowsFollowTheFloodsEnd()
    {
        // 1,000/s for 5 s, then one packet/s from another sender for 20 s: the flood's 1 s and
        // 10 s rates fall to 0, its 60 s rate is 5,000 / 25 s (a capture younger than the
        // window is divided by the seconds it ran), and the quiet sender now ranks first.
        BehaviourTimeline t;
        for (qint64 ms = 0; ms < 5000; ++ms)
            t.addNs(ms * 1'000'000, query(u"x%1.local"_s.arg(ms), DnsType::A), "169.254.0.9");
        for (qint64 s = 5; s < 25; ++s)
            t.addNs(s * 1'000'000'000, query(u"y.local"_s, DnsType::A), "169.254.0.1");
        const QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
        QCOMPARE(talkers.at(0).label, u"169.254.0.1"_s);
        const BehaviourModel::Talker &flood = talkers.at(1);
        QCOMPARE(flood.packetsPerSecond[0], 0.0);
        QCOMPARE(flood.packetsPerSecond[1], 0.0);
        QCOMPARE(flood.packetsPerSecond[2], 5000.0 / 25.0);
        QCOMPARE(flood.rates.peakPackets, 1000u);
        QCOMPARE(talkers.at(0).packetsPerSecond[1], 1.0);
    }

    // Live, time moves on without packets (the window's tick): a sender that went quiet falls
    // to 0 packets/s over 1 s and 10 s, as the table shows it.
    void quietSenderFallsWithTime()
    {
        BehaviourTimeline t;
        for (qint64 ms = 0; ms < 2000; ms += 10)
            t.addNs(ms * 1'000'000, query(u"x%1.local"_s.arg(ms), DnsType::A), "169.254.0.9");
        QCOMPARE(t.model.hostTalkers().at(0).packetsPerSecond[0], 100.0);
        t.model.advanceTo(TestPackets::kStart + 3'500'000'000LL);
        QCOMPARE(t.model.hostTalkers().at(0).packetsPerSecond[0], 0.0);
        QVERIFY(t.model.hostTalkers().at(0).packetsPerSecond[1] < 100.0);
        t.model.advanceTo(TestPackets::kStart + 13'500'000'000LL);
        QCOMPARE(t.model.hostTalkers().at(0).packetsPerSecond[1], 0.0);
        QCOMPARE(t.model.hostTalkers().at(0).rates.packets, 200u); // the totals stay
        // Time never goes back.
        t.model.advanceTo(TestPackets::kStart);
        QCOMPARE(t.model.hostTalkers().at(0).packetsPerSecond[1], 0.0);
    }

    void hostAddressesTogether()
    {
        BehaviourTimeline t;
        const QByteArray both = response(
            {with(a(u"alpha.local"_s, 0xA9FE0002), 120, true),
             with(aaaa(u"alpha.local"_s, QByteArray::fromHex("fe800000000000000000000000000002")),
                  120, true)});
        t(0, both, "169.254.0.2");
        t(10, both, "fe80::2");
        t(20, query(u"z.local"_s, DnsType::A), "169.254.0.3");
        const QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
        QCOMPARE(talkers.size(), 2);
        QCOMPARE(talkers.at(0).rates.packets, 2u);
        QCOMPARE(talkers.at(0).hostName, u"alpha.local"_s);
        QCOMPARE(talkers.at(0).addresses.size(), 2);
        QCOMPARE(talkers.at(0).share, 2.0 / 3.0);
        // Different payloads per family? No: the same bytes from two addresses are not repeats
        // of one address.
        QCOMPARE(talkers.at(0).rates.repeats, 0u);
    }

    void repeatedPayloads()
    {
        BehaviourTimeline t;
        const QByteArray same = query(u"loop.local"_s, DnsType::A);
        t(0, same, "169.254.0.4");
        t(100, same, "169.254.0.4");  // a repeat within 1 s
        t(900, same, "169.254.0.4");  // and another
        t(2500, same, "169.254.0.4"); // 1.6 s later: not a repeat
        t(2600, query(u"other.local"_s, DnsType::A), "169.254.0.4");
        const QList<BehaviourModel::Talker> talkers = t.model.hostTalkers();
        QCOMPARE(talkers.at(0).rates.repeats, 2u);
        QCOMPARE(t.model.talkers().linkRepeats(), 2u);
    }

    void boundedState()
    {
        BehaviourModel::Limits limits;
        limits.maxAddresses = 10;
        limits.maxServiceTypes = 5;
        BehaviourTimeline t(limits);
        for (int i = 0; i < 100; ++i) {
            const QByteArray source = "10.0.0." + QByteArray::number(i + 1);
            t(i, query(u"_t%1._tcp.local"_s.arg(i), DnsType::PTR), source.constData());
        }
        QCOMPARE(t.model.hostTalkers().size(), 10);
        QCOMPARE(t.model.serviceTypeTalkers().size(), 5);
        QCOMPARE(t.model.talkers().untrackedPackets(), 90u);
        QCOMPARE(t.model.talkers().untrackedTypePackets(), 95u);
        QCOMPARE(t.model.talkers().link().packets, 100u);
    }
};

QTEST_GUILESS_MAIN(TestTalkers)
#include "tst_talkers.moc"
