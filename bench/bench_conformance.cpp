// The conformance checker's cost on the decode thread (issue #15): a capture file (bench/run.sh
// gives it the 200,000-packet file bench_makecapture builds from the corpus) read once, then
// pushed through a PacketPipeline in batches of 1024 three times: decode alone (a consumer that
// does nothing), with the checker fed (CheckerConsumer), and with its changes taken every
// other batch as the window's AnalyzerSession paces them (every 100 ms at 20,000 packets/s).
// CPU time of this thread and allocations per packet (mdnscope_alloc's counters), each pass's
// difference to decode alone being the checker's share. Prints one markdown row per figure.
#include "AllocationCounter.h"
#include "BenchReport.h"
#include "CaptureFileReader.h"
#include "CheckerConsumer.h"
#include "ConformanceChecker.h"
#include "DecodedPacket.h"
#include "PacketConsumer.h"
#include "PacketPipeline.h"

#include <QCoreApplication>
#include <QTextStream>

#include <ctime>

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype kBatch = 1024;

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

class NullConsumer final : public PacketConsumer
{
public:
    bool consume(const DecodedPacket &) override { return true; }
};

struct Pass
{
    double cpuUs = 0;       // per packet
    double allocations = 0; // per packet
    double bytes = 0;       // per packet
    qsizetype findings = 0;
};

// mode 0: decode alone; 1: checker fed; 2: checker fed, changes taken every other batch.
Pass run(const QList<Packet> &packets, int mode)
{
    PacketPipeline pipeline;
    NullConsumer null;
    ConformanceChecker checker;
    CheckerConsumer feed(checker);
    pipeline.addConsumer(mode == 0 ? static_cast<PacketConsumer &>(null) : feed);
    const AllocationCounts before = AllocationCounter::thisThread();
    const qint64 t0 = threadCpuNs();
    for (qsizetype first = 0, n = 0; first < packets.size(); first += kBatch, ++n) {
        pipeline.push(packets.mid(first, kBatch));
        if (mode == 2 && n % 2 == 1)
            checker.takeChanges();
    }
    pipeline.finish();
    const qint64 ns = threadCpuNs() - t0;
    const AllocationCounts d = AllocationCounter::delta(before, AllocationCounter::thisThread());
    const double count = double(packets.size());
    return {double(ns) / 1000.0 / count, double(d.allocations) / count,
            double(d.bytesAllocated) / count, checker.findings().size()};
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        QTextStream(stderr) << "usage: bench_conformance CAPTURE.pcapng\n";
        return 2;
    }
    const CaptureFileResult file = CaptureFileReader::readFile(QString::fromLocal8Bit(argv[1]));
    if (file.error || file.packets.isEmpty()) {
        QTextStream(stderr) << "bench_conformance: cannot read " << argv[1] << ": "
                            << (file.error ? file.error->toString() : u"no packets"_s) << '\n';
        return 1;
    }
    const Pass alone = run(file.packets, 0);
    const Pass fed = run(file.packets, 1);
    const Pass paced = run(file.packets, 2);
    const QString n = QString::number(file.packets.size());
    BenchReport::row(
        u"Conformance checker, decode thread (CPU)"_s,
        u"%1 packets of the benchmark capture in batches of 1024: decode alone; with the checker "
        "fed; with its changes taken every other batch (the window's pacing)"_s.arg(n),
        u"%1 / %2 / %3 µs/packet (%4 findings)"_s
            .arg(BenchReport::num(alone.cpuUs, 2), BenchReport::num(fed.cpuUs, 2),
                 BenchReport::num(paced.cpuUs, 2))
            .arg(fed.findings),
        u"checker %1 µs/packet; %2x of 20,000/s"_s.arg(
            BenchReport::num(paced.cpuUs - alone.cpuUs, 2),
            BenchReport::num(1e6 / paced.cpuUs / 20'000, 1)),
        u">= 20,000 packets/s with the checker, off the GUI thread"_s,
        BenchReport::met(1e6 / paced.cpuUs >= 20'000));
    BenchReport::row(u"Conformance checker, decode thread (allocations)"_s,
                     u"the same passes: allocations and bytes allocated per packet"_s,
                     u"%1 / %2 / %3 allocations, %4 / %5 / %6 B per packet"_s.arg(
                         BenchReport::num(alone.allocations, 2),
                         BenchReport::num(fed.allocations, 2),
                         BenchReport::num(paced.allocations, 2), BenchReport::num(alone.bytes, 0),
                         BenchReport::num(fed.bytes, 0), BenchReport::num(paced.bytes, 0)),
                     u"checker %1 allocations/packet"_s.arg(
                         BenchReport::num(fed.allocations - alone.allocations, 2)),
                     u"reported (no target)"_s, u"-"_s);
    return 0;
}
