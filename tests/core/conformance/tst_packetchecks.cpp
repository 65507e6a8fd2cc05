#include "ConformanceChecker.h"
#include "DnsDecoder.h"
#include "MdnsBuilder.h"
#include "TestPackets.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// The rules judged on one packet (PacketChecks through ConformanceChecker): each fires on a
// built packet with the right severity, name and packet, and its conforming twin stays silent;
// repeats are one finding with a count.
namespace {

const QString kInstance = u"Office Printer._ipp._tcp.local"_s;
const QString kHost = u"printer.local"_s;

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

struct Check
{
    ConformanceChecker checker;
    quint64 number = 0;
    void operator()(const QByteArray &data, const char *source = "169.254.0.1", int ttl = 255,
                    quint16 sourcePort = 5353)
    {
        Packet p = TestPackets::packet(data, int(number), source, ttl);
        p.sourcePort = sourcePort;
        checker.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields), ++number);
    }
    QList<Finding> of(Rule rule) const
    {
        QList<Finding> out;
        for (const Finding &f : checker.findings()) {
            if (f.rule == rule)
                out.append(f);
        }
        return out;
    }
};

} // namespace

class TestPacketChecks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void conformingAnnouncementIsSilent()
    {
        Check c;
        c(announce());
        QVERIFY2(c.checker.findings().isEmpty(),
                 qPrintable(c.checker.findings().value(0).messageText(false)));
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
        const QList<Finding> ttl = c.of(Rule::IpTtl);
        QCOMPARE(ttl.size(), 1);
        QCOMPARE(ttl[0].severity, Severity::Warning);
        QCOMPARE(ttl[0].messageText(false),
                 u"IPv4 TTL 64; mDNS messages should be sent with 255"_s);
    }

    void malformedIsReportedAloneWithItsOffset()
    {
        Check c;
        QByteArray m = withId(announce(), 0x4321);
        m.truncate(m.size() - 3);
        c(m);
        QCOMPARE(c.checker.findings().size(), 1);
        const Finding f = c.checker.findings().first();
        QCOMPARE(f.rule, Rule::Malformed);
        QVERIFY(f.messageText(false).startsWith(u"malformed message at offset "_s));
    }
};

QTEST_GUILESS_MAIN(TestPacketChecks)
#include "tst_packetchecks.moc"
