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

// What avahi or mDNSResponder sends from each of its addresses: its host name (A and AAAA)
// and a service on it.
DnsMessage hostAnnouncement(const QString &host, const QString &service = u"Web._http._tcp.local"_s)
{
    const auto ans = DnsSection::Answer;
    return response({record(ans, host, DnsType::A), record(ans, host, DnsType::AAAA),
                     record(ans, service, DnsType::SRV, host)});
}

Packet packetOn(const char *address, qint64 ns, const QString &interfaceName, int ttl = 255,
                qsizetype length = 100)
{
    Packet p = packetFrom(address, ns, ttl, length);
    p.interfaceName = interfaceName;
    return p;
}

QList<IpAddress> addresses(std::initializer_list<const char *> texts)
{
    QList<IpAddress> list;
    for (const char *text : texts)
        list.append(IpAddress::fromString(QString::fromLatin1(text)));
    return list;
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
    void oneHostsAddressesAreOneRow();
    void differentHostsStayApart();
    void rowsMergeWhenTheNameComesLater();
    void mergedAddressesAreBounded();
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
    QCOMPARE(s.interfaceNames(), QStringList{u"lo"_s});
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

// An IPv4 and an IPv6 link-local address announcing the same host name are one host.
void TestSenderTable::oneHostsAddressesAreOneRow()
{
    SenderTable t;
    DnsMessage malformed = hostAnnouncement(u"box.local"_s);
    malformed.error = DnsError{12, u"bad"_s, {}};
    QCOMPARE(t.add(packetOn("192.168.1.5", 2 * kSecond, u"eth0"_s, 255, 100),
                   hostAnnouncement(u"box.local"_s)),
             0);
    QCOMPARE(t.add(packetOn("fe80::5", 3 * kSecond, u"eth0"_s, 64, 40), malformed), 0);
    QCOMPARE(t.add(packetOn("fe80::5", kSecond, u"wlan0"_s, 255, 7), {}), 0);
    QCOMPARE(t.size(), 1);
    const SenderInfo &s = t.at(0);
    QCOMPARE(s.addressList(), addresses({"192.168.1.5", "fe80::5"}));
    QCOMPARE(s.address(), IpAddress::fromString(u"192.168.1.5"_s));
    QCOMPARE(s.addresses.at(1).interfaceName, u"wlan0"_s); // of its newest packet
    QCOMPARE(s.interfaceNames(), QStringList({u"eth0"_s, u"wlan0"_s}));
    QCOMPARE(s.packets, 3u);
    QCOMPARE(s.bytes, 147u);
    QCOMPARE(s.firstSeenNs, kSecond);
    QCOMPARE(s.lastSeenNs, 3 * kSecond);
    QCOMPARE(s.ttlNot255, 1u);
    QCOMPARE(s.malformed, 1u);
    QCOMPARE(s.hostNames, QStringList{u"box.local"_s});
    QCOMPARE(t.rowOf(IpAddress::fromString(u"fe80::5"_s)), 0);
    QCOMPARE(t.rowOfHostName(u"BOX.local"_s), 0);
    QCOMPARE(t.rate(0, 3 * kSecond), 0.3);
}

// Other host names are other hosts, and a service instance two hosts both announce (a
// proxy's, or a conflict) joins nothing.
void TestSenderTable::differentHostsStayApart()
{
    SenderTable t;
    t.add(packetOn("192.168.1.5", kSecond, u"eth0"_s), hostAnnouncement(u"box.local"_s));
    t.add(packetOn("fe80::6", kSecond, u"eth0"_s), hostAnnouncement(u"nas.local"_s));
    t.add(packetOn("fe80::5", kSecond, u"eth0"_s), hostAnnouncement(u"box.local"_s));
    t.add(packetOn("192.168.1.6", kSecond, u"eth0"_s), hostAnnouncement(u"nas.local"_s));
    t.add(packetOn("192.168.1.7", kSecond, u"eth0"_s),
          response({record(DnsSection::Answer, u"Web._http._tcp.local"_s, DnsType::TXT)}));
    QCOMPARE(t.size(), 3);
    QCOMPARE(t.at(0).addressList(), addresses({"192.168.1.5", "fe80::5"}));
    QCOMPARE(t.at(1).addressList(), addresses({"fe80::6", "192.168.1.6"}));
    QCOMPARE(t.at(2).addressList(), addresses({"192.168.1.7"}));
    QCOMPARE(t.at(0).packets, 2u);
    QCOMPARE(t.at(1).packets, 2u);
    QCOMPARE(t.at(2).serviceInstances, t.at(0).serviceInstances);
}

// Both addresses are rows (queries first) before the announcement names them: the later
// row goes into the earlier one, the rows after it move up, and the one removing it is told
// around the removal.
void TestSenderTable::rowsMergeWhenTheNameComesLater()
{
    SenderTable t;
    DnsMessage query;
    t.add(packetOn("192.168.1.5", 100 * kSecond, u"eth0"_s), query); // row 0
    t.add(packetOn("192.168.1.9", 101 * kSecond, u"eth0"_s), query); // row 1
    t.add(packetOn("fe80::5", 102 * kSecond, u"eth0"_s, 1), query);  // row 2
    t.add(packetOn("fe80::9", 103 * kSecond, u"eth0"_s), query);     // row 3
    t.add(packetOn("192.168.1.5", 102 * kSecond, u"eth0"_s), query);
    QCOMPARE(t.size(), 4);

    QList<qsizetype> about, removed;
    SenderTable::RowRemoval removal;
    removal.aboutToRemove = [&](qsizetype row) {
        about.append(row);
        QCOMPARE(t.size(), 4); // still there, unchanged
        QCOMPARE(t.at(row).address(), IpAddress::fromString(u"fe80::5"_s));
        QCOMPARE(t.at(0).addresses.size(), 1);
    };
    removal.removed = [&](qsizetype row) {
        removed.append(row);
        QCOMPARE(t.size(), 3);
        QCOMPARE(t.at(0).addresses.size(), 1); // the row it goes into is updated after
        QCOMPARE(t.at(2).address(), IpAddress::fromString(u"fe80::9"_s));
    };
    // The IPv6 address announces first (its row is later), then the IPv4 one.
    QCOMPARE(t.add(packetOn("fe80::5", 104 * kSecond, u"eth0"_s), hostAnnouncement(u"box.local"_s),
                   removal),
             2);
    QVERIFY(about.isEmpty());
    QCOMPARE(t.add(packetOn("192.168.1.5", 104 * kSecond, u"eth0"_s),
                   hostAnnouncement(u"box.local"_s), removal),
             0);
    QCOMPARE(about, QList<qsizetype>{2});
    QCOMPARE(removed, QList<qsizetype>{2});
    QCOMPARE(t.size(), 3);
    const SenderInfo &s = t.at(0);
    QCOMPARE(s.addressList(), addresses({"192.168.1.5", "fe80::5"}));
    QCOMPARE(s.packets, 5u);
    QCOMPARE(s.bytes, 500u);
    QCOMPARE(s.firstSeenNs, 100 * kSecond);
    QCOMPARE(s.lastSeenNs, 104 * kSecond);
    QCOMPARE(s.ttlNot255, 1u);
    QCOMPARE(s.hostNames, QStringList{u"box.local"_s});
    // Second 100: one packet; 102 and 104: one of each address (buckets added up).
    QCOMPARE(t.rate(0, 104 * kSecond), 0.5);
    QCOMPARE(t.rate(0, 111 * kSecond), 0.4); // 102 and 104 are still in the window
    // The index follows: both addresses to row 0, the rows after the removed one up one.
    QCOMPARE(t.rowOf(IpAddress::fromString(u"fe80::5"_s)), 0);
    QCOMPARE(t.rowOf(IpAddress::fromString(u"192.168.1.9"_s)), 1);
    QCOMPARE(t.rowOf(IpAddress::fromString(u"fe80::9"_s)), 2);
    QCOMPARE(t.rowOfHostName(u"box.local"_s), 0);

    // A name claimed by a row after the removed one moved up with it, and still joins.
    t.add(packetOn("fe80::9", 105 * kSecond, u"eth0"_s), hostAnnouncement(u"nas.local"_s));
    QCOMPARE(t.rowOfHostName(u"nas.local"_s), 2);
    QCOMPARE(
        t.add(packetOn("192.168.1.9", 105 * kSecond, u"eth0"_s), hostAnnouncement(u"nas.local"_s)),
        1);
    QCOMPARE(t.size(), 2);
    QCOMPARE(t.at(1).addressList(), addresses({"192.168.1.9", "fe80::9"}));
    QCOMPARE(t.at(1).packets, 4u);
}

// A host has at most kMaxAddressesPerSender addresses; more claiming its name stay rows of
// their own (never a row with more addresses than the bound).
void TestSenderTable::mergedAddressesAreBounded()
{
    SenderTable t;
    const qsizetype extra = 3;
    for (qsizetype i = 0; i < SenderTable::kMaxAddressesPerSender + extra; ++i) {
        const QByteArray address = "fe80::" + QByteArray::number(i + 1, 16);
        t.add(packetOn(address.constData(), kSecond, u"eth0"_s), hostAnnouncement(u"box.local"_s));
    }
    QCOMPARE(t.size(), 1 + extra);
    QCOMPARE(t.at(0).addresses.size(), SenderTable::kMaxAddressesPerSender);
    QCOMPARE(t.at(0).packets, quint64(SenderTable::kMaxAddressesPerSender));
    for (qsizetype row = 1; row <= extra; ++row) {
        QCOMPARE(t.at(row).addresses.size(), 1);
        QCOMPARE(t.at(row).hostNames, QStringList{u"box.local"_s});
    }
    QCOMPARE(t.rowOfHostName(u"box.local"_s), 0);
}

QTEST_GUILESS_MAIN(TestSenderTable)
#include "tst_sendertable.moc"
