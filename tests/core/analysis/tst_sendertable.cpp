#include "SenderTable.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kSecond = 1'000'000'000;

Packet packetFrom(const char *address, qint64 ns, int ttl = 255, qsizetype length = 100)
{
    Packet p;
    p.source = IpAddress::fromString(QString::fromLatin1(address));
    p.timestampNs = ns;
    p.ttl = ttl;
    p.data = QByteArray(length, '\0');
    p.interfaceName = u"lo"_s;
    return p;
}

DnsRecord record(DnsSection section, const QString &name, quint16 type, const QString &target = {})
{
    DnsRecord r;
    r.section = section;
    r.name = name;
    r.type = type;
    r.target = target;
    return r;
}

DnsMessage response(const QList<DnsRecord> &records)
{
    DnsMessage m;
    m.header.qr = true;
    m.records = records;
    return m;
}
} // namespace

class TestSenderTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsInOrderOfFirstAppearance();
    void countsAndTimes();
    void namesFromOwnRecordsOnly();
    void namesAreBounded();
    void rateOverLastTenSeconds();
    void clear();
};

void TestSenderTable::rowsInOrderOfFirstAppearance()
{
    SenderTable t;
    QCOMPARE(t.add(packetFrom("169.254.0.1", kSecond), {}), 0);
    QCOMPARE(t.add(packetFrom("fe80::1", 2 * kSecond), {}), 1);
    QCOMPARE(t.add(packetFrom("169.254.0.1", 3 * kSecond), {}), 0);
    QCOMPARE(t.size(), 2);
    QCOMPARE(t.rowOf(IpAddress::fromString(u"fe80::1"_s)), 1);
    QCOMPARE(t.rowOf(IpAddress::fromString(u"10.0.0.1"_s)), -1);
}

void TestSenderTable::countsAndTimes()
{
    SenderTable t;
    DnsMessage malformed;
    malformed.error = DnsError{12, u"bad"_s, {}};
    t.add(packetFrom("169.254.0.1", 5 * kSecond, 255, 100), {});
    t.add(packetFrom("169.254.0.1", 3 * kSecond, 1, 50), malformed);
    t.add(packetFrom("169.254.0.1", 9 * kSecond, -1, 10), {}); // unknown TTL is not counted
    const SenderInfo &s = t.at(0);
    QCOMPARE(s.packets, 3u);
    QCOMPARE(s.bytes, 160u);
    QCOMPARE(s.firstSeenNs, 3 * kSecond);
    QCOMPARE(s.lastSeenNs, 9 * kSecond);
    QCOMPARE(s.ttlNot255, 1u);
    QCOMPARE(s.malformed, 1u);
    QCOMPARE(s.interfaceName, u"lo"_s);
    QCOMPARE(t.latestNs(), 9 * kSecond);
}

void TestSenderTable::namesFromOwnRecordsOnly()
{
    SenderTable t;
    const auto ans = DnsSection::Answer;
    t.add(
        packetFrom("169.254.0.1", kSecond),
        response(
            {record(ans, u"host.local"_s, DnsType::A), record(ans, u"host.local"_s, DnsType::AAAA),
             record(DnsSection::Additional, u"Printer._ipp._tcp.local"_s, DnsType::SRV),
             record(ans, u"Printer._ipp._tcp.local"_s, DnsType::TXT),
             record(ans, u"_ipp._tcp.local"_s, DnsType::PTR, u"Office._ipp._tcp.local"_s),
             record(ans, u"1.0.254.169.in-addr.arpa"_s, DnsType::PTR, u"host.local"_s),
             record(ans, u"_services._dns-sd._udp.local"_s, DnsType::PTR, u"_ipp._tcp.local"_s)}));
    // A query: the answer section holds known answers (other hosts' records): ignored;
    // the authority section holds the sender's probe proposals: counted.
    DnsMessage query;
    query.records = {record(ans, u"other.local"_s, DnsType::A),
                     record(DnsSection::Authority, u"probe.local"_s, DnsType::A)};
    t.add(packetFrom("169.254.0.1", kSecond), query);
    const SenderInfo &s = t.at(0);
    QCOMPARE(s.hostNames, QStringList({u"host.local"_s, u"probe.local"_s}));
    QCOMPARE(s.serviceInstances,
             QStringList({u"Office._ipp._tcp.local"_s, u"Printer._ipp._tcp.local"_s}));
}

void TestSenderTable::namesAreBounded()
{
    SenderTable t;
    for (int i = 0; i < 1000; ++i)
        t.add(packetFrom("169.254.0.1", kSecond),
              response({record(DnsSection::Answer, u"h%1.local"_s.arg(i), DnsType::A)}));
    QCOMPARE(t.at(0).hostNames.size(), SenderTable::kMaxNamesPerSender);
    QVERIFY(std::is_sorted(t.at(0).hostNames.cbegin(), t.at(0).hostNames.cend()));
}

void TestSenderTable::rateOverLastTenSeconds()
{
    SenderTable t;
    // 5 packets in each of seconds 100..119.
    for (qint64 sec = 100; sec < 120; ++sec)
        for (int i = 0; i < 5; ++i)
            t.add(packetFrom("169.254.0.1", sec * kSecond + i * 1000), {});
    QCOMPARE(t.rate(0, 119 * kSecond + 500), 5.0);
    QCOMPARE(t.rate(0, 124 * kSecond), 2.5); // seconds 115..119 still in the window
    QCOMPARE(t.rate(0, 200 * kSecond), 0.0);
}

void TestSenderTable::clear()
{
    SenderTable t;
    t.add(packetFrom("169.254.0.1", kSecond), {});
    t.clear();
    QCOMPARE(t.size(), 0);
    QCOMPARE(t.latestNs(), 0);
    QCOMPARE(t.add(packetFrom("169.254.0.2", kSecond), {}), 0);
}

QTEST_GUILESS_MAIN(TestSenderTable)
#include "tst_sendertable.moc"
