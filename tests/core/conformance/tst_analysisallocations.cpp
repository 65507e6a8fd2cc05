#include "AllocationCounter.h"
#include "ConformanceChecker.h"
#include "DnsDecoder.h"
#include "DnsMessage.h"
#include "MdnsBuilder.h"
#include "Packet.h"
#include "ServiceDirectory.h"
#include "TestPackets.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace MdnsBuilder;

// The analysis on the decode thread allocates nothing for traffic it has seen before (issue
// #18): a repeated occurrence of a finding already open is counted without building its
// sentence, names and rdata keys already known are not formed again, and the service directory
// refreshing records it holds moves no node and builds no key. Counted by mdnscope_alloc on
// this thread over the steady part of a flood, after the first packets made the state.
namespace {

const QString kHost = u"Alpha-Host.local"_s;
const QString kType = u"_ipp._tcp.local"_s;
const QString kInstance = u"Alpha Printer._ipp._tcp.local"_s;
constexpr quint32 kA1 = 0xA9FE0001;

struct Decoded
{
    Packet packet;
    DnsMessage message;
};

// `data` from 169.254.0.1 at `ms` after TestPackets::kStart, decoded beforehand.
Decoded decoded(const QByteArray &data, qint64 ms, quint16 sourcePort = 5353)
{
    Packet p = TestPackets::packet(data, 0, "169.254.0.1");
    p.timestampNs = TestPackets::kStart + ms * 1'000'000;
    p.sourcePort = sourcePort;
    return {p, DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields)};
}

// A flood of the same three messages 10 ms apart: an announcement (record-rate fires on each
// but the first), a goodbye (goodbye fires on each) and a query from port 5353 (query-backoff
// fires on each but the first).
QList<Decoded> flood(int rounds)
{
    const QByteArray announcement =
        response({ptr(kType, kInstance), srv(kInstance, 631, kHost), txt(kInstance, {"txtvers=1"}),
                  with(a(kHost, kA1), 120, true)});
    const QByteArray goodbye =
        response({with(ptr(u"_http._tcp.local"_s, u"Gone Page._http._tcp.local"_s), 0, false)});
    const QByteArray question = query(u"Beta-Host.local"_s, DnsType::A);
    QList<Decoded> out;
    for (int i = 0; i < rounds; ++i) {
        out.append(decoded(announcement, i * 30));
        out.append(decoded(goodbye, i * 30 + 10));
        out.append(decoded(question, i * 30 + 20));
    }
    return out;
}

// The occurrences of `rule`, over its findings (one per name).
quint64 countOf(const ConformanceChecker &checker, Rule rule)
{
    quint64 n = 0;
    for (const Finding &f : checker.findings()) {
        if (f.rule == rule)
            n += f.count;
    }
    return n;
}

} // namespace

class TestAnalysisAllocations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void repeatedFindingsAllocateNothing()
    {
        constexpr int kRounds = 300;
        constexpr int kWarmUp = 40; // past PacketRefs' first 16 numbers and every table's growth
        const QList<Decoded> packets = flood(kRounds);
        ConformanceChecker checker;
        quint64 number = 0;
        for (qsizetype i = 0; i < kWarmUp * 3; ++i)
            checker.add(packets[i].packet, packets[i].message, ++number);
        const qsizetype findingsBefore = checker.findings().size();
        const AllocationCounts before = AllocationCounter::thisThread();
        for (qsizetype i = kWarmUp * 3; i < packets.size(); ++i)
            checker.add(packets[i].packet, packets[i].message, ++number);
        const AllocationCounts d =
            AllocationCounter::delta(before, AllocationCounter::thisThread());

        // Every occurrence is counted on the finding already open, none added.
        QCOMPARE(checker.findings().size(), findingsBefore);
        QCOMPARE(countOf(checker, Rule::RecordRate), quint64(4 * (kRounds - 1)));
        QCOMPARE(countOf(checker, Rule::Goodbye), quint64(kRounds));
        QCOMPARE(countOf(checker, Rule::QueryBackoff), quint64(kRounds - 1));
        QCOMPARE(checker.lastFindings().size(), 1); // the last packet's: the back-off
        if (!AllocationCounter::countsMalloc())
            QSKIP("malloc is not counted in this build (sanitizers)");
        QCOMPARE(d.allocations, 0u);
    }

    void directoryRefreshAllocatesNothing()
    {
        constexpr int kRounds = 300;
        constexpr int kWarmUp = 40;
        const QList<Decoded> packets = flood(kRounds);
        ServiceDirectory directory;
        quint64 number = 0;
        for (qsizetype i = 0; i < kWarmUp * 3; ++i)
            directory.add(packets[i].packet, packets[i].message, ++number);
        const qsizetype records = directory.recordCount();
        const AllocationCounts before = AllocationCounter::thisThread();
        for (qsizetype i = kWarmUp * 3; i < packets.size(); ++i)
            directory.add(packets[i].packet, packets[i].message, ++number);
        const AllocationCounts d =
            AllocationCounter::delta(before, AllocationCounter::thisThread());

        QCOMPARE(directory.recordCount(), records);
        const DirectoryChanges changes = directory.takeChanges();
        QCOMPARE(changes.instances.size(), 2); // the printer, and the page that said goodbye
        for (const ServiceInstance &i : changes.instances) {
            if (i.name == u"Alpha Printer"_s) {
                QCOMPARE(i.state, RecordState::Live);
                QCOMPARE(i.packets.count, quint64(kRounds));
            }
        }
        if (!AllocationCounter::countsMalloc())
            QSKIP("malloc is not counted in this build (sanitizers)");
        QCOMPARE(d.allocations, 0u);
    }
};

QTEST_GUILESS_MAIN(TestAnalysisAllocations)
#include "tst_analysisallocations.moc"
