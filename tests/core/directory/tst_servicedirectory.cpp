#include "DirectoryConsumer.h"
#include "DnsDecoder.h"
#include "MdnsBuilder.h"
#include "PacketPipeline.h"
#include "ServiceDirectory.h"
#include "ServicesJsonWriter.h"
#include "TestPackets.h"
#include "TxtRecord.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// ServiceDirectory on built traffic: each state and its timing (live, goodbye 1 s after the
// TTL 0, expired when the TTL runs out, known-answer-only), renames, cache-flush replacement
// after 1 s (and not before), shared PTRs, subtypes, the _services enumeration, addresses
// heard in another packet, the bound with eviction, change tracking, and one batch against
// many (the same directory). TXT edge cases in TxtRecord.
namespace {

constexpr qint64 kS = 1'000'000'000;
const QString kType = u"_ipp._tcp.local"_s;
const QString kPrinter = u"Office Printer._ipp._tcp.local"_s;
const QString kKey = u"office printer._ipp._tcp.local"_s;

Packet at(double seconds, const QByteArray &data, const char *source = "169.254.0.1")
{
    Packet p = TestPackets::packet(data, 0, source);
    p.timestampNs = TestPackets::kStart + qint64(seconds * double(kS));
    return p;
}

struct Feed
{
    ServiceDirectory dir;
    quint64 number = 0;
    Feed() = default;
    explicit Feed(const ServiceDirectory::Limits &limits)
        : dir(limits)
    {}
    void operator()(double seconds, const QByteArray &data, const char *source = "169.254.0.1")
    {
        const Packet p = at(seconds, data, source);
        dir.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), ++number);
    }
    void advance(double seconds) { dir.advanceTo(TestPackets::kStart + qint64(seconds * kS)); }
    ServiceInstance get(const QString &key = kKey) const { return dir.instance(key).value(); }
};

QByteArray announce(quint32 ttl = 120, const QString &instance = kPrinter,
                    const QString &host = u"printer.local"_s, quint16 port = 631)
{
    return response({with(ptr(kType, instance), ttl, false),
                     with(srv(instance, port, host), ttl, true),
                     with(txt(instance, {"txtvers=1", "rp=ipp/print"}), ttl, true)},
                    {with(a(host, 0xC0A80114), ttl, true)});
}

QList<InstanceEvent::Kind> kinds(const ServiceInstance &s)
{
    QList<InstanceEvent::Kind> out;
    for (const InstanceEvent &e : s.history)
        out.append(e.kind);
    return out;
}

} // namespace

class TestServiceDirectory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void live()
    {
        Feed f;
        f(0, announce());
        const ServiceInstance s = f.get();
        QCOMPARE(s.fullName, kPrinter);
        QCOMPARE(s.name, u"Office Printer"_s);
        QCOMPARE(s.type, u"_ipp._tcp"_s);
        QCOMPARE(s.domain, u"local"_s);
        QVERIFY(s.hasSrv);
        QCOMPARE(s.port, quint16(631));
        QCOMPARE(s.host, u"printer.local"_s);
        QCOMPARE(s.srvTtl, 120u);
        QCOMPARE(s.txt, (QList<QByteArray>{"txtvers=1", "rp=ipp/print"}));
        QCOMPARE(s.txtPairs.size(), 2);
        QCOMPARE(s.txtPairs.at(1).key, QByteArray("rp"));
        QCOMPARE(s.txtPairs.at(1).value, QByteArray("ipp/print"));
        QCOMPARE(s.addresses.size(), 1);
        QCOMPARE(s.addresses.at(0).address.toString(), u"192.168.1.20"_s);
        QCOMPARE(s.addresses.at(0).interfaceName, u"lo"_s);
        QCOMPARE(s.announcedBy, QList<IpAddress>{IpAddress::fromString(u"169.254.0.1"_s)});
        QCOMPARE(s.state, RecordState::Live);
        QCOMPARE(s.packets.first, QList<quint64>{1});
        QCOMPARE(s.remainingTtlNs(TestPackets::kStart + 20 * kS), 100 * kS);
        QCOMPARE(kinds(s), QList{InstanceEvent::Kind::Announced});
        f(60, announce());
        f(61, announce());
        QCOMPARE(f.get().packets.count, 3u);
        QCOMPARE(kinds(f.get()),
                 (QList{InstanceEvent::Kind::Announced, InstanceEvent::Kind::Refreshed}));
        QCOMPARE(f.get().history.at(1).count, 2u); // coalesced
        const ServiceHost host = f.dir.host(u"printer.local"_s).value();
        QCOMPARE(host.services, QStringList{kKey});
        QVERIFY(!host.conflict);
    }

    void goodbyeAfterOneSecond()
    {
        Feed f;
        f(0, announce());
        f(10, announce(0)); // RFC 6762 §10.1
        f.advance(10.999);
        QCOMPARE(f.get().state, RecordState::Live);
        f.advance(11);
        QCOMPARE(f.get().state, RecordState::Goodbye);
        QCOMPARE(f.get().goneNs, TestPackets::kStart + 10 * kS);
        QCOMPARE(kinds(f.get()),
                 (QList{InstanceEvent::Kind::Announced, InstanceEvent::Kind::Goodbye}));
        // A goodbye undone within the second (a re-announcement) leaves it live.
        Feed g;
        g(0, announce());
        g(10, announce(0));
        g(10.5, announce());
        g.advance(12);
        QCOMPARE(g.get().state, RecordState::Live);
        // The end of a file settles a pending goodbye.
        Feed h;
        h(0, announce());
        h(10, announce(0));
        h.dir.finish(TestPackets::kStart + 10 * kS);
        QCOMPARE(h.get().state, RecordState::Goodbye);
    }

    void expiredAfterTtl()
    {
        Feed f;
        f(0, announce(10));
        f.advance(9.999);
        QCOMPARE(f.get().state, RecordState::Live);
        f.advance(10);
        QCOMPARE(f.get().state, RecordState::Expired);
        QCOMPARE(f.get().goneNs, TestPackets::kStart + 10 * kS);
        QCOMPARE(kinds(f.get()).constLast(), InstanceEvent::Kind::Expired);
        // A packet after the TTL expires it as well (time moves with packets).
        Feed g;
        g(0, announce(10));
        g(30, response({a(u"other.local"_s, 1)}));
        QCOMPARE(g.get().state, RecordState::Expired);
    }

    void knownAnswerOnly()
    {
        Feed f;
        f(0, queryWithAnswers(kType, DnsType::PTR, {ptr(kType, kPrinter)}));
        QCOMPARE(f.get().state, RecordState::KnownAnswerOnly);
        QVERIFY(f.get().announcedBy.isEmpty());
        f.advance(5000); // hearsay does not expire into "expired"
        QCOMPARE(f.get().state, RecordState::KnownAnswerOnly);
        f(5001, announce());
        QCOMPARE(f.get().state, RecordState::Live);
        f(5002, queryWithAnswers(kType, DnsType::PTR, {ptr(kType, kPrinter)}));
        QCOMPARE(f.get().state, RecordState::Live);
    }

    void rename()
    {
        Feed f;
        f(0, announce());
        f(5, announce(0));
        const QString renamed = u"Office Printer (2)._ipp._tcp.local"_s;
        f(7, announce(120, renamed));
        const ServiceInstance now = f.get(u"office printer (2)._ipp._tcp.local"_s);
        QCOMPARE(now.previousNames, QStringList{kPrinter});
        QCOMPARE(kinds(now), (QList{InstanceEvent::Kind::Announced, InstanceEvent::Kind::Renamed}));
        const ServiceInstance before = f.get();
        QCOMPARE(before.renamedTo, renamed);
        QCOMPARE(before.history.constLast().kind, InstanceEvent::Kind::Renamed);
        QCOMPARE(before.history.constLast().otherName, renamed);
        // Another port is another service, not a rename.
        f(8, announce(120, u"Scanner._ipp._tcp.local"_s, u"printer.local"_s, 9100));
        QVERIFY(f.get(u"scanner._ipp._tcp.local"_s).previousNames.isEmpty());
        // A second name beside a live one on the same target and port is not a rename.
        f(9, announce(120, u"Copy._ipp._tcp.local"_s));
        QVERIFY(f.get(u"copy._ipp._tcp.local"_s).previousNames.isEmpty());
    }

    void cacheFlushAfterOneSecond()
    {
        Feed f;
        const QString host = u"printer.local"_s;
        f(0, announce());
        f(0.5, response({a(host, 0xC0A80115)})); // the same burst: accumulates
        QCOMPARE(f.get().addresses.size(), 2);
        f.advance(3); // what was heard within a second of a cache-flush record stays
        QCOMPARE(f.dir.host(host)->addresses.at(0).state, RecordState::Live);
        QCOMPARE(f.dir.host(host)->addresses.at(1).state, RecordState::Live);
        f(5, response({a(host, 0xC0A80116)}));
        f(5, response({a(host, 0xC0A80120)}, {}), "169.254.0.2"); // another sender: untouched
        f.advance(5.999);
        QCOMPARE(f.dir.host(host)->addresses.size(), 4);
        f.advance(6);
        const ServiceHost h = f.dir.host(host).value();
        QStringList live, replaced;
        for (const HostAddress &address : h.addresses)
            (address.state == RecordState::Replaced ? replaced : live)
                .append(address.address.toString());
        QCOMPARE(live, (QStringList{u"192.168.1.22"_s, u"192.168.1.32"_s}));
        QCOMPARE(replaced, (QStringList{u"192.168.1.20"_s, u"192.168.1.21"_s}));
        QCOMPARE(f.get().addresses.size(), 2);
        QVERIFY(h.conflict); // two senders on lo, different IPv4 addresses
        QCOMPARE(h.claimants.size(), 2);
    }

    void sharedPtrsAccumulate()
    {
        Feed f;
        f(0, response({ptr(u"_http._tcp.local"_s, u"A._http._tcp.local"_s)}));
        f(5, response({ptr(u"_http._tcp.local"_s, u"B._http._tcp.local"_s)}));
        f.advance(10);
        QCOMPARE(f.dir.instanceCount(), 2);
        QCOMPARE(f.get(u"a._http._tcp.local"_s).state, RecordState::Live);
        QCOMPARE(f.get(u"b._http._tcp.local"_s).state, RecordState::Live);
        QVERIFY(!f.get(u"a._http._tcp.local"_s).hasSrv);
    }

    void subtypesAndEnumeration()
    {
        Feed f;
        const QString web = u"Panel._http._tcp.local"_s;
        f(0, response({ptr(u"_printer._sub._http._tcp.local"_s, web),
                       ptr(u"_services._dns-sd._udp.local"_s, u"_ipp._tcp.local"_s),
                       ptr(u"b._dns-sd._udp.local"_s, u"local"_s)}));
        QCOMPARE(f.dir.instanceCount(), 1);
        QCOMPARE(f.get(u"panel._http._tcp.local"_s).subtypes, QStringList{u"_printer"_s});
        const QList<ServiceType> types = f.dir.serviceTypes();
        QCOMPARE(types.size(), 2);
        QCOMPARE(types.at(0).type, u"_http._tcp"_s);
        QCOMPARE(types.at(0).subtypes, QStringList{u"_printer"_s});
        QCOMPARE(types.at(1).type, u"_ipp._tcp"_s);
        QVERIFY(types.at(1).enumerated);
    }

    void txtPairs_data()
    {
        QTest::addColumn<QList<QByteArray>>("strings");
        QTest::addColumn<QString>("expected"); // key=value or key (boolean), '|' between
        QTest::newRow("empty TXT") << QList<QByteArray>{""} << u""_s;
        QTest::newRow("no =") << QList<QByteArray>{"paper"} << u"paper"_s;
        QTest::newRow("empty value") << QList<QByteArray>{"a="} << u"a="_s;
        QTest::newRow("first = splits") << QList<QByteArray>{"a=b=c"} << u"a=b=c"_s;
        QTest::newRow("duplicate: first wins") << QList<QByteArray>{"a=1", "A=2", "a"} << u"a=1"_s;
        QTest::newRow("=value ignored") << QList<QByteArray>{"=x", "b=2"} << u"b=2"_s;
        QTest::newRow("binary kept")
            << QList<QByteArray>{QByteArray("k=\x00\xff", 4)} << u"k=\\000\\255"_s;
    }
    void txtPairs()
    {
        QFETCH(QList<QByteArray>, strings);
        QFETCH(QString, expected);
        QStringList got;
        for (const TxtPair &p : TxtRecord::pairs(strings)) {
            QString value;
            for (const char c : p.value)
                value += (uchar(c) < 0x20 || uchar(c) > 0x7e)
                             ? u"\\%1"_s.arg(uint(uchar(c)), 3, 10, QChar(u'0'))
                             : QString(QLatin1Char(c));
            got.append(p.hasValue ? QString::fromLatin1(p.key) + u'=' + value
                                  : QString::fromLatin1(p.key));
        }
        QCOMPARE(got.join(u'|'), expected);
    }

    void emptyTxtIsOneEmptyString()
    {
        Feed f;
        f(0, response({txt(kPrinter, {""})}));
        QVERIFY(f.get().hasTxt);
        QCOMPARE(f.get().txt, QList<QByteArray>{""});
        QVERIFY(f.get().txtPairs.isEmpty());
    }

    void addressesFromAnotherPacket()
    {
        Feed f;
        f(0, response({ptr(kType, kPrinter), srv(kPrinter, 631, u"far.local"_s)}));
        QVERIFY(f.get().addresses.isEmpty());
        (void)f.dir.takeChanges();
        QByteArray v6(16, '\0');
        v6[0] = char(0xfe);
        v6[1] = char(0x80);
        v6[15] = 1;
        f(3, response({aaaa(u"far.local"_s, v6), a(u"far.local"_s, 0x0A000001)}), "169.254.0.9");
        const DirectoryChanges changes = f.dir.takeChanges();
        QCOMPARE(changes.instances.size(), 1); // the instance changed with its host's address
        QCOMPARE(changes.instances.at(0).key, kKey);
        QStringList addresses;
        for (const HostAddress &h : f.get().addresses)
            addresses.append(h.address.toString());
        QCOMPARE(addresses, (QStringList{u"10.0.0.1"_s, u"fe80::1"_s}));
    }

    void changesAreTaken()
    {
        Feed f;
        f(0, announce());
        DirectoryChanges c = f.dir.takeChanges();
        QCOMPARE(c.instances.size(), 1);
        QCOMPARE(c.hosts.size(), 1);
        QCOMPARE(c.types.size(), 1);
        QVERIFY(f.dir.takeChanges().isEmpty());
        f.advance(50);
        QVERIFY(!f.dir.hasChanges()); // time alone changes nothing before an expiry
        f.advance(4600);
        c = f.dir.takeChanges();
        QCOMPARE(c.instances.size(), 1);
        QCOMPARE(c.instances.at(0).state, RecordState::Expired);
        f.dir.clear();
        QVERIFY(f.dir.takeChanges().reset);
        QCOMPARE(f.dir.instanceCount(), 0);
    }

    void boundedWithEviction()
    {
        // The gone entry goes first, before older live ones: 11 instances over a limit of 10
        // evict two (a tenth more than needed): S3, gone at 10 s, and S0, live since 0 s.
        Feed small(ServiceDirectory::Limits{10, 100, 1000, 100});
        const auto name = [](int i) { return u"S%1._ipp._tcp.local"_s.arg(i); };
        const auto host = [](int i) { return u"h%1.local"_s.arg(i); };
        for (int i = 0; i < 5; ++i)
            small(i, announce(4500, name(i), host(i)));
        small(10, announce(0, name(3), host(3)));
        small.advance(12);
        for (int i = 5; i < 11; ++i)
            small(20 + i, announce(4500, name(i), host(i)));
        QCOMPARE(small.dir.instanceCount(), 9);
        QVERIFY(!small.dir.instance(u"s3._ipp._tcp.local"_s));
        QVERIFY(!small.dir.instance(u"s0._ipp._tcp.local"_s));
        QVERIFY(small.dir.instance(u"s1._ipp._tcp.local"_s));
        QCOMPARE(small.dir.evictedInstances(), 2u);

        // A flood of 100,000 distinct names stays within the default limits.
        Feed f;
        for (int i = 0; i < 100000; ++i)
            f(i * 0.001,
              response({ptr(u"_http._tcp.local"_s, u"Flood %1._http._tcp.local"_s.arg(i))}));
        const ServiceDirectory::Limits limits;
        QVERIFY(f.dir.instanceCount() <= limits.maxInstances);
        QVERIFY(f.dir.recordCount() <= limits.maxRecords);
        QVERIFY(f.dir.evictedInstances() >= quint64(100000 - limits.maxInstances));
        QCOMPARE(f.dir.evicted(), f.dir.evictedInstances() + f.dir.evictedRecords());
        QVERIFY(f.dir.instance(u"flood 99999._http._tcp.local"_s)); // the newest stay
        QVERIFY(!f.dir.instance(u"flood 0._http._tcp.local"_s));
        const DirectoryChanges c = f.dir.takeChanges();
        QCOMPARE(c.instances.size(), f.dir.instanceCount());
        QVERIFY(!c.removedInstances.isEmpty());
    }

    void oneBatchOrManyGiveTheSameDirectory()
    {
        PacketBatch packets;
        for (int i = 0; i < 60; ++i) {
            const QString name = u"Dev %1._ipp._tcp.local"_s.arg(i % 9);
            const QByteArray data = i % 7 == 3 ? announce(0, name)
                                    : i % 5 == 1
                                        ? queryWithAnswers(kType, DnsType::PTR, {ptr(kType, name)})
                                        : announce(i % 2 ? 30 : 120, name);
            packets.append(at(i * 2.5, data, i % 3 ? "169.254.0.1" : "169.254.0.2"));
        }
        const auto run = [&packets](qsizetype batch) {
            ServiceDirectory dir;
            DirectoryConsumer consumer(dir);
            PacketPipeline pipeline;
            pipeline.addConsumer(consumer);
            for (qsizetype i = 0; i < packets.size(); i += batch)
                pipeline.push(packets.mid(i, batch));
            pipeline.finish();
            QByteArray out;
            for (const ServiceInstance &s : dir.instances())
                ServicesJsonWriter::appendLine(out, s);
            return out;
        };
        const QByteArray whole = run(packets.size());
        QCOMPARE(whole.count('\n'), 9);
        QCOMPARE(run(1), whole);
        QCOMPARE(run(7), whole);
    }
};

QTEST_GUILESS_MAIN(TestServiceDirectory)
#include "tst_servicedirectory.moc"
