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

// An A or AAAA record (by the address's family) with the address as its data.
DnsRecord addressRecord(DnsSection section, const QString &name, const char *address)
{
    const IpAddress a = IpAddress::fromString(QString::fromLatin1(address));
    Q_ASSERT(!a.isNull());
    DnsRecord r = record(section, name, a.isV4() ? DnsType::A : DnsType::AAAA);
    r.address = QByteArray(reinterpret_cast<const char *>(a.bytes().data()), a.isV4() ? 4 : 16);
    return r;
}

// What avahi or mDNSResponder sends from each of its addresses: its host name with both of
// its addresses (A and AAAA) and a service on it.
DnsMessage hostAnnouncement(const QString &host, const char *v4, const char *v6,
                            const QString &service = u"Web._http._tcp.local"_s)
{
    const auto ans = DnsSection::Answer;
    return response({addressRecord(ans, host, v4), addressRecord(ans, host, v6),
                     record(ans, service, DnsType::SRV, host)});
}

// A probe (RFC 6762 section 8.1): a query with the proposed record in its authority section.
DnsMessage probe(const QString &host, const char *address)
{
    DnsMessage m;
    DnsQuestion q;
    q.name = host;
    q.type = DnsType::ANY;
    q.qclass = 1;
    m.questions.append(q);
    m.records = {addressRecord(DnsSection::Authority, host, address)};
    return m;
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
    void selfAddressedNames();
    void eachAddressClaimingItselfIsOneHost();
    void sleepProxyStaysItsOwnHost();
    void conflictingAddressesStayApart();
    void conflictAfterTheHostIsKnown();
    void globalAddressOnlyDoesNotGroup();
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
    DnsMessage malformed = hostAnnouncement(u"box.local"_s, "192.168.1.5", "fe80::5");
    malformed.error = DnsError{12, u"bad"_s, {}};
    QCOMPARE(t.add(packetOn("192.168.1.5", 2 * kSecond, u"eth0"_s, 255, 100),
                   hostAnnouncement(u"box.local"_s, "192.168.1.5", "fe80::5")),
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
    const DnsMessage box = hostAnnouncement(u"box.local"_s, "192.168.1.5", "fe80::5");
    const DnsMessage nas = hostAnnouncement(u"nas.local"_s, "192.168.1.6", "fe80::6");
    t.add(packetOn("192.168.1.5", kSecond, u"eth0"_s), box);
    t.add(packetOn("fe80::6", kSecond, u"eth0"_s), nas);
    t.add(packetOn("fe80::5", kSecond, u"eth0"_s), box);
    t.add(packetOn("192.168.1.6", kSecond, u"eth0"_s), nas);
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
    const DnsMessage box = hostAnnouncement(u"box.local"_s, "192.168.1.5", "fe80::5");
    QCOMPARE(t.add(packetOn("fe80::5", 104 * kSecond, u"eth0"_s), box, removal), 2);
    QVERIFY(about.isEmpty());
    QCOMPARE(t.add(packetOn("192.168.1.5", 104 * kSecond, u"eth0"_s), box, removal), 0);
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
    const DnsMessage nas = hostAnnouncement(u"nas.local"_s, "192.168.1.9", "fe80::9");
    t.add(packetOn("fe80::9", 105 * kSecond, u"eth0"_s), nas);
    QCOMPARE(t.rowOfHostName(u"nas.local"_s), 2);
    QCOMPARE(t.add(packetOn("192.168.1.9", 105 * kSecond, u"eth0"_s), nas), 1);
    QCOMPARE(t.size(), 2);
    QCOMPARE(t.at(1).addressList(), addresses({"192.168.1.9", "fe80::9"}));
    QCOMPARE(t.at(1).packets, 4u);
}

// A host has at most kMaxAddressesPerSender addresses; more that would join it stay rows of
// their own (never a row with more addresses than the bound). One IPv4 address claims a
// name per IPv6 address for itself; each IPv6 address claims its name, and joins.
void TestSenderTable::mergedAddressesAreBounded()
{
    SenderTable t;
    const qsizetype extra = 3;
    const qsizetype v6Count = SenderTable::kMaxAddressesPerSender - 1 + extra;
    auto hostName = [](qsizetype i) { return u"h%1.local"_s.arg(i); };
    QList<DnsRecord> own;
    for (qsizetype i = 0; i < v6Count; ++i)
        own.append(addressRecord(DnsSection::Answer, hostName(i), "10.0.0.1"));
    t.add(packetOn("10.0.0.1", kSecond, u"eth0"_s), response(own));
    for (qsizetype i = 0; i < v6Count; ++i) {
        const QByteArray address = "fe80::" + QByteArray::number(i + 1, 16);
        t.add(packetOn(address.constData(), kSecond, u"eth0"_s),
              response({addressRecord(DnsSection::Answer, hostName(i), address.constData())}));
    }
    QCOMPARE(t.size(), 1 + extra);
    QCOMPARE(t.at(0).addresses.size(), SenderTable::kMaxAddressesPerSender);
    QCOMPARE(t.at(0).packets, quint64(SenderTable::kMaxAddressesPerSender));
    for (qsizetype row = 1; row <= extra; ++row) {
        QCOMPARE(t.at(row).addresses.size(), 1);
        QCOMPARE(t.at(row).hostNames,
                 QStringList{hostName(SenderTable::kMaxAddressesPerSender - 2 + row)});
    }
    QCOMPARE(t.rowOfHostName(hostName(v6Count - 1)), 0);
}

// Which A/AAAA owners a sender claims for itself: the record's address is the source's, of
// its family (an AAAA never matches an IPv4 source, nor an A an IPv6 one).
void TestSenderTable::selfAddressedNames()
{
    const auto ans = DnsSection::Answer;
    DnsRecord cut = record(ans, u"cut.local"_s, DnsType::A);
    cut.address = QByteArray("\xa9\xfe\x00", 3); // the first three bytes of 169.254.0.1
    DnsRecord mapped = addressRecord(ans, u"mapped.local"_s, "::ffff:169.254.0.1");
    const DnsMessage m =
        response({addressRecord(ans, u"own.local"_s, "169.254.0.1"),
                  addressRecord(ans, u"other.local"_s, "169.254.0.2"),
                  addressRecord(ans, u"v6.local"_s, "fe80::1"), cut, mapped,
                  record(ans, u"Web._http._tcp.local"_s, DnsType::SRV, u"own.local"_s)});
    auto flags = [&m](const char *sender) {
        QList<bool> list;
        for (const SenderTable::OwnName &n :
             SenderTable::ownNames(m, IpAddress::fromString(QString::fromLatin1(sender)))) {
            if (n.kind == SenderTable::NameKind::HostName)
                list.append(n.selfAddressed);
        }
        return list;
    };
    QCOMPARE(flags("169.254.0.1"), QList<bool>({true, false, false, false, false}));
    QCOMPARE(flags("169.254.0.2"), QList<bool>({false, true, false, false, false}));
    QCOMPARE(flags("fe80::1"), QList<bool>({false, false, true, false, false}));
    QCOMPARE(flags("::ffff:169.254.0.1"), QList<bool>({false, false, false, false, true}));
    QCOMPARE(flags("fe80::2"), QList<bool>({false, false, false, false, false}));
}

// Dual stack: the IPv4 address announces only its A record, the IPv6 link-local one only its
// AAAA record: each claims the name for itself, so they are one host.
void TestSenderTable::eachAddressClaimingItselfIsOneHost()
{
    SenderTable t;
    const auto ans = DnsSection::Answer;
    t.add(packetOn("169.254.3.3", kSecond, u"eth0"_s),
          response({addressRecord(ans, u"box.local"_s, "169.254.3.3")}));
    t.add(packetOn("fe80::3", 2 * kSecond, u"eth0"_s),
          response({addressRecord(ans, u"box.local"_s, "fe80::3")}));
    QCOMPARE(t.size(), 1);
    QCOMPARE(t.at(0).addressList(), addresses({"169.254.3.3", "fe80::3"}));
    QCOMPARE(t.at(0).hostNames, QStringList{u"box.local"_s});
    QCOMPARE(t.rowOfHostName(u"box.local"_s), 0);
    QVERIFY(!t.isContested(u"box.local"_s));
}

// A Bonjour Sleep Proxy answers for a sleeping Mac from its own address: the Mac's A and
// AAAA records, addresses that are not the proxy's. The proxy lists the name but stays its
// own host; when the Mac wakes, its two addresses announce themselves and are one host.
void TestSenderTable::sleepProxyStaysItsOwnHost()
{
    SenderTable t;
    const auto ans = DnsSection::Answer;
    const DnsMessage proxyAnswer =
        response({addressRecord(ans, u"mac.local"_s, "169.254.0.7"),
                  addressRecord(ans, u"mac.local"_s, "fe80::7"),
                  addressRecord(DnsSection::Additional, u"proxy.local"_s, "169.254.0.50")});
    const DnsMessage mac = hostAnnouncement(u"mac.local"_s, "169.254.0.7", "fe80::7");
    QCOMPARE(t.add(packetOn("169.254.0.50", kSecond, u"eth0"_s), proxyAnswer), 0);
    QCOMPARE(t.rowOfHostName(u"mac.local"_s), -1); // not for itself: no host's name
    QCOMPARE(t.add(packetOn("169.254.0.7", 2 * kSecond, u"eth0"_s), mac), 1);
    QCOMPARE(t.add(packetOn("fe80::7", 3 * kSecond, u"eth0"_s), mac), 1);
    QCOMPARE(t.add(packetOn("169.254.0.50", 4 * kSecond, u"eth0"_s), proxyAnswer), 0);
    QCOMPARE(t.size(), 2);
    QCOMPARE(t.at(0).addressList(), addresses({"169.254.0.50"}));
    QCOMPARE(t.at(0).hostNames, QStringList({u"mac.local"_s, u"proxy.local"_s})); // shown
    QCOMPARE(t.at(0).packets, 2u);
    QCOMPARE(t.at(1).addressList(), addresses({"169.254.0.7", "fe80::7"}));
    QCOMPARE(t.at(1).hostNames, QStringList{u"mac.local"_s});
    QCOMPARE(t.rowOfHostName(u"mac.local"_s), 1);
    QCOMPARE(t.rowOfHostName(u"proxy.local"_s), 0);
    QVERIFY(!t.isContested(u"mac.local"_s));
}

// Two hosts claim one name during a conflict, each with its own address: two IPv4 addresses
// claiming it for themselves are two hosts. The name is contested from then on and joins
// no IPv6 address to either (it is unknown whose it is); their next names do.
void TestSenderTable::conflictingAddressesStayApart()
{
    SenderTable t;
    t.add(packetOn("169.254.1.1", kSecond, u"eth0"_s), probe(u"peer.local"_s, "169.254.1.1"));
    t.add(packetOn("169.254.1.2", kSecond, u"eth0"_s), probe(u"peer.local"_s, "169.254.1.2"));
    QCOMPARE(t.size(), 2);
    QVERIFY(t.isContested(u"PEER.local"_s));
    QCOMPARE(t.rowOfHostName(u"peer.local"_s), 0);
    t.add(packetOn("169.254.1.1", 2 * kSecond, u"eth0"_s),
          hostAnnouncement(u"peer.local"_s, "169.254.1.1", "fe80::1"));
    t.add(packetOn("fe80::2", 2 * kSecond, u"eth0"_s), probe(u"peer.local"_s, "fe80::2"));
    t.add(packetOn("fe80::1", 2 * kSecond, u"eth0"_s),
          hostAnnouncement(u"peer.local"_s, "169.254.1.1", "fe80::1"));
    QCOMPARE(t.size(), 4);
    for (qsizetype row = 0; row < t.size(); ++row) {
        QCOMPARE(t.at(row).addresses.size(), 1);
        QCOMPARE(t.at(row).hostNames, QStringList{u"peer.local"_s});
    }
    // The second host renames itself (RFC 6762 section 9) and announces the new name from
    // both of its addresses: they are one host.
    const DnsMessage renamed = hostAnnouncement(u"peer-2.local"_s, "169.254.1.2", "fe80::2");
    t.add(packetOn("169.254.1.2", 3 * kSecond, u"eth0"_s), renamed);
    t.add(packetOn("fe80::2", 3 * kSecond, u"eth0"_s), renamed);
    QCOMPARE(t.size(), 3);
    QCOMPARE(t.at(1).addressList(), addresses({"169.254.1.2", "fe80::2"}));
    QCOMPARE(t.at(1).hostNames, QStringList({u"peer-2.local"_s, u"peer.local"_s}));
    QCOMPARE(t.at(2).addressList(), addresses({"fe80::1"}));
}

// The usual order: the first host is one row already when the second probes its name from
// both of its addresses; neither joins it.
void TestSenderTable::conflictAfterTheHostIsKnown()
{
    SenderTable t;
    const DnsMessage peer = hostAnnouncement(u"peer.local"_s, "169.254.1.1", "fe80::1");
    t.add(packetOn("169.254.1.1", kSecond, u"eth0"_s), peer);
    t.add(packetOn("fe80::1", kSecond, u"eth0"_s), peer);
    QCOMPARE(t.size(), 1);
    t.add(packetOn("fe80::2", 2 * kSecond, u"eth0"_s), probe(u"peer.local"_s, "fe80::2"));
    t.add(packetOn("169.254.1.2", 2 * kSecond, u"eth0"_s), probe(u"peer.local"_s, "169.254.1.2"));
    QCOMPARE(t.size(), 3);
    QCOMPARE(t.at(0).addressList(), addresses({"169.254.1.1", "fe80::1"}));
    QCOMPARE(t.at(1).addressList(), addresses({"fe80::2"}));
    QCOMPARE(t.at(2).addressList(), addresses({"169.254.1.2"}));
    QVERIFY(t.isContested(u"peer.local"_s));
}

// A host that announces only a global IPv6 address but sends from its link-local one does
// not claim the name for itself over IPv6: its addresses stay two rows, both listing it.
void TestSenderTable::globalAddressOnlyDoesNotGroup()
{
    SenderTable t;
    const DnsMessage nas = hostAnnouncement(u"nas.local"_s, "169.254.0.4", "2001:db8::4");
    t.add(packetOn("169.254.0.4", kSecond, u"eth0"_s), nas);
    t.add(packetOn("fe80::4", kSecond, u"eth0"_s), nas);
    QCOMPARE(t.size(), 2);
    QCOMPARE(t.at(0).addressList(), addresses({"169.254.0.4"}));
    QCOMPARE(t.at(1).addressList(), addresses({"fe80::4"}));
    QCOMPARE(t.at(1).hostNames, QStringList{u"nas.local"_s});
    QCOMPARE(t.rowOfHostName(u"nas.local"_s), 0);
}

QTEST_GUILESS_MAIN(TestSenderTable)
#include "tst_sendertable.moc"
