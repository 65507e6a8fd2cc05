#include "BehaviourConsumer.h"
#include "BehaviourModel.h"
#include "CaptureFileReader.h"
#include "CheckerConsumer.h"
#include "ConformanceChecker.h"
#include "DnsDecoder.h"
#include "MdnsBuilder.h"
#include "Packet.h"
#include "PacketPipeline.h"
#include "TestPackets.h"

#include <QFile>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// The behaviour model's events per host and record (EventLog through BehaviourModel) on built
// timelines: probe (with its gap), tie-break, announcement, answer, update, goodbye, expiry,
// rename, and the conformance checker's conflicts and findings with their rules; the bound on
// waiting events and on the state a flood of names leaves; takeChanges() and clear(). And
// HostGroups on nfstream__mdns.pcap: a multi-homed host (skynet.local on four links) is one
// host, so its own copies are not counted as answers to its probes.
namespace {

const QString kHost = u"alpha.local"_s;
const QString kInstance = u"Alpha._ipp._tcp.local"_s;
constexpr quint32 kA1 = 0xA9FE0001; // 169.254.0.1
constexpr quint32 kA2 = 0xA9FE0002; // 169.254.0.2
constexpr const char *kH1 = "169.254.0.1";
constexpr const char *kH2 = "169.254.0.2";
constexpr const char *kQuerier = "169.254.0.9";
constexpr qint64 kMs = 1'000'000;

qint64 at(qint64 ms)
{
    return TestPackets::kStart + ms * kMs;
}

// One timeline through the checker (first, as the pipeline orders them) and the model.
struct Run
{
    ConformanceChecker checker;
    BehaviourModel model;
    bool useChecker = true;
    quint64 number = 0;

    Run() = default;
    explicit Run(const BehaviourModel::Limits &limits)
        : model(limits)
    {}

    const ConformanceChecker *check() const { return useChecker ? &checker : nullptr; }
    quint64 operator()(qint64 ms, const QByteArray &data, const char *source = kH1)
    {
        Packet p = TestPackets::packet(data, 0, source);
        p.timestampNs = at(ms);
        const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
        ++number;
        if (useChecker)
            checker.add(p, m, number);
        model.add(p, m, number, check());
        return number;
    }
    void advance(qint64 ms)
    {
        if (useChecker)
            checker.advanceTo(at(ms));
        model.advanceTo(at(ms), check());
    }
    QList<BehaviourEvent> take() { return model.takeChanges().events; }
    qint32 lane(const char *address) const
    {
        const qsizetype i = model.hosts().find(IpAddress::fromString(QString::fromLatin1(address)));
        return i < 0 ? -1 : qint32(model.hosts().group(i));
    }
};

QList<BehaviourEvent> ofKind(const QList<BehaviourEvent> &events, EventKind kind)
{
    QList<BehaviourEvent> out;
    for (const BehaviourEvent &e : events) {
        if (e.kind == kind)
            out.append(e);
    }
    return out;
}

QString dump(const QList<BehaviourEvent> &events)
{
    QString out;
    for (const BehaviourEvent &e : events) {
        out += u"\n  "_s + BehaviourEvents::kindId(e.kind) + u" t="_s +
               QString::number((e.timeNs - TestPackets::kStart) / kMs) + u"ms #"_s +
               QString::number(e.packet) + u" host="_s + QString::number(e.host) + u" "_s + e.name +
               u" type="_s + QString::number(e.type) + u" gap="_s + QString::number(e.gapNs) +
               u" rule="_s + QString::number(e.rule) + u" "_s + e.detail;
    }
    return out;
}

QByteArray hostOnly(const QString &host, quint32 address, quint32 ttl = 120)
{
    return response({with(a(host, address), ttl, true)});
}

} // namespace

class TestBehaviourEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A hostile capture's times (the 64-bit limit, a pcapng offset far into the past) with the
    // longest TTLs: the model runs on its clamped clock, so no sum or difference overflows
    // (UBSan in CI), and every event and the model's time lie within it.
    void hostileTimesAreClamped()
    {
        using namespace MdnsBuilder;
        BehaviourModel model;
        const qint64 times[] = {std::numeric_limits<qint64>::max(), -9'000'000'000'000'000'000LL, 0,
                                std::numeric_limits<qint64>::max() - 1, 1};
        quint64 number = 0;
        for (const qint64 t : times) {
            for (const QByteArray &data :
                 {response({with(a(u"h.local"_s, 0xA9FE0001), 0xFFFFFFFFu, true)}),
                  query(u"h.local"_s, DnsType::A),
                  response({with(a(u"h.local"_s, 0xA9FE0002), 0xFFFFFFFFu, true)})}) {
                Packet p = TestPackets::packet(data, 0, "169.254.0.1");
                p.timestampNs = t;
                model.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), ++number);
            }
        }
        model.advanceTo(std::numeric_limits<qint64>::max());
        model.finish();
        const BehaviourChanges changes = model.takeChanges();
        QCOMPARE(changes.nowNs, BehaviourTime::kMaxTimeNs);
        QVERIFY(!changes.events.isEmpty());
        for (const BehaviourEvent &e : changes.events)
            QVERIFY2(e.timeNs >= 0 && e.timeNs <= BehaviourTime::kMaxTimeNs,
                     qPrintable(QString::number(e.timeNs)));
        QVERIFY(changes.captureStartNs >= 0 && changes.captureStartNs <= BehaviourTime::kMaxTimeNs);
    }

    void probeAnnounceGoodbyeSequence()
    {
        Run t;
        t.useChecker = false;
        for (int i = 0; i < 3; ++i)
            t(250 * i, probe({a(kHost, kA1)}));
        t(750, hostOnly(kHost, kA1));
        t(1750, hostOnly(kHost, kA1));
        t(5000, hostOnly(kHost, kA1, 0));
        const QList<BehaviourEvent> e = t.take();
        const auto info = qPrintable(dump(e));
        QCOMPARE(e.size(), 6);
        const EventKind kinds[] = {EventKind::Probe,        EventKind::Probe,
                                   EventKind::Probe,        EventKind::Announcement,
                                   EventKind::Announcement, EventKind::Goodbye};
        const qint64 times[] = {0, 250, 500, 750, 1750, 5000};
        const qint64 gaps[] = {-1, 250 * kMs, 250 * kMs, -1, -1, -1};
        const qint32 lane = t.lane(kH1);
        QVERIFY(lane >= 0);
        for (int i = 0; i < 6; ++i) {
            QVERIFY2(e[i].kind == kinds[i], info);
            QCOMPARE(e[i].timeNs, at(times[i]));
            QCOMPARE(e[i].gapNs, gaps[i]);
            QCOMPARE(e[i].packet, quint64(i + 1));
            QCOMPARE(e[i].host, lane);
            QCOMPARE(e[i].name, kHost);
            QCOMPARE(e[i].type, quint16(DnsType::A));
            QCOMPARE(e[i].rule, qint16(-1));
        }
        // Handed out once.
        QVERIFY(t.take().isEmpty());
        // No expiry after the goodbye.
        t.advance(600'000);
        QVERIFY2(t.take().isEmpty(), info);
    }

    void tieBreakBetweenTwoHosts()
    {
        Run t;
        t.useChecker = false;
        t(1000, probe({a(kHost, kA1)}), kH1);
        t(1050, probe({a(kHost, kA2)}), kH2);
        t(1250, probe({a(kHost, kA1)}), kH1);
        t(1300, probe({a(kHost, kA2)}), kH2);
        const QList<BehaviourEvent> e = t.take();
        const QList<BehaviourEvent> ties = ofKind(e, EventKind::TieBreak);
        QVERIFY2(ties.size() == 2, qPrintable(dump(e))); // once per round, one on each lane
        QCOMPARE(ties[0].timeNs, at(1050));
        QCOMPARE(ties[1].timeNs, at(1050));
        QCOMPARE(ties[0].packet, 2u);
        QCOMPARE(ties[0].host, t.lane(kH2));
        QCOMPARE(ties[1].host, t.lane(kH1));
        QVERIFY(t.lane(kH1) != t.lane(kH2));
        QCOMPARE(ties[0].name, kHost);
        QCOMPARE(ties[0].detail, u"with 169.254.0.1"_s);
        // Each host's probes keep their own gaps.
        const QList<BehaviourEvent> probes = ofKind(e, EventKind::Probe);
        QCOMPARE(probes.size(), 4);
        QCOMPARE(probes[2].gapNs, 250 * kMs);
        QCOMPARE(probes[3].gapNs, 250 * kMs);

        // Probes two seconds apart are no tie-break.
        Run apart;
        apart(1000, probe({a(kHost, kA1)}), kH1);
        apart(3000, probe({a(kHost, kA2)}), kH2);
        QVERIFY(ofKind(apart.take(), EventKind::TieBreak).isEmpty());
    }

    void answerAndAnnouncement()
    {
        Run t;
        t.useChecker = false;
        t(0, query(u"_ipp._tcp.local"_s, DnsType::PTR), kQuerier);
        t(30, response({ptr(u"_ipp._tcp.local"_s, kInstance)}), kH1);
        // Unsolicited, and the querier's question is over a second old.
        t(1200, response({ptr(u"_ipp._tcp.local"_s, kInstance)}), kH1);
        // A question of the responder itself is not answered by its own response.
        t(2000, query(u"_ipp._tcp.local"_s, DnsType::PTR), kH1);
        t(2010, response({ptr(u"_ipp._tcp.local"_s, kInstance)}), kH1);
        const QList<BehaviourEvent> e = t.take();
        QVERIFY2(e.size() == 3, qPrintable(dump(e)));
        QVERIFY(e[0].kind == EventKind::Answer);
        QCOMPARE(e[0].timeNs, at(30));
        QCOMPARE(e[0].name, u"_ipp._tcp.local"_s);
        QCOMPARE(e[0].type, quint16(DnsType::PTR));
        QVERIFY(e[1].kind == EventKind::Announcement);
        QVERIFY(e[2].kind == EventKind::Announcement);
    }

    void updateWhenUniqueRdataChanges()
    {
        Run t;
        t.useChecker = false;
        t(0, hostOnly(kHost, kA1));
        t(1000, hostOnly(kHost, kA1));
        t(2000, hostOnly(kHost, 0x0A000001));
        // A shared record's new rdata is no update (another instance, not a change).
        t(3000, response({ptr(u"_ipp._tcp.local"_s, kInstance)}));
        t(4000, response({ptr(u"_ipp._tcp.local"_s, u"Beta._ipp._tcp.local"_s)}));
        // Another sender's different rdata is no update of the first's record.
        t(5000, hostOnly(kHost, kA2), kH2);
        const QList<BehaviourEvent> e = t.take();
        const QList<BehaviourEvent> updates = ofKind(e, EventKind::Update);
        QVERIFY2(updates.size() == 1, qPrintable(dump(e)));
        QCOMPARE(updates[0].timeNs, at(2000));
        QCOMPARE(updates[0].packet, 3u);
        QCOMPARE(updates[0].name, kHost);
        QCOMPARE(updates[0].type, quint16(DnsType::A));
        QCOMPARE(updates[0].host, t.lane(kH1));
    }

    void expiryAfterTtl()
    {
        Run t;
        t.useChecker = false;
        t(0, hostOnly(kHost, kA1, 2));
        t.advance(1000);
        QVERIFY(ofKind(t.take(), EventKind::Expiry).isEmpty());
        t.advance(3500);
        QList<BehaviourEvent> e = ofKind(t.take(), EventKind::Expiry);
        QCOMPARE(e.size(), 1);
        QCOMPARE(e[0].timeNs, at(2000)); // when its TTL ran out
        QCOMPARE(e[0].packet, 0u);
        QCOMPARE(e[0].name, kHost);
        QCOMPARE(e[0].type, quint16(DnsType::A));
        QCOMPARE(e[0].host, t.lane(kH1));
        t.advance(10'000);
        QVERIFY(t.take().isEmpty()); // once

        // A refresh moves it on; a goodbye ends it.
        Run r;
        r.useChecker = false;
        r(0, hostOnly(kHost, kA1, 2));
        r(1500, hostOnly(kHost, kA1, 2));
        r(1600, hostOnly(u"beta.local"_s, kA1, 2));
        r(1700, hostOnly(u"beta.local"_s, kA1, 0));
        r.advance(3000);
        QVERIFY(ofKind(r.take(), EventKind::Expiry).isEmpty());
        r.advance(4000);
        e = ofKind(r.take(), EventKind::Expiry);
        QVERIFY2(e.size() == 1, qPrintable(dump(e)));
        QCOMPARE(e[0].timeNs, at(3500));
        QCOMPARE(e[0].name, kHost);
        // Packet time alone (a file) sweeps too.
        r(20'000, hostOnly(u"gamma.local"_s, kA1, 2));
        r(30'000, query(u"x.local"_s, DnsType::A), kQuerier);
        e = ofKind(r.take(), EventKind::Expiry);
        QCOMPARE(e.size(), 1);
        QCOMPARE(e[0].timeNs, at(22'000));
    }

    void conflictFromTheCheckerThenRename()
    {
        Run t;
        const quint64 holder = t(0, hostOnly(kHost, kA1), kH1);
        const quint64 newcomer = t(2000, hostOnly(kHost, kA2), kH2);
        QList<BehaviourEvent> e = t.take();
        const QList<BehaviourEvent> conflicts = ofKind(e, EventKind::Conflict);
        QVERIFY2(conflicts.size() == 2, qPrintable(dump(e)));
        QCOMPARE(conflicts[0].host, t.lane(kH2)); // the newcomer
        QCOMPARE(conflicts[0].packet, newcomer);
        QCOMPARE(conflicts[0].timeNs, at(2000));
        QCOMPARE(conflicts[0].rule, qint16(Rule::Conflict));
        QCOMPARE(conflicts[0].name, kHost);
        QCOMPARE(conflicts[0].detail, u"conflict with 169.254.0.1"_s);
        QCOMPARE(conflicts[1].host, t.lane(kH1)); // the holder
        QCOMPARE(conflicts[1].packet, holder);
        QCOMPARE(conflicts[1].rule, qint16(Rule::Conflict));
        // The newcomer's announcement carries the rule of the finding on its packet.
        const QList<BehaviourEvent> announcements = ofKind(e, EventKind::Announcement);
        QCOMPARE(announcements.size(), 2);
        QCOMPARE(announcements[0].rule, qint16(-1));
        QCOMPARE(announcements[1].rule, qint16(Rule::Conflict));
        // Over a minute later, the loser probes for a renamed variant: after the conflict,
        // still a rename.
        t(70'000, probe({a(u"alpha-2.local"_s, kA2)}), kH2);
        e = t.take();
        const QList<BehaviourEvent> renames = ofKind(e, EventKind::Rename);
        QVERIFY2(renames.size() == 1, qPrintable(dump(e)));
        QCOMPARE(renames[0].host, t.lane(kH2));
        QCOMPARE(renames[0].name, kHost);
        QCOMPARE(renames[0].detail, u"renamed to alpha-2.local"_s);
        QCOMPARE(renames[0].timeNs, at(70'000));
        QCOMPARE(renames[0].packet, t.number);
    }

    void renameWithinAShortTime()
    {
        Run t;
        t.useChecker = false;
        const QString printer = u"Printer._ipp._tcp.local"_s;
        t(0, probe({srv(printer, 631, kHost)}));
        t(3000, probe({srv(u"Printer #2._ipp._tcp.local"_s, 631, kHost)}));
        t(4000, probe({srv(u"Printer (3)._ipp._tcp.local"_s, 631, kHost)}));
        QList<BehaviourEvent> e = ofKind(t.take(), EventKind::Rename);
        QVERIFY2(e.size() == 2, qPrintable(dump(e)));
        QCOMPARE(e[0].name, printer);
        QCOMPARE(e[0].detail, u"renamed to Printer #2._ipp._tcp.local"_s);
        QCOMPARE(e[1].detail, u"renamed to Printer (3)._ipp._tcp.local"_s);

        // Long after, with no conflict, a suffixed name is just another name; nor is
        // another host's suffixed name this host's rename.
        Run late;
        late.useChecker = false;
        late(0, probe({a(kHost, kA1)}), kH1);
        late(120'000, probe({a(u"alpha-2.local"_s, kA1)}), kH1);
        late(120'500, probe({a(u"alpha-3.local"_s, kA2)}), kH2);
        QVERIFY(ofKind(late.take(), EventKind::Rename).isEmpty());
    }

    // A probe that meets a holder is a conflict only once the prober shows it lost (3 s
    // later): the event has the finding's own time and packet, not the time it was settled.
    void probeConflictSettledLater()
    {
        Run t;
        t(0, hostOnly(kHost, kA1), kH1);
        const quint64 probePacket = t(2000, probe({a(kHost, kA2)}), kH2);
        t(2010, hostOnly(kHost, kA1), kH1); // the defence
        QVERIFY(ofKind(t.take(), EventKind::Conflict).isEmpty());
        t.advance(5000);
        const QList<BehaviourEvent> e = t.take();
        const QList<BehaviourEvent> conflicts = ofKind(e, EventKind::Conflict);
        QVERIFY2(!conflicts.isEmpty(), qPrintable(dump(e)));
        QCOMPARE(conflicts[0].timeNs, at(2000));
        QCOMPARE(conflicts[0].packet, probePacket);
        QCOMPARE(conflicts[0].host, t.lane(kH2));
        QCOMPARE(conflicts[0].rule, qint16(Rule::Conflict));
        // Only new findings become events.
        t.advance(9000);
        QVERIFY(ofKind(t.take(), EventKind::Conflict).isEmpty());
    }

    void otherFindingsAreFindingEvents()
    {
        Run t;
        // A response with a non-zero ID (RFC 6762 §18.1).
        QByteArray withId = hostOnly(kHost, kA1);
        withId[1] = 7;
        const quint64 n = t(0, withId, kH1);
        const QList<BehaviourEvent> e = t.take();
        const QList<BehaviourEvent> findings = ofKind(e, EventKind::Finding);
        QVERIFY2(!findings.isEmpty(), qPrintable(dump(e)));
        QVERIFY(std::any_of(findings.cbegin(), findings.cend(), [&](const BehaviourEvent &f) {
            return f.rule == qint16(Rule::ResponseId) && f.packet == n &&
                   f.detail == u"response-id"_s && f.host == t.lane(kH1);
        }));
        QVERIFY(ofKind(e, EventKind::Announcement).value(0).rule >= 0);
    }

    void boundedEventsAndState()
    {
        BehaviourModel::Limits limits;
        limits.events.maxEvents = 100;
        limits.events.maxTracked = 1000;
        Run t(limits);
        t.useChecker = false;
        for (int i = 0; i < 300; ++i)
            t(i, hostOnly(u"n%1.local"_s.arg(i), kA1));
        BehaviourChanges c = t.model.takeChanges();
        QCOMPARE(c.events.size(), 100);
        QCOMPARE(c.droppedEvents, 200u);
        QCOMPARE(c.events.last().name, u"n99.local"_s);
        // Taking them makes room again; the count of drops stays.
        t(400, hostOnly(kHost, kA1));
        c = t.model.takeChanges();
        QCOMPARE(c.events.size(), 1);
        QCOMPARE(c.droppedEvents, 200u);

        // A flood of random names (probes and announcements, from many addresses): the state
        // stays within the bound.
        for (int i = 0; i < 20'000; ++i) {
            const QString name = u"r%1-%2.local"_s.arg(i).arg(quint32(i) * 2654435761u, 0, 16);
            const QByteArray source = "10.0." + QByteArray::number((i / 250) % 250) + '.' +
                                      QByteArray::number(i % 250 + 1);
            t(1000 + i, i % 2 ? probe({a(name, kA1)}) : hostOnly(name, kA1), source.constData());
        }
        QVERIFY2(t.model.events().tracked() <= 1000,
                 qPrintable(QString::number(t.model.events().tracked())));
        QVERIFY(t.model.events().tracked() > 0);
    }

    void takeChangesOnceAndClear()
    {
        Run t;
        t.useChecker = false;
        t(0, hostOnly(kHost, kA1));
        BehaviourChanges c = t.model.takeChanges();
        QVERIFY(c.reset);
        QCOMPARE(c.events.size(), 1);
        QVERIFY(!t.model.hasChanges());
        QVERIFY(t.model.takeChanges().events.isEmpty());
        t(10, hostOnly(kHost, kA1, 0));
        QVERIFY(t.model.hasChanges());
        t.model.clear();
        c = t.model.takeChanges();
        QVERIFY(c.reset);
        QVERIFY(c.events.isEmpty());
        QCOMPARE(c.droppedEvents, 0u);
        // After clear(), the same name starts afresh: no gap to the old probe.
        t(20, probe({a(kHost, kA1)}));
        c = t.model.takeChanges();
        QCOMPARE(c.events.size(), 1);
        QCOMPARE(c.events[0].gapNs, -1);
    }

    // MultiHomed's rule in HostGroups: copies that each give their own address for one host
    // name, of one kind, within 10 ms are one host; otherwise two.
    void multiHomedCopiesAreOneHost()
    {
        Run t;
        t.useChecker = false;
        t(0, hostOnly(kHost, kA1), kH1);
        t(4, hostOnly(kHost, kA2), kH2);
        QCOMPARE(t.lane(kH1), t.lane(kH2));
        // The copy is no second announcement.
        QCOMPARE(ofKind(t.take(), EventKind::Announcement).size(), 1);

        Run apart;
        apart.useChecker = false;
        apart(0, hostOnly(kHost, kA1), kH1);
        apart(30, hostOnly(kHost, kA2), kH2);
        QVERIFY(apart.lane(kH1) != apart.lane(kH2));

        Run kinds; // a probe and a defence are not copies
        kinds.useChecker = false;
        kinds(0, probe({a(kHost, kA1)}), kH1);
        kinds(3, hostOnly(kHost, kA2), kH2);
        QVERIFY(kinds.lane(kH1) != kinds.lane(kH2));

        Run other; // copies for another host name are not copies
        other.useChecker = false;
        other(0, hostOnly(kHost, kA1), kH1);
        other(3, hostOnly(u"beta.local"_s, kA2), kH2);
        QVERIFY(other.lane(kH1) != other.lane(kH2));
    }

    // nfstream__mdns.pcap: skynet.local, an avahi on four links, sends each packet on each
    // (IPv4 and IPv6), giving in each copy only that link's addresses. HostGroups joins them
    // by MultiHomed's rule (as the checker does), so its own copies do not answer its probes.
    void multiHomedHostIsOneHostOnNfstream()
    {
        const QString path =
            QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
        if (!QFile::exists(path))
            QSKIP("../shared/corpus/nfstream__mdns.pcap is not there");
        const CaptureFileResult read = CaptureFileReader::readFile(path);
        QVERIFY(!read.packets.isEmpty());
        ConformanceChecker checker;
        CheckerConsumer checks(checker);
        BehaviourModel model;
        BehaviourConsumer consumer(model, &checker);
        PacketPipeline pipeline;
        pipeline.addConsumer(checks);
        pipeline.addConsumer(consumer);
        QVERIFY(pipeline.push(read.packets) && pipeline.finish());

        const QStringList skynet = {u"172.16.80.1"_s,
                                    u"172.16.81.1"_s,
                                    u"10.10.2.1"_s,
                                    u"65.182.57.50"_s,
                                    u"fe80::1883:edff:fee7:7ad5"_s,
                                    u"fe80::e084:2eff:feff:ef18"_s,
                                    u"fe80::21a:efff:fe17:c305"_s,
                                    u"fe80::225:22ff:febc:b100"_s};
        const HostGroups &hosts = model.hosts();
        const qsizetype first = hosts.find(IpAddress::fromString(skynet[0]));
        QVERIFY(first >= 0);
        const qsizetype group = hosts.group(first);
        for (const QString &address : skynet) {
            const qsizetype i = hosts.find(IpAddress::fromString(address));
            QVERIFY2(i >= 0 && hosts.group(i) == group, qPrintable(address));
        }
        QCOMPARE(hosts.hostName(group), u"skynet.local"_s);
        QCOMPARE(hosts.addressesOf(group).size(), skynet.size());

        // No responder answered a probe of skynet's: the only "answers" were its own copies.
        const LatencyTracker::Stats overall = model.overall();
        const quint64 probeAnswers = overall.of(LatencyTracker::Kind::Probe).answered();
        qInfo("probe answers on nfstream: %llu", static_cast<unsigned long long>(probeAnswers));
        QCOMPARE(probeAnswers, 0u);
        // One lane: each of its probes is one event, not one per link.
        const QList<BehaviourEvent> events = model.takeChanges().events;
        const QList<BehaviourEvent> probes = ofKind(events, EventKind::Probe);
        const QList<BehaviourEvent> updates = ofKind(events, EventKind::Update);
        qInfo("nfstream events: %lld (probes %lld, updates %lld, conflicts %lld)",
              static_cast<long long>(events.size()), static_cast<long long>(probes.size()),
              static_cast<long long>(updates.size()),
              static_cast<long long>(ofKind(events, EventKind::Conflict).size()));
        // Its per-interface copies give different addresses: not updates of its records (an
        // iPad that gains addresses is one: packets 255 -> 261).
        int skynetProbes = 0;
        for (const BehaviourEvent &p : probes) {
            if (p.host != qint32(group))
                continue;
            ++skynetProbes;
            QVERIFY2(p.gapNs < 0 || p.gapNs > 100 * kMs, qPrintable(dump({p})));
        }
        QVERIFY(skynetProbes > 0);
        for (const BehaviourEvent &u : updates)
            QVERIFY2(u.host != qint32(group), qPrintable(dump(updates)));
        QVERIFY(std::any_of(updates.cbegin(), updates.cend(), [](const BehaviourEvent &u) {
            return u.packet == 261 && u.name == u"Thien-Huynhs-iPad.local"_s;
        }));
    }
};

QTEST_GUILESS_MAIN(TestBehaviourEvents)
#include "tst_behaviourevents.moc"
