// BatchAnalyzer and AnalyzerSession: the live decode for display, off the GUI thread. The
// flags, the senders' claimed names and the summaries must be exactly what the GUI thread
// computed itself before (SenderTable::add with the decoded message, DnsDecoder::summary),
// on built packets and on the real captures in ../shared/corpus; the session decodes on its
// own thread, in order, drops what was submitted before a discard, and shuts down with
// batches in flight.
#include "AllocationCounter.h"
#include "AnalyzedBatch.h"
#include "AnalyzerSession.h"
#include "BatchAnalyzer.h"
#include "CaptureFileReader.h"
#include "DnsDecoder.h"
#include "DnsWireBuilder.h"
#include "MdnsBuilder.h"
#include "SenderTable.h"
#include "TestPackets.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
using TestPackets::packet;
constexpr int kTimeoutMs = 10'000;

QString corpusDir()
{
    return QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus");
}

QByteArray announcement(int i, const QString &hostPrefix = u"host"_s)
{
    using namespace MdnsBuilder;
    const QString instance = u"Printer %1._ipp._tcp.local"_s.arg(i);
    const QString host = u"%1%2.local"_s.arg(hostPrefix).arg(i);
    return response({ptr(u"_ipp._tcp.local"_s, instance), srv(instance, 631, host),
                     txt(instance, {"txtvers=1"}), a(host, 0xA9FE0000u + quint32(i % 250 + 1))},
                    {ptr(u"1.0.254.169.in-addr.arpa"_s, host)});
}

// A probe: the question plus the proposed records in the authority section (own names).
QByteArray probe(const QByteArray &host)
{
    DnsWireBuilder b;
    b.header(0, 0, 1, 0, 1, 0);
    b.question(host, 255, 1);
    b.record(host, 1, 1, 120, QByteArray("\xa9\xfe\x00\x09", 4));
    return b.bytes();
}

// The address's A or AAAA record (by its family) for a host name.
MdnsBuilder::Record addressRecord(const QString &host, const char *address)
{
    const IpAddress a = IpAddress::fromString(QString::fromLatin1(address));
    return MdnsBuilder::Record{
        host, quint16(a.isV4() ? 1 : 28),
        QByteArray(reinterpret_cast<const char *>(a.bytes().data()), a.isV4() ? 4 : 16)};
}

// A probe proposing an address record for a host name.
QByteArray probeFor(const QString &host, const char *address)
{
    const MdnsBuilder::Record r = addressRecord(host, address);
    DnsWireBuilder b;
    b.header(0, 0, 1, 0, 1, 0);
    b.question(host.toLatin1(), 255, 1);
    b.record(host.toLatin1(), r.type, 1, 120, r.rdata);
    return b.bytes();
}

// A query with a known answer: another host's record, not the sender's own.
QByteArray queryWithKnownAnswer(const QByteArray &otherHost)
{
    DnsWireBuilder b;
    b.header(0, 0, 1, 1, 0, 0);
    b.question("_ipp._tcp.local", 12, 1);
    b.record(otherHost, 1, 1, 120, QByteArray("\xa9\xfe\x00\x0a", 4));
    return b.bytes();
}

// Mixed traffic from four senders: announcements, probes, known-answer queries, a PTR to
// the meta query, truncated and junk datagrams; sender .3 claims more than the per-sender
// bound of names.
PacketBatch mixedTraffic()
{
    PacketBatch batch;
    int i = 0;
    for (int n = 0; n < 40; ++n) {
        batch.append(packet(announcement(n % 13), i++, "169.254.0.1"));
        batch.append(
            packet(probe("probe" + QByteArray::number(n % 5) + ".local"), i++, "169.254.0.2", 64));
        batch.append(packet(queryWithKnownAnswer("other" + QByteArray::number(n) + ".local"), i++,
                            "169.254.0.2"));
        batch.append(packet(MdnsBuilder::response({MdnsBuilder::ptr(
                                u"_services._dns-sd._udp.local"_s, u"_ipp._tcp.local"_s)}),
                            i++, "fe80::1"));
        batch.append(packet(announcement(n).left(30), i++, "169.254.0.1")); // cut: malformed
        batch.append(packet(QByteArray("\x01\x02", 2), i++, "fe80::1"));    // junk
    }
    for (int n = 0; n < 600; ++n)
        batch.append(packet(announcement(n, u"h"_s), i++, "169.254.0.3"));
    return batch;
}

// Dual-stack hosts: each sends from an IPv4 and an IPv6 link-local address, queries first
// (so both addresses are rows before any name joins them), then announces its host name
// with both of its addresses (A and AAAA) from both, in an order that makes later rows join
// earlier ones; every host also announces the same service instance (which joins nothing).
// Host 3's name differs in case between its addresses.
PacketBatch dualStackTraffic(int hosts)
{
    using namespace MdnsBuilder;
    PacketBatch batch;
    int i = 0;
    auto addressOf = [](int host, bool v6) {
        return v6 ? QByteArray("fe80::" + QByteArray::number(host + 1, 16))
                  : QByteArray("169.254.1." + QByteArray::number(host + 1));
    };
    auto from = [&](const QByteArray &data, int host, bool v6) {
        Packet p = packet(data, i++, addressOf(host, v6).constData(), v6 && host % 2 ? 1 : 255);
        if (v6)
            p.interfaceName = host % 3 ? u"eth0"_s : u"veth0"_s;
        batch.append(p);
    };
    for (int h = 0; h < hosts; ++h) {
        from(query(u"_http._tcp.local"_s, 12), h, h % 2);
        from(query(u"_ipp._tcp.local"_s, 12), h, !(h % 2));
    }
    for (int h = hosts - 1; h >= 0; --h) {
        for (const bool v6 : {true, false}) {
            const QString host = u"%1%2.local"_s.arg(h == 3 && v6 ? u"HOST"_s : u"host"_s).arg(h);
            from(response({srv(u"Shared._http._tcp.local"_s, 80, host),
                           addressRecord(host, addressOf(h, false).constData())},
                          {addressRecord(host, addressOf(h, true).constData())}),
                 h, v6);
        }
    }
    return batch;
}

// A sleep proxy and a name conflict, interleaved, where the order of claims across senders
// matters: .1 claims one.local; host 2 probes peer.local from .2 and fe80::2 (they join);
// then .1 defends peer.local (a conflict: joins nothing). Applied sender by sender, .1's
// claims would come first and keep .2 and fe80::2 apart. The proxy .50 answers for the
// Mac's addresses .7 and fe80::7 in between; those announce themselves too.
PacketBatch conflictAndProxyTraffic()
{
    using namespace MdnsBuilder;
    PacketBatch batch;
    int i = 0;
    const QString peer = u"peer.local"_s, mac = u"mac.local"_s;
    const QByteArray proxyAnswer =
        response({addressRecord(mac, "169.254.0.7"), addressRecord(mac, "fe80::7")},
                 {addressRecord(u"proxy.local"_s, "169.254.0.50")});
    const QByteArray macAnnouncement =
        response({addressRecord(mac, "169.254.0.7"), addressRecord(mac, "fe80::7")});
    for (int round = 0; round < 3; ++round) {
        batch.append(packet(query(u"x.local"_s, 1), i++, "169.254.1.1"));
        batch.append(packet(proxyAnswer, i++, "169.254.0.50"));
        batch.append(
            packet(response({addressRecord(u"one.local"_s, "169.254.1.1")}), i++, "169.254.1.1"));
        batch.append(packet(probeFor(peer, "169.254.1.2"), i++, "169.254.1.2"));
        batch.append(packet(macAnnouncement, i++, "fe80::7"));
        batch.append(packet(probeFor(peer, "fe80::2"), i++, "fe80::2"));
        batch.append(packet(proxyAnswer, i++, "169.254.0.50"));
        batch.append(
            packet(response({addressRecord(peer, "169.254.1.1"), addressRecord(peer, "fe80::1")}),
                   i++, "169.254.1.1"));
        batch.append(packet(macAnnouncement, i++, "169.254.0.7"));
        batch.append(
            packet(response({addressRecord(peer, "169.254.1.1"), addressRecord(peer, "fe80::1")}),
                   i++, "fe80::1"));
    }
    return batch;
}

// What the GUI thread used to compute: a decode per packet and SenderTable::add(p, m).
SenderTable tableFromMessages(const PacketBatch &packets)
{
    SenderTable t;
    for (const Packet &p : packets)
        t.add(p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields));
    return t;
}

// The live path: the packets analysed in batches of `batchSize`, each batch applied as
// PacketDocument does (flags, then claims).
SenderTable tableFromAnalysis(const PacketBatch &packets, qsizetype batchSize)
{
    SenderTable t;
    for (qsizetype first = 0; first < packets.size(); first += batchSize) {
        const AnalyzedBatch a = BatchAnalyzer::analyze(packets.mid(first, batchSize));
        for (qsizetype i = 0; i < a.size(); ++i)
            t.add(a.packets.at(i), a.isMalformed(i));
        for (const SenderClaims &c : a.claims)
            t.addClaims(c);
    }
    return t;
}

void compareTables(const SenderTable &actual, const SenderTable &expected)
{
    QCOMPARE(actual.size(), expected.size());
    QCOMPARE(actual.latestNs(), expected.latestNs());
    for (qsizetype row = 0; row < expected.size(); ++row) {
        const SenderInfo &a = actual.at(row);
        const SenderInfo &e = expected.at(row);
        QCOMPARE(a.addresses, e.addresses);
        QCOMPARE(a.packets, e.packets);
        QCOMPARE(a.bytes, e.bytes);
        QCOMPARE(a.firstSeenNs, e.firstSeenNs);
        QCOMPARE(a.lastSeenNs, e.lastSeenNs);
        QCOMPARE(a.hostNames, e.hostNames);
        QCOMPARE(a.serviceInstances, e.serviceInstances);
        QCOMPARE(a.ttlNot255, e.ttlNot255);
        QCOMPARE(a.malformed, e.malformed);
        QVERIFY(a.bucketCounts == e.bucketCounts);
        QVERIFY(a.bucketSeconds == e.bucketSeconds);
    }
}

PacketBatch numbered(int first, int count)
{
    static const QList<QByteArray> payloads = [] {
        QList<QByteArray> list;
        for (int i = 0; i < 50; ++i)
            list.append(announcement(i));
        return list;
    }();
    PacketBatch batch;
    batch.reserve(count);
    for (int i = first; i < first + count; ++i)
        batch.append(packet(payloads.at(i % payloads.size()), i));
    return batch;
}
} // namespace

class TestBatchAnalyzer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void flagsFollowTheDecode();
    void claimsGiveTheSameSendersAsTheDecodedMessages();
    void claimsAreDeduplicatedWithinABatch();
    void dualStackHostsGiveTheSameSenders();
    void conflictAndProxyGiveTheSameSenders();
    void corpusGivesTheSameSenders();
    void summariesOfTheNewestPackets();
    void coalescedBatchesKeepTheNewestSummaries();
    void decodesOnItsOwnThreadInOrder();
    void discardDropsBatchesInFlight();
    void shutdownWithBatchesInFlight();
};

void TestBatchAnalyzer::flagsFollowTheDecode()
{
    const PacketBatch batch = mixedTraffic();
    const AnalyzedBatch a = BatchAnalyzer::analyze(batch);
    QCOMPARE(a.size(), batch.size());
    QCOMPARE(a.flags.size(), batch.size());
    int malformed = 0, responses = 0;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const DnsMessage m = DnsDecoder::decode(batch.at(i).data);
        QCOMPARE(a.isMalformed(i), m.isMalformed());
        // The response bit as the store reads it: from the raw header, even when cut.
        const bool qr = batch.at(i).data.size() >= 3 && (quint8(batch.at(i).data.at(2)) & 0x80);
        QCOMPARE(bool(a.flags.at(i) & AnalyzedBatch::Response), qr);
        malformed += m.isMalformed() ? 1 : 0;
        responses += qr ? 1 : 0;
    }
    QCOMPARE(malformed, 80); // the cut announcements and the junk
    QVERIFY(responses > 600);
    // The packets are handed on, not copied.
    QCOMPARE(a.packets.at(0).data.constData(), batch.at(0).data.constData());
}

void TestBatchAnalyzer::claimsGiveTheSameSendersAsTheDecodedMessages()
{
    const PacketBatch batch = mixedTraffic();
    const SenderTable expected = tableFromMessages(batch);
    // The traffic exercises every rule: own records of responses, probes' authority records,
    // no known answers, no meta PTR, and the bound.
    const qsizetype probeRow = expected.rowOf(IpAddress::fromString(u"169.254.0.2"_s));
    QCOMPARE(expected.at(probeRow).hostNames.size(), 5);
    QCOMPARE(expected.at(expected.rowOf(IpAddress::fromString(u"fe80::1"_s))).serviceInstances,
             QStringList());
    QCOMPARE(expected.at(expected.rowOf(IpAddress::fromString(u"169.254.0.3"_s))).hostNames.size(),
             SenderTable::kMaxNamesPerSender);

    for (const qsizetype batchSize : {qsizetype(1), qsizetype(7), qsizetype(100), batch.size()}) {
        compareTables(tableFromAnalysis(batch, batchSize), expected);
        if (QTest::currentTestFailed())
            qWarning("batches of %lld packets", qlonglong(batchSize));
    }

    // Coalesced: batches merged with AnalyzedBatch::append before being applied.
    AnalyzedBatch merged;
    for (qsizetype first = 0; first < batch.size(); first += 64)
        merged.append(BatchAnalyzer::analyze(batch.mid(first, 64)), BatchAnalyzer::kSummaries);
    SenderTable t;
    for (qsizetype i = 0; i < merged.size(); ++i)
        t.add(merged.packets.at(i), merged.isMalformed(i));
    for (const SenderClaims &c : merged.claims)
        t.addClaims(c);
    compareTables(t, expected);
}

void TestBatchAnalyzer::claimsAreDeduplicatedWithinABatch()
{
    const PacketBatch batch = mixedTraffic();
    const AnalyzedBatch a = BatchAnalyzer::analyze(batch);
    // One entry per run of one sender's new claims, in the order claimed (.1 and .2 take
    // turns while they claim new names), none empty.
    QList<IpAddress> senders;
    QHash<IpAddress, SenderClaims> all;
    for (qsizetype i = 0; i < a.claims.size(); ++i) {
        const SenderClaims &c = a.claims.at(i);
        QVERIFY(!c.hostNames.isEmpty() || !c.serviceInstances.isEmpty());
        QCOMPARE(c.selfAddressed.size(), c.hostNames.size());
        QVERIFY(i == 0 || a.claims.at(i - 1).sender != c.sender);
        if (!senders.contains(c.sender))
            senders.append(c.sender);
        SenderClaims &s = all[c.sender];
        s.hostNames += c.hostNames;
        s.selfAddressed += c.selfAddressed;
        s.serviceInstances += c.serviceInstances;
    }
    QVERIFY(a.claims.size() > 3);
    QCOMPARE(senders, QList<IpAddress>({IpAddress::fromString(u"169.254.0.1"_s),
                                        IpAddress::fromString(u"169.254.0.2"_s),
                                        IpAddress::fromString(u"169.254.0.3"_s)}));
    // 40 announcements of 13 printers: each name once, in the order first claimed; host0's
    // A record holds 169.254.0.1, the sender's own address.
    const SenderClaims &one = all[senders.at(0)];
    QCOMPARE(one.hostNames.size(), 13);
    QCOMPARE(one.hostNames.first(), u"host0.local"_s);
    QCOMPARE(one.hostNames.at(12), u"host12.local"_s);
    QCOMPARE(one.selfAddressed.count(true), 1);
    QVERIFY(one.selfAddressed.first());
    QCOMPARE(one.serviceInstances.size(), 13);
    // The probes propose 169.254.0.9, not the sender's address.
    const SenderClaims &two = all[senders.at(1)];
    QCOMPARE(two.hostNames, QStringList({u"probe0.local"_s, u"probe1.local"_s, u"probe2.local"_s,
                                         u"probe3.local"_s, u"probe4.local"_s}));
    QCOMPARE(two.selfAddressed.count(true), 0);
    QVERIFY(two.serviceInstances.isEmpty());
    // Bounded like the table: the first names claimed; beyond the bound only a name claimed
    // for itself (h502.local, A 169.254.0.3), which may be in the row already and join it.
    const SenderClaims &three = all[senders.at(2)];
    QCOMPARE(three.hostNames.size(), SenderTable::kMaxNamesPerSender + 1);
    QCOMPARE(three.hostNames.at(SenderTable::kMaxNamesPerSender - 1), u"h255.local"_s);
    QCOMPARE(three.hostNames.last(), u"h502.local"_s);
    QVERIFY(three.selfAddressed.last());
    QCOMPARE(three.selfAddressed.count(true), 3); // h2, h252, h502
}

// The file path (add(packet, message)) and the live path (batches: flags, then claims) join
// the same addresses into the same hosts.
void TestBatchAnalyzer::dualStackHostsGiveTheSameSenders()
{
    const int hosts = 12;
    const PacketBatch batch = dualStackTraffic(hosts);
    const SenderTable expected = tableFromMessages(batch);
    QCOMPARE(expected.size(), hosts);
    for (qsizetype row = 0; row < expected.size(); ++row) {
        const SenderInfo &s = expected.at(row);
        QCOMPARE(s.addresses.size(), 2);
        QCOMPARE(s.packets, 4u);
        QCOMPARE(s.hostNames.size(), row == 3 ? 2 : 1);
        QCOMPARE(s.serviceInstances, QStringList{u"Shared._http._tcp.local"_s});
        QCOMPARE(expected.rowOf(s.addresses.at(1).address), row);
    }
    for (const qsizetype batchSize : {qsizetype(1), qsizetype(5), qsizetype(30), batch.size()}) {
        compareTables(tableFromAnalysis(batch, batchSize), expected);
        if (QTest::currentTestFailed())
            qWarning("batches of %lld packets", qlonglong(batchSize));
    }
    SenderTable whole;
    whole.add(BatchAnalyzer::analyze(batch));
    compareTables(whole, expected);
}

// Claims for other addresses (a sleep proxy) merge nothing and a conflict splits, the same
// on both paths: the live path applies claims in the order they were made.
void TestBatchAnalyzer::conflictAndProxyGiveTheSameSenders()
{
    const PacketBatch batch = conflictAndProxyTraffic();
    const SenderTable expected = tableFromMessages(batch);
    auto rowOf = [&expected](const char *address) {
        return expected.rowOf(IpAddress::fromString(QString::fromLatin1(address)));
    };
    QCOMPARE(expected.size(), 5);
    QCOMPARE(rowOf("169.254.0.50"), 1);
    QCOMPARE(expected.at(1).addresses.size(), 1);
    QCOMPARE(expected.at(1).hostNames, QStringList({u"mac.local"_s, u"proxy.local"_s}));
    QCOMPARE(rowOf("169.254.1.2"), 2);
    QCOMPARE(rowOf("fe80::2"), 2);
    QCOMPARE(rowOf("fe80::7"), 3);
    QCOMPARE(rowOf("169.254.0.7"), 3);
    QCOMPARE(rowOf("169.254.1.1"), 0);
    QCOMPARE(rowOf("fe80::1"), 4);
    QVERIFY(expected.isContested(u"peer.local"_s));
    QVERIFY(!expected.isContested(u"mac.local"_s));
    for (const qsizetype batchSize :
         {qsizetype(1), qsizetype(2), qsizetype(3), qsizetype(7), batch.size()}) {
        compareTables(tableFromAnalysis(batch, batchSize), expected);
        if (QTest::currentTestFailed())
            qWarning("batches of %lld packets", qlonglong(batchSize));
    }
    SenderTable whole;
    whole.add(BatchAnalyzer::analyze(batch));
    compareTables(whole, expected);
}

void TestBatchAnalyzer::corpusGivesTheSameSenders()
{
    const QDir dir(corpusDir());
    if (!dir.exists(u"MANIFEST.txt"_s))
        QSKIP("../shared/corpus (third-party captures) is not present next to the repo");
    const QStringList files = dir.entryList({u"*.pcap"_s, u"*.pcapng"_s}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    qsizetype total = 0;
    int withNames = 0;
    for (const QString &file : files) {
        const CaptureFileResult read = CaptureFileReader::readFile(dir.filePath(file));
        if (read.packets.isEmpty())
            continue;
        total += read.packets.size();
        const SenderTable expected = tableFromMessages(read.packets);
        for (qsizetype row = 0; row < expected.size(); ++row)
            withNames +=
                expected.at(row).hostNames.isEmpty() && expected.at(row).serviceInstances.isEmpty()
                    ? 0
                    : 1;
        for (const qsizetype batchSize : {qsizetype(3), qsizetype(1024)}) {
            compareTables(tableFromAnalysis(read.packets, batchSize), expected);
            if (QTest::currentTestFailed()) {
                qWarning("%s, batches of %lld", qPrintable(file), qlonglong(batchSize));
                return;
            }
        }
        const AnalyzedBatch a = BatchAnalyzer::analyze(read.packets);
        for (qsizetype i = 0; i < a.size(); ++i)
            QCOMPARE(a.isMalformed(i), DnsDecoder::decode(a.packets.at(i).data).isMalformed());
    }
    qInfo("%lld corpus packets, %d senders with names", qlonglong(total), withNames);
    QVERIFY(total > 100);
    QVERIFY(withNames > 0); // the comparison covered real claims
}

void TestBatchAnalyzer::summariesOfTheNewestPackets()
{
    const PacketBatch batch = mixedTraffic();
    const AnalyzedBatch a = BatchAnalyzer::analyze(batch);
    QCOMPARE(a.summaries.size(), BatchAnalyzer::kSummaries);
    const qsizetype first = batch.size() - BatchAnalyzer::kSummaries;
    for (qsizetype j = 0; j < a.summaries.size(); ++j)
        QCOMPARE(a.summaries.at(j),
                 DnsDecoder::summary(DnsDecoder::decode(batch.at(first + j).data),
                                     DnsDecoder::Language::Translated));
    QVERIFY(a.summaries.last().startsWith(u"Announcement: _ipp._tcp.local PTR Printer 599"_s));

    // Fewer packets than summaries: every one; none asked for: none.
    const AnalyzedBatch small = BatchAnalyzer::analyze(batch.mid(0, 5));
    QCOMPARE(small.summaries.size(), 5);
    QCOMPARE(small.summaries.at(4), DnsDecoder::summary(DnsDecoder::decode(batch.at(4).data),
                                                        DnsDecoder::Language::Translated));
    QVERIFY(small.summaries.at(4).contains(u"Malformed"_s));
    QCOMPARE(BatchAnalyzer::analyze(batch.mid(0, 5), 0).summaries.size(), 0);
    QVERIFY(BatchAnalyzer::analyze({}).isEmpty());
}

void TestBatchAnalyzer::coalescedBatchesKeepTheNewestSummaries()
{
    const PacketBatch batch = numbered(0, 300);
    auto summaryOf = [&](qsizetype i) {
        return DnsDecoder::summary(DnsDecoder::decode(batch.at(i).data),
                                   DnsDecoder::Language::Translated);
    };
    // Small later batches extend the tail: 200 + 10 + 10 packets, 64 newest summarised.
    AnalyzedBatch merged = BatchAnalyzer::analyze(batch.mid(0, 200));
    merged.append(BatchAnalyzer::analyze(batch.mid(200, 10)), 64);
    merged.append(BatchAnalyzer::analyze(batch.mid(210, 10)), 64);
    QCOMPARE(merged.size(), 220);
    QCOMPARE(merged.flags.size(), 220);
    QCOMPARE(merged.summaries.size(), 64);
    for (qsizetype j = 0; j < 64; ++j)
        QCOMPARE(merged.summaries.at(j), summaryOf(220 - 64 + j));
    // A later batch that summarised only its tail replaces the older summaries.
    merged.append(BatchAnalyzer::analyze(batch.mid(220, 80), 8), 64);
    QCOMPARE(merged.summaries.size(), 8);
    QCOMPARE(merged.summaries.last(), summaryOf(299));
}

void TestBatchAnalyzer::decodesOnItsOwnThreadInOrder()
{
    AnalyzerSession session;
    QSignalSpy spy(&session, &AnalyzerSession::analyzed);
    constexpr int kBatches = 8, kPerBatch = 1000;
    QList<PacketBatch> batches;
    for (int b = 0; b < kBatches; ++b)
        batches.append(numbered(b * kPerBatch, kPerBatch));
    const bool counted = AllocationCounter::countsMalloc();
    const AllocationCounts before = AllocationCounter::thisThread();
    for (PacketBatch &batch : batches)
        session.submit(std::move(batch));
    QCOMPARE(session.inFlight(), kBatches);
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), kBatches, kTimeoutMs);
    const quint64 here = AllocationCounter::thisThread().allocations - before.allocations;
    QCOMPARE(session.inFlight(), 0);

    QVERIFY(session.analysisThread()->isRunning());
    QCOMPARE(session.analysisThread()->objectName(), u"mdnscope-decode"_s);
    QVERIFY(session.analysisThread() != QThread::currentThread());
    for (int b = 0; b < kBatches; ++b) {
        const auto a = spy.at(b).at(0).value<AnalyzedBatch>();
        QCOMPARE(a.size(), kPerBatch);
        QCOMPARE(a.packets.first().timestampNs, packet({}, b * kPerBatch).timestampNs);
        QCOMPARE(a.generation, session.generation());
        QVERIFY(a.analysisNs > 0);
    }
    // Decoding a packet costs ~25 allocations; this thread only handed the batches over,
    // waited and received the results.
    if (counted) {
        const double perPacket = double(here) / (kBatches * kPerBatch);
        qInfo("%.2f allocations per packet on the submitting thread", perPacket);
        QVERIFY2(perPacket < 1, qPrintable(QString::number(perPacket)));
    }
}

void TestBatchAnalyzer::discardDropsBatchesInFlight()
{
    AnalyzerSession session;
    QSignalSpy spy(&session, &AnalyzerSession::analyzed);
    for (int b = 0; b < 20; ++b)
        session.submit(numbered(b * 2000, 2000));
    const quint64 old = session.generation();
    session.discardInFlight(); // e.g. Clear
    QCOMPARE(session.inFlight(), 0);
    QVERIFY(session.generation() > old);
    session.submit(numbered(900'000, 3));
    QTRY_COMPARE_WITH_TIMEOUT(session.inFlight(), 0, kTimeoutMs);
    // Let whatever the thread still had queued arrive: none of it is emitted.
    QTest::qWait(300);
    QCOMPARE(spy.size(), 1);
    const auto a = spy.at(0).at(0).value<AnalyzedBatch>();
    QCOMPARE(a.size(), 3);
    QCOMPARE(a.packets.first().timestampNs, packet({}, 900'000).timestampNs);
    // Submitting nothing sends nothing.
    session.submit({});
    QCOMPARE(session.inFlight(), 0);
}

void TestBatchAnalyzer::shutdownWithBatchesInFlight()
{
    auto session = std::make_unique<AnalyzerSession>();
    QSignalSpy spy(session.get(), &AnalyzerSession::analyzed);
    constexpr int kBatches = 50, kPerBatch = 4000; // ~0.5 s of decoding or more
    for (int b = 0; b < kBatches; ++b)
        session->submit(numbered(b * kPerBatch, kPerBatch));
    QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 1, kTimeoutMs); // the thread is busy
    const QThread *thread = session->analysisThread();
    QVERIFY(thread->isRunning());
    QElapsedTimer t;
    t.start();
    session.reset(); // queued batches skipped, the current one finished
    const qint64 ms = t.elapsed();
    qInfo("destroyed with batches in flight in %lld ms", ms);
    QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
    QCoreApplication::processEvents(); // results posted to the dead session go nowhere
    QVERIFY(spy.size() < kBatches);

    // A session that never started a thread ends at once.
    AnalyzerSession idle;
    QVERIFY(!idle.analysisThread()->isRunning());
}

QTEST_GUILESS_MAIN(TestBatchAnalyzer)
#include "tst_batchanalyzer.moc"
