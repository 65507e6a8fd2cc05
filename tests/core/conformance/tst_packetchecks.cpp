#include "ConformanceChecker.h"
#include "DnsDecoder.h"
#include "DnsWireBuilder.h"
#include "MdnsBuilder.h"
#include "TestPackets.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// The rules judged on one packet (PacketChecks through ConformanceChecker): each fires on a
// built packet with the right severity, name, packets and field (the byte span it concerns,
// taken from the builder, never from the decoder), and its conforming twin stays silent;
// repeats are one finding with a count.
namespace {

const QString kInstance = u"Office Printer._ipp._tcp.local"_s;
const QString kHost = u"printer.local"_s;

constexpr quint16 kQuery = 0x0000;
constexpr quint16 kResponse = 0x8400; // QR, AA
constexpr quint16 kTypeA = 1, kTypePtr = 12, kTypeHinfo = 13, kTypeTxt = 16, kTypeAaaa = 28,
                  kTypeSrv = 33, kTypeNsec = 47, kTypeAny = 255;

QByteArray announce(quint32 ttl = 120)
{
    return response({with(ptr(u"_ipp._tcp.local"_s, kInstance), 4500, false),
                     with(srv(kInstance, 631, kHost), ttl, true),
                     with(txt(kInstance, {"txtvers=1"}), 4500, true)},
                    {with(a(kHost, 0xA9FE0001), ttl, true)});
}

QByteArray withId(QByteArray m, quint16 id)
{
    m[0] = char(id >> 8);
    m[1] = char(id & 0xFF);
    return m;
}

QByteArray nameBytes(const QByteArray &dotted)
{
    DnsWireBuilder b;
    b.name(dotted);
    return b.bytes();
}

// A message written field by field, keeping where each field went (the expected spans).
class Wire
{
public:
    struct Rec
    {
        ByteSpan span, name, cls, ttl, rdlength, rdata;
    };

    Wire(quint16 flags, quint16 qd, quint16 an, quint16 ns = 0, quint16 ar = 0, quint16 id = 0)
    {
        m_b.header(id, flags, qd, an, ns, ar);
    }
    ByteSpan question(const QByteArray &name, quint16 type, quint16 qclass = 1)
    {
        const quint32 start = m_b.pos();
        m_b.question(name, type, qclass);
        return {start, m_b.pos() - start};
    }
    Rec record(const QByteArray &name, quint16 type, bool cacheFlush, quint32 ttl,
               const QByteArray &rdata)
    {
        Rec r;
        const quint32 start = m_b.pos();
        m_b.name(name);
        r.name = {start, m_b.pos() - start};
        m_b.u16(type);
        r.cls = {m_b.pos(), 2};
        m_b.u16(quint16(0x0001 | (cacheFlush ? 0x8000 : 0)));
        r.ttl = {m_b.pos(), 4};
        m_b.u32(ttl);
        r.rdlength = {m_b.pos(), 2};
        m_b.u16(quint16(rdata.size()));
        r.rdata = {m_b.pos(), quint32(rdata.size())};
        m_b.raw(rdata);
        r.span = {start, m_b.pos() - start};
        return r;
    }
    const QByteArray &bytes() const { return m_b.bytes(); }

private:
    DnsWireBuilder m_b;
};

const QByteArray kA = QByteArray::fromHex("a9fe0001");

struct Check
{
    ConformanceChecker checker;
    quint64 number = 0;

    void add(Packet p)
    {
        checker.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), ++number);
    }
    void operator()(const QByteArray &data, const char *source = "169.254.0.1", int ttl = 255,
                    quint16 sourcePort = 5353)
    {
        Packet p = TestPackets::packet(data, int(number), source, ttl);
        p.sourcePort = sourcePort;
        add(std::move(p));
    }
    // A unicast datagram to `destination`:`port`.
    void unicast(const QByteArray &data, quint16 destinationPort = 5353, quint16 sourcePort = 5353)
    {
        Packet p = TestPackets::packet(data, int(number), "169.254.0.1", 255);
        p.destination = IpAddress::fromString(u"169.254.0.2"_s);
        p.destinationPort = destinationPort;
        p.sourcePort = sourcePort;
        add(std::move(p));
    }
    // Over IPv6 from fe80::1 to ff02::fb.
    void v6(const QByteArray &data, int hopLimit = 255)
    {
        Packet p = TestPackets::packet(data, int(number), "fe80::1", hopLimit);
        p.destination = IpAddress::fromString(u"ff02::fb"_s);
        add(std::move(p));
    }
    // The findings of the rules PacketChecks judges (the stateful modules also see these
    // packets: a goodbye, a record repeated within 1 s; tst_sequencechecks and
    // tst_ratechecks test those).
    QList<Finding> findings() const
    {
        static const QList<Rule> perPacket{Rule::ResponseId,
                                           Rule::QueryId,
                                           Rule::Opcode,
                                           Rule::Rcode,
                                           Rule::ResponseAa,
                                           Rule::ResponseTc,
                                           Rule::ResponseQuestions,
                                           Rule::ResponseSourcePort,
                                           Rule::LegacyQuery,
                                           Rule::IpTtl,
                                           Rule::MessageSize,
                                           Rule::CacheFlushShared,
                                           Rule::CacheFlushKnownAnswer,
                                           Rule::UniqueWithoutCacheFlush,
                                           Rule::TtlRecommended,
                                           Rule::TxtEmpty,
                                           Rule::TxtKey,
                                           Rule::ServiceName,
                                           Rule::InstanceLabel,
                                           Rule::Malformed,
                                           Rule::DuplicateRecord};
        QList<Finding> out;
        for (const Finding &f : checker.findings()) {
            if (perPacket.contains(f.rule))
                out.append(f);
        }
        return out;
    }
    QList<Finding> of(Rule rule) const
    {
        QList<Finding> out;
        for (const Finding &f : findings()) {
            if (f.rule == rule)
                out.append(f);
        }
        return out;
    }
    QString all() const
    {
        QStringList lines;
        for (const Finding &f : findings())
            lines.append(QString::fromLatin1(f.info().id) + u": "_s + f.messageText(false));
        return lines.join(u"; "_s);
    }
};

// The one finding of `rule` with everything it must say; `message` empty: not compared.
void expectOne(const Check &c, Rule rule, Severity severity, const QString &name,
               const QList<quint64> &packets, ByteSpan field, const QString &message = {})
{
    const QList<Finding> found = c.of(rule);
    QVERIFY2(found.size() == 1, qPrintable(c.all()));
    const Finding &f = found.first();
    QCOMPARE(f.severity, severity);
    QCOMPARE(f.name, name);
    QCOMPARE(f.packets.first, packets);
    QCOMPARE(f.count, quint64(packets.size()));
    QCOMPARE(f.fieldOffset, field.offset);
    QCOMPARE(f.fieldLength, field.length);
    if (!message.isEmpty())
        QCOMPARE(f.messageText(false), message);
}

#define EXPECT_ONE(...)                                                                            \
    do {                                                                                           \
        expectOne(__VA_ARGS__);                                                                    \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

#define EXPECT_SILENT(c) QVERIFY2((c).findings().isEmpty(), qPrintable((c).all()))

// A response of one record (plus nothing else): the record's spans in *rec.
QByteArray oneRecord(const QByteArray &name, quint16 type, bool cacheFlush, quint32 ttl,
                     const QByteArray &rdata, Wire::Rec *rec = nullptr, quint16 flags = kResponse)
{
    Wire w(flags, 0, 1);
    const Wire::Rec r = w.record(name, type, cacheFlush, ttl, rdata);
    if (rec)
        *rec = r;
    return w.bytes();
}

QByteArray txtRdata(const QList<QByteArray> &strings)
{
    return txt(kInstance, strings).rdata;
}

} // namespace

class TestPacketChecks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void conformingAnnouncementIsSilent()
    {
        Check c;
        c(announce());
        c.v6(announce());
        EXPECT_SILENT(c);
    }

    void responseIdAndTtlRepeatsAreOneFindingEach()
    {
        Check c;
        c(withId(announce(), 0x1234), "169.254.0.9", 64);
        c(withId(announce(), 0x1234), "169.254.0.9", 64);
        const QList<Finding> id = c.of(Rule::ResponseId);
        QCOMPARE(id.size(), 1);
        QCOMPARE(id[0].severity, Severity::Error);
        QCOMPARE(id[0].count, 2u);
        QCOMPARE(id[0].packets.first, (QList<quint64>{1, 2}));
        QCOMPARE(id[0].source.toString(), u"169.254.0.9"_s);
        QCOMPARE(id[0].messageText(false),
                 u"response ID 0x1234; multicast responses must use ID 0"_s);
        QCOMPARE(id[0].info().reference, "RFC 6762 §18.1");
        QCOMPARE(id[0].fieldOffset, 0u);
        QCOMPARE(id[0].fieldLength, 2u);
        const QList<Finding> ttl = c.of(Rule::IpTtl);
        QCOMPARE(ttl.size(), 1);
        QCOMPARE(ttl[0].severity, Severity::Warning);
        QCOMPARE(ttl[0].count, 2u);
        QCOMPARE(ttl[0].messageText(false),
                 u"IPv4 TTL 64; mDNS messages should be sent with 255"_s);
        QCOMPARE(c.findings().size(), 2);
    }

    void responseIdOnlyInMulticast()
    {
        Check c;
        c.unicast(withId(announce(), 0x1234)); // a unicast (QU) reply may echo an ID
        c(announce());
        EXPECT_SILENT(c);
    }

    void queryId()
    {
        Check c;
        c(withId(query(kHost, kTypeA), 0x00AB));
        EXPECT_ONE(c, Rule::QueryId, Severity::Info, QString(), {1}, ByteSpan{0, 2},
                   u"query ID 0x00ab; multicast queries should use ID 0"_s);
        QCOMPARE(c.findings().size(), 1);
        Check twin;
        twin(query(kHost, kTypeA));
        EXPECT_SILENT(twin);
    }

    void opcodeAndRcodeMakeTheMessageIgnored()
    {
        for (const auto &[flags, rule, text] :
             {std::tuple{quint16(kResponse | (2 << 11)), Rule::Opcode,
                         u"OPCODE 2; mDNS messages must use OPCODE 0, so receivers ignore this "
                         u"one"_s},
              std::tuple{quint16(kResponse | 3), Rule::Rcode,
                         u"RCODE 3; mDNS messages must use RCODE 0, so receivers ignore this "
                         u"one"_s}}) {
            Check c;
            // Also ID 0x1234 and a TTL of 64: nothing else is judged in an ignored message.
            c(oneRecord("printer.local", kTypeA, false, 7, kA, nullptr, flags), "169.254.0.1", 64);
            EXPECT_ONE(c, rule, Severity::Error, QString(), {1}, ByteSpan{2, 2}, text);
            QVERIFY2(c.findings().size() == 1, qPrintable(c.all()));
        }
        Check twin;
        twin(oneRecord("printer.local", kTypeA, true, 120, kA));
        EXPECT_SILENT(twin);
    }

    void responseAaAndTc()
    {
        Check c;
        c(oneRecord("printer.local", kTypeA, true, 120, kA, nullptr, 0x8000));
        EXPECT_ONE(c, Rule::ResponseAa, Severity::Error, QString(), {1}, ByteSpan{2, 2},
                   u"response without the AA bit; mDNS responses must set it"_s);
        QCOMPARE(c.findings().size(), 1);
        Check tc;
        tc(oneRecord("printer.local", kTypeA, true, 120, kA, nullptr, kResponse | 0x0200));
        EXPECT_ONE(tc, Rule::ResponseTc, Severity::Error, QString(), {1}, ByteSpan{2, 2},
                   u"response with the TC bit; mDNS responses must clear it"_s);
        QCOMPARE(tc.findings().size(), 1);
        Check twin; // a query with TC (known answers continue) is fine
        twin(oneRecord("printer.local", kTypeA, true, 120, kA));
        twin(query(kHost, kTypeA).replace(2, 1, QByteArray(1, 0x02)));
        EXPECT_SILENT(twin);
    }

    void responseQuestions()
    {
        Wire w(kResponse, 1, 1);
        const ByteSpan question = w.question("printer.local", kTypeA);
        w.record("printer.local", kTypeA, true, 120, kA);
        Check c;
        c(w.bytes());
        EXPECT_ONE(c, Rule::ResponseQuestions, Severity::Warning, QString(), {1}, question,
                   u"multicast response with 1 question(s); responses should carry none"_s);
        QCOMPARE(c.findings().size(), 1);
        Check twin; // a unicast response may echo the question
        twin.unicast(w.bytes());
        twin(oneRecord("printer.local", kTypeA, true, 120, kA));
        EXPECT_SILENT(twin);
    }

    void responseSourcePort()
    {
        Check c;
        c(announce(), "169.254.0.1", 255, 40000);
        EXPECT_ONE(c, Rule::ResponseSourcePort, Severity::Error, QString(), {1}, ByteSpan{},
                   u"response to 224.0.0.251 from source port 40000; multicast responses must "
                   u"come from port 5353"_s);
        QCOMPARE(c.findings().size(), 1);
        Check twin;
        twin(announce());
        EXPECT_SILENT(twin);
    }

    void legacyQuery()
    {
        Check c;
        // A legacy resolver: any ID, and its TTL is its own business (no ip-ttl, no query-id).
        c(withId(query(kHost, kTypeA), 0x5555), "169.254.0.1", 64, 40000);
        EXPECT_ONE(c, Rule::LegacyQuery, Severity::Info, QString(), {1}, ByteSpan{},
                   u"query from source port 40000: a legacy resolver, which gets unicast "
                   u"answers echoing its ID and question"_s);
        QCOMPARE(c.findings().size(), 1);
        Check twin;
        twin(query(kHost, kTypeA));
        EXPECT_SILENT(twin);
    }

    void ipTtl()
    {
        Check c;
        c(query(kHost, kTypeA), "169.254.0.1", 1);
        EXPECT_ONE(c, Rule::IpTtl, Severity::Warning, QString(), {1}, ByteSpan{},
                   u"IPv4 TTL 1; mDNS messages should be sent with 255"_s);
        Check v6;
        v6.v6(announce(), 64);
        EXPECT_ONE(v6, Rule::IpTtl, Severity::Warning, QString(), {1}, ByteSpan{},
                   u"IPv6 hop limit 64; mDNS messages should be sent with 255"_s);
        QCOMPARE(v6.findings().first().source.toString(), u"fe80::1"_s);
        Check twin;
        twin(announce(), "169.254.0.1", 255);
        twin(announce(), "169.254.0.1", -1); // unknown (a file without IP headers): no guess
        twin.v6(announce(), 255);
        EXPECT_SILENT(twin);
    }

    void messageSize_data()
    {
        QTest::addColumn<bool>("ipv6");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("severity"); // -1: silent
        QTest::newRow("v4 1472") << false << 1472 << -1;
        QTest::newRow("v4 1473") << false << 1473 << int(Severity::Info);
        QTest::newRow("v4 9000") << false << 9000 << int(Severity::Info);
        QTest::newRow("v4 9001") << false << 9001 << int(Severity::Error);
        QTest::newRow("v6 1232") << true << 1232 << -1;
        QTest::newRow("v6 1233") << true << 1233 << int(Severity::Info);
        QTest::newRow("v6 9001") << true << 9001 << int(Severity::Error);
    }
    void messageSize()
    {
        QFETCH(bool, ipv6);
        QFETCH(int, size);
        QFETCH(int, severity);
        // One TXT record of distinct keys, padded to exactly `size` bytes.
        const qsizetype overhead = oneRecord(kInstance.toUtf8(), kTypeTxt, true, 4500, {}).size();
        QList<QByteArray> strings;
        qsizetype left = size - overhead;
        for (int i = 0; left > 0; ++i) {
            const QByteArray key = "k" + QByteArray::number(i) + "=";
            const qsizetype n = std::min<qsizetype>(left - 1, 255);
            strings.append(key + QByteArray(std::max<qsizetype>(0, n - key.size()), 'x'));
            left -= strings.last().size() + 1;
        }
        const QByteArray m = oneRecord(kInstance.toUtf8(), kTypeTxt, true, 4500, txtRdata(strings));
        QCOMPARE(m.size(), size);
        Check c;
        if (ipv6)
            c.v6(m);
        else
            c(m);
        if (severity < 0) {
            EXPECT_SILENT(c);
            return;
        }
        const QString text =
            severity == int(Severity::Error)
                ? u"message of %1 bytes; mDNS messages must not exceed 9000 bytes"_s.arg(size)
            : ipv6 ? u"message of %1 bytes: over IPv6 more than 1232 bytes may be fragmented "
                     u"(minimum MTU 1280)"_s.arg(size)
                   : u"message of %1 bytes: over IPv4 more than 1472 bytes are fragmented on a "
                     u"1500-byte link"_s.arg(size);
        EXPECT_ONE(c, Rule::MessageSize, Severity(severity), QString(), {1}, ByteSpan{}, text);
        QCOMPARE(c.findings().size(), 1);
    }

    void cacheFlushShared_data()
    {
        QTest::addColumn<QString>("owner");
        QTest::newRow("service type") << u"_ipp._tcp.local"_s;
        QTest::newRow("subtype") << u"_printer._sub._ipp._tcp.local"_s;
        QTest::newRow("enumeration") << u"_services._dns-sd._udp.local"_s;
    }
    void cacheFlushShared()
    {
        QFETCH(QString, owner);
        const QString target = owner.startsWith(u"_services"_s) ? u"_ipp._tcp.local"_s : kInstance;
        Wire::Rec rec;
        Check c;
        c(oneRecord(owner.toUtf8(), kTypePtr, true, 4500, encodeName(target), &rec));
        EXPECT_ONE(c, Rule::CacheFlushShared, Severity::Error, owner, {1}, rec.cls,
                   u"cache-flush bit on the shared PTR record %1 -> %2; shared records must not "
                   u"set it"_s.arg(owner, target));
        QCOMPARE(c.findings().size(), 1);
        Check twin;
        twin(oneRecord(owner.toUtf8(), kTypePtr, false, 4500, encodeName(target)));
        // A reverse-mapping PTR is unique: its cache-flush bit is right.
        twin(oneRecord("1.0.254.169.in-addr.arpa", kTypePtr, true, 120, encodeName(kHost)));
        EXPECT_SILENT(twin);
    }

    void cacheFlushKnownAnswer()
    {
        // A known answer (the answer section of a query).
        Wire known(kQuery, 1, 1);
        known.question("_ipp._tcp.local", kTypePtr);
        const Wire::Rec answer = known.record("printer.local", kTypeA, true, 120, kA);
        Check c;
        c(known.bytes());
        EXPECT_ONE(c, Rule::CacheFlushKnownAnswer, Severity::Error, kHost, {1}, answer.cls,
                   u"cache-flush bit on the known answer printer.local A; known answers must not "
                   u"set it"_s);
        QCOMPARE(c.findings().size(), 1);
        // A probe's proposed record (the authority section).
        Wire probe(kQuery, 1, 0, 1);
        probe.question("printer.local", kTypeAny);
        const Wire::Rec proposed = probe.record("printer.local", kTypeA, true, 120, kA);
        Check p;
        p(probe.bytes());
        EXPECT_ONE(p, Rule::CacheFlushKnownAnswer, Severity::Error, kHost, {1}, proposed.cls,
                   u"cache-flush bit on the proposed record printer.local A of a probe; proposed "
                   u"records must not set it"_s);
        QCOMPARE(p.findings().size(), 1);
        // The twins: the same without the bit.
        Wire known2(kQuery, 1, 1);
        known2.question("_ipp._tcp.local", kTypePtr);
        known2.record("printer.local", kTypeA, false, 120, kA);
        Wire probe2(kQuery, 1, 0, 1);
        probe2.question("printer.local", kTypeAny);
        probe2.record("printer.local", kTypeA, false, 120, kA);
        Check twin;
        twin(known2.bytes());
        twin(probe2.bytes());
        EXPECT_SILENT(twin);
    }

    void uniqueWithoutCacheFlush_data()
    {
        QTest::addColumn<QByteArray>("owner");
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("rdata");
        QTest::addColumn<QString>("typeName");
        QTest::newRow("A") << QByteArray("printer.local") << int(kTypeA) << kA << u"A"_s;
        QTest::newRow("AAAA") << QByteArray("printer.local") << int(kTypeAaaa)
                              << QByteArray::fromHex("fe800000000000000000000000000001")
                              << u"AAAA"_s;
        QTest::newRow("SRV") << kInstance.toUtf8() << int(kTypeSrv)
                             << srv(kInstance, 631, kHost).rdata << u"SRV"_s;
        QTest::newRow("TXT") << kInstance.toUtf8() << int(kTypeTxt) << txtRdata({"a=1"})
                             << u"TXT"_s;
        QTest::newRow("HINFO") << QByteArray("printer.local") << int(kTypeHinfo)
                               << QByteArray("\x03"
                                             "ARM"
                                             "\x05"
                                             "Linux")
                               << u"HINFO"_s;
        QTest::newRow("NSEC") << QByteArray("printer.local") << int(kTypeNsec)
                              << (nameBytes("printer.local") + QByteArray::fromHex("000440000008"))
                              << u"NSEC"_s;
    }
    void uniqueWithoutCacheFlush()
    {
        QFETCH(QByteArray, owner);
        QFETCH(int, type);
        QFETCH(QByteArray, rdata);
        QFETCH(QString, typeName);
        const bool host = type != kTypeTxt && type != kTypeNsec;
        const quint32 ttl = host ? 120 : 4500;
        Wire::Rec rec;
        Check c;
        c(oneRecord(owner, quint16(type), false, ttl, rdata, &rec));
        EXPECT_ONE(c, Rule::UniqueWithoutCacheFlush, Severity::Warning, QString::fromUtf8(owner),
                   {1}, rec.cls,
                   u"%1 record %2 announced without the cache-flush bit; unique records should "
                   u"set it"_s.arg(typeName, QString::fromUtf8(owner)));
        QVERIFY2(c.findings().size() == 1, qPrintable(c.all()));
        Check twin;
        twin(oneRecord(owner, quint16(type), true, ttl, rdata));
        // A unicast reply to a QU question is judged by the same rule only when multicast.
        twin.unicast(oneRecord(owner, quint16(type), false, ttl, rdata));
        // A shared PTR without the bit is right.
        twin(oneRecord("_ipp._tcp.local", kTypePtr, false, 4500, encodeName(kInstance)));
        EXPECT_SILENT(twin);
    }

    void ttlRecommended()
    {
        Wire::Rec rec;
        Check c;
        c(oneRecord(kInstance.toUtf8(), kTypeSrv, true, 300, srv(kInstance, 631, kHost).rdata,
                    &rec));
        EXPECT_ONE(
            c, Rule::TtlRecommended, Severity::Info, kInstance, {1}, rec.ttl,
            u"TTL 300 s on the SRV record %1; RFC 6762 §10 recommends 120 s"_s.arg(kInstance));
        QCOMPARE(c.findings().size(), 1);
        Check other; // a record that does not name a host: 4500 s
        other(oneRecord(kInstance.toUtf8(), kTypeTxt, true, 120, txtRdata({"a=1"}), &rec));
        EXPECT_ONE(
            other, Rule::TtlRecommended, Severity::Info, kInstance, {1}, rec.ttl,
            u"TTL 120 s on the TXT record %1; RFC 6762 §10 recommends 4500 s"_s.arg(kInstance));
        Check shortTtl; // under 10 s: a warning
        shortTtl(oneRecord("printer.local", kTypeA, true, 5, kA, &rec));
        EXPECT_ONE(shortTtl, Rule::TtlRecommended, Severity::Warning, kHost, {1}, rec.ttl,
                   u"TTL 5 s on the A record printer.local; under 10 s every cache must refresh "
                   u"it constantly (recommended: 120 s)"_s);
        QCOMPARE(shortTtl.findings().size(), 1);
        Check twin;
        twin(oneRecord("printer.local", kTypeA, true, 120, kA));
        twin(oneRecord("printer.local", kTypeA, true, 4500, kA)); // Apple's host names
        twin(oneRecord("printer.local", kTypeA, true, 0, kA));    // a goodbye
        twin(oneRecord("1.0.254.169.in-addr.arpa", kTypePtr, true, 120, encodeName(kHost)));
        twin(oneRecord(kInstance.toUtf8(), kTypeTxt, true, 4500, txtRdata({"a=1"})));
        twin(oneRecord("printer.local", kTypeNsec, true, 3,
                       nameBytes("printer.local") + QByteArray::fromHex("000440000008")));
        EXPECT_SILENT(twin);
    }

    void txtEmpty()
    {
        Wire::Rec rec;
        Check c;
        c(oneRecord(kInstance.toUtf8(), kTypeTxt, true, 4500, QByteArray(), &rec));
        EXPECT_ONE(c, Rule::TxtEmpty, Severity::Error, kInstance, {1}, rec.rdlength,
                   u"TXT record %1 with RDLENGTH 0; it must hold at least one (empty) string"_s.arg(
                       kInstance));
        QCOMPARE(c.findings().size(), 1);
        Check twin; // one empty string: RDLENGTH 1
        twin(oneRecord(kInstance.toUtf8(), kTypeTxt, true, 4500, QByteArray(1, '\0')));
        EXPECT_SILENT(twin);
    }

    void txtKey_data()
    {
        QTest::addColumn<QList<QByteArray>>("strings");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty key")
            << QList<QByteArray>{"a=1", "=v"}
            << u"a string of the TXT record %1 has an empty key (\"=...\")"_s.arg(kInstance);
        QTest::newRow("not printable")
            << QList<QByteArray>{"k\x01y=1"}
            << u"the TXT key \"k\x01y\" of %1 is not printable ASCII"_s.arg(kInstance);
        QTest::newRow("repeated") << QList<QByteArray>{"rp=x", "color", "RP=y"}
                                  << u"the TXT key \"RP\" appears more than once in %1"_s.arg(
                                         kInstance);
    }
    void txtKey()
    {
        QFETCH(QList<QByteArray>, strings);
        QFETCH(QString, message);
        Wire::Rec rec;
        Check c;
        c(oneRecord(kInstance.toUtf8(), kTypeTxt, true, 4500, txtRdata(strings), &rec));
        EXPECT_ONE(c, Rule::TxtKey, Severity::Warning, kInstance, {1}, rec.rdata, message);
        QCOMPARE(c.findings().size(), 1);
        // The same TXT as a known answer in a query is not the querier's own statement.
        Wire known(kQuery, 1, 1);
        known.question("_ipp._tcp.local", kTypePtr);
        known.record(kInstance.toUtf8(), kTypeTxt, false, 4500, txtRdata(strings));
        Check twin;
        twin(known.bytes());
        twin(oneRecord(kInstance.toUtf8(), kTypeTxt, true, 4500,
                       txtRdata({"rp=x", "color", "note=a=b", "", "Key With Space=1"})));
        EXPECT_SILENT(twin);
    }

    void serviceName_data()
    {
        QTest::addColumn<QString>("owner");
        QTest::addColumn<QString>("message");
        QTest::newRow("too long") << u"_a-very-long-service._tcp.local"_s
                                  << u"service label _a-very-long-service in "
                                     u"_a-very-long-service._tcp.local; it must be \"_\" and 1-15 "
                                     u"letters, digits or hyphens"_s;
        QTest::newRow("underscore inside")
            << u"_ipp_x._tcp.local"_s
            << u"service label _ipp_x in _ipp_x._tcp.local; it must be \"_\" and 1-15 letters, "
               u"digits or hyphens"_s;
        QTest::newRow("protocol")
            << u"_ipp._sctp.local"_s
            << u"protocol label _sctp in _ipp._sctp.local; it must be _tcp or _udp"_s;
    }
    void serviceName()
    {
        QFETCH(QString, owner);
        QFETCH(QString, message);
        const QString instance = u"Printer."_s + owner;
        Wire::Rec rec;
        Check c;
        c(oneRecord(owner.toUtf8(), kTypePtr, false, 4500, encodeName(instance), &rec));
        EXPECT_ONE(c, Rule::ServiceName, Severity::Warning, owner, {1}, rec.name, message);
        QCOMPARE(c.findings().size(), 1);
        Check twin;
        twin(oneRecord("_ipp._tcp.local", kTypePtr, false, 4500, encodeName(kInstance)));
        twin(oneRecord("_x-1._udp.local", kTypePtr, false, 4500,
                       encodeName(u"A._x-1._udp.local"_s)));
        twin(oneRecord("_services._dns-sd._udp.local", kTypePtr, false, 4500,
                       encodeName(u"_ipp._tcp.local"_s)));
        EXPECT_SILENT(twin);
    }

    void instanceLabel_data()
    {
        QTest::addColumn<QByteArray>("label");
        QTest::addColumn<QString>("shown"); // the instance name as the decoder writes it
        QTest::addColumn<QString>("message");
        QTest::newRow("control") << QByteArray("Bad\x01Name") << u"Bad\\001Name._ipp._tcp.local"_s
                                 << u"the instance label of %1 contains the control byte 0x01"_s;
        QTest::newRow("DEL") << QByteArray("Bad\x7fName") << u"Bad\\127Name._ipp._tcp.local"_s
                             << u"the instance label of %1 contains the control byte 0x7f"_s;
        QTest::newRow("invalid UTF-8")
            << QByteArray("Caf\xe9") << u"Caf\\233._ipp._tcp.local"_s
            << u"the instance label of %1 is not valid UTF-8 (byte 0xe9)"_s;
    }
    void instanceLabel()
    {
        QFETCH(QByteArray, label);
        QFETCH(QString, shown);
        QFETCH(QString, message);
        const QByteArray instance = label + "._ipp._tcp.local";
        // In an SRV's owner name...
        Wire::Rec rec;
        Check c;
        c(oneRecord(instance, kTypeSrv, true, 120, srv(kInstance, 631, kHost).rdata, &rec));
        EXPECT_ONE(c, Rule::InstanceLabel, Severity::Error, shown, {1}, rec.name,
                   message.arg(shown));
        QCOMPARE(c.findings().size(), 1);
        // ... and in a PTR's target: the field is the rdata.
        Check p;
        p(oneRecord("_ipp._tcp.local", kTypePtr, false, 4500, nameBytes(instance), &rec));
        EXPECT_ONE(p, Rule::InstanceLabel, Severity::Error, shown, {1}, rec.rdata,
                   message.arg(shown));
        // The twins: UTF-8 (also a C1 control, valid UTF-8), escaped dots and backslashes.
        Check twin;
        for (const QByteArray &ok : {QByteArray("Drucker B\xc3\xbcro"), QByteArray("C1 \xc2\x85"),
                                     QByteArray("a\\b"), QByteArray("x\\123")}) {
            twin(oneRecord(ok + "._ipp._tcp.local", kTypeSrv, true, 120,
                           srv(kInstance, 631, kHost).rdata));
        }
        EXPECT_SILENT(twin);
    }

    void malformedIsReportedAloneWithItsOffset()
    {
        Check c;
        QByteArray m = withId(announce(), 0x4321);
        m.truncate(m.size() - 3);
        c(m, "169.254.0.1", 64);
        QCOMPARE(c.findings().size(), 1);
        const Finding f = c.findings().first();
        QCOMPARE(f.rule, Rule::Malformed);
        QCOMPARE(f.severity, Severity::Error);
        QCOMPARE(f.packets.first, QList<quint64>{1});
        const DnsMessage decoded = DnsDecoder::decode(m, DnsDecoder::Detail::NoFields);
        QVERIFY(decoded.isMalformed());
        QCOMPARE(f.fieldOffset, decoded.error->offset);
        QCOMPARE(f.fieldLength, 1u);
        QCOMPARE(f.messageText(false),
                 u"malformed message at offset %1: %2"_s.arg(decoded.error->offset)
                     .arg(decoded.error->reason));
        // Shorter than a header.
        Check shortOne;
        const QByteArray cut("\0\0\x84", 3);
        const DnsMessage cutDecoded = DnsDecoder::decode(cut, DnsDecoder::Detail::NoFields);
        QVERIFY(cutDecoded.isMalformed());
        shortOne(cut);
        EXPECT_ONE(shortOne, Rule::Malformed, Severity::Error, QString(), {1},
                   ByteSpan{cutDecoded.error->offset, 1});
        Check twin;
        twin(announce());
        EXPECT_SILENT(twin);
    }

    void duplicateRecord()
    {
        Wire w(kResponse, 0, 3);
        w.record("printer.local", kTypeA, true, 120, kA);
        const Wire::Rec second = w.record("Printer.local", kTypeA, true, 120, kA); // same name
        w.record("printer.local", kTypeA, true, 120, kA); // a third copy: still one occurrence
        Check c;
        c(w.bytes());
        EXPECT_ONE(c, Rule::DuplicateRecord, Severity::Warning, u"Printer.local"_s, {1},
                   second.span,
                   u"the A record Printer.local appears more than once in one "
                   u"message"_s);
        QCOMPARE(c.findings().size(), 1);
        Wire twinWire(kResponse, 0, 2);
        twinWire.record("printer.local", kTypeA, true, 120, kA);
        twinWire.record("printer.local", kTypeA, true, 120, QByteArray::fromHex("a9fe0002"));
        Check twin;
        twin(twinWire.bytes());
        EXPECT_SILENT(twin);
    }
};

QTEST_GUILESS_MAIN(TestPacketChecks)
#include "tst_packetchecks.moc"
