// Benchmark: capture throughput of the headless engine against the least a receiver
// can do, then zero loss at a paced rate.
//
// What is compared: inside a private network namespace a sender floods 224.0.0.251:5353
// over loopback with real mDNS datagrams (from ../shared/corpus) as fast as it can for
// FLOOD_SECONDS. The receiver is either `mdnscope --headless --interface lo` (the whole
// engine: capture thread, batching, hand-over to the main thread, statistics) or a bare
// C recvmmsg loop into fixed buffers that only counts (BareReceiver). Both bind the same
// port with address/port reuse and ask for the same 4 MiB SO_RCVBUF. We compare packets/s
// received, and CPU time per packet received. A third receiver, the bare loop asking the
// kernel for the same per-datagram facts the engine must record (source address,
// IP_PKTINFO, IP_TTL, SO_TIMESTAMPNS), splits the engine's extra CPU per packet into what
// the kernel spends delivering those facts and what the engine spends in user space.
//
// Why it is fair on a small machine:
// - One receiver at a time. Receiving the same flood at once would make the receivers
//   (and the engine's extra threads) compete for the same cores, so each would measure
//   the others' scheduling luck. Instead each round runs them one after the other, in
//   the order bare, bare+metadata, engine, then engine, bare+metadata, bare in the next
//   round (ABBA), so a slow drift in the machine's load hits all alike; we report
//   medians over ROUNDS rounds with their min-max spread, and each ratio is the median
//   of the per-round ratios.
// - Same placement for all: with two or more CPUs, the sender thread (and this
//   process's idle main thread) is pinned to one CPU and the receiver to another: the
//   bare loop's thread, or every thread of the engine process. Each side has a core of
//   its own and neither can starve the other. Sender and receiver run at nice -20
//   (when permitted), so other work on a busy machine takes ~1% of their cores rather
//   than an equal share each (without it, the sender's share of its core, and so the
//   flood rate, swung with whatever else ran there). (On loopback the sender also pays the
//   kernel's delivery into the receiver's socket queue, so the sender, not a receiver,
//   usually sets the offered rate: a receiver that keeps up receives everything.)
// - The flood saturates nothing artificially: the sender sends flat out with sendmmsg
//   from its own core, never sharing it with the receiver, so the offered rate is the
//   most one core can push; a receiver too slow for it shows as kernel drops
//   (SO_RXQ_OVFL) and fewer packets/s.
// - CPU per packet is each receiver's own run time (the scheduler's ns accounting:
//   the bare loop's thread, the sum of the engine's threads) over the flood and a
//   short drain, divided by the packets it received. It says what each could sustain
//   on one core (1 / CPU per packet) even when the sender, not the receiver, was the
//   limit. Setup and start-up are outside the measured interval.
//
// Usage: bench_capture [MDNSCOPE_BINARY] [FLOOD_SECONDS] [PACED_RATE] [PACED_SECONDS] [ROUNDS]
// MDNSCOPE_BENCH_PERF=FILE: record the first engine round with `perf record -g` into FILE.

#include "BareReceiver.h"
#include "BenchReport.h"
#include "CaptureFileReader.h"
#include "CpuAffinity.h"
#include "HeadlessProcess.h"
#include "MulticastFlooder.h"
#include "NetNamespace.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

const QString kBench = u"Capture throughput"_s;
constexpr int kReceiveBufferRequest = 4 << 20; // the same SO_RCVBUF request as UdpTransport
constexpr unsigned long kDrainMs = 300;        // after the flood: let the receiver empty its queue

QList<QByteArray> realDatagrams(QString *error)
{
    const QString path =
        QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
    const CaptureFileResult file = CaptureFileReader::readFile(path);
    QList<QByteArray> datagrams;
    for (const Packet &p : file.packets)
        datagrams.append(p.data);
    if (datagrams.isEmpty())
        *error = u"no datagrams in "_s + path +
                 (file.error ? u": "_s + file.error->toString() : QString());
    return datagrams;
}

void skipped(const QString &what, const QString &why)
{
    BenchReport::row(kBench, what, u"not measured: "_s + why, u"-"_s, u"-"_s, u"-"_s);
}

double meanSize(const QList<QByteArray> &datagrams)
{
    double total = 0;
    for (const QByteArray &d : datagrams)
        total += double(d.size());
    return total / double(datagrams.size());
}

// One receiver's flood round.
struct Round
{
    double sentPerSecond = 0;
    double receivedPerSecond = 0;
    double cpuNsPerPacket = 0;
    double coreBusy = 0; // receiver CPU time / wall time of the measured interval
    quint64 drops = 0;
    double senderCpuNsPerPacket = 0; // the sending thread's CPU time per datagram sent
    double senderBusy = 0;           // the sending thread's CPU time / flood time
    double packetsPerWakeup = 0;     // engine only: datagrams per capture-thread wake-up
};

struct Placement
{
    int sender = -1, receiver = -1;
};

Round finish(const MulticastFlooder &flood, double received, qint64 cpuNs, quint64 drops,
             qint64 intervalNs)
{
    Round r;
    const double seconds = flood.elapsedSeconds();
    r.sentPerSecond = double(flood.sent()) / seconds;
    r.receivedPerSecond = received / seconds;
    r.cpuNsPerPacket = received > 0 ? double(cpuNs) / received : 0;
    r.coreBusy = intervalNs > 0 ? double(cpuNs) / double(intervalNs) : 0;
    r.drops = drops;
    r.senderCpuNsPerPacket = flood.sent() > 0 ? double(flood.cpuNs()) / double(flood.sent()) : 0;
    r.senderBusy = double(flood.cpuNs()) / (seconds * 1e9);
    return r;
}

std::optional<Round> bareRound(const QList<QByteArray> &datagrams, double seconds, Placement cpus,
                               bool withMetadata, QString *error)
{
    BareReceiver bare;
    if (!bare.start(5353, kReceiveBufferRequest, error, cpus.receiver, withMetadata))
        return std::nullopt;
    QThread::msleep(100);
    const qint64 cpuStart = bare.cpuNs();
    const qint64 wallStart = BenchReport::nowNs();
    MulticastFlooder flood;
    if (!flood.start(datagrams, seconds, 0, 5353, cpus.sender)) {
        *error = u"the flooder could not start"_s;
        return std::nullopt;
    }
    flood.join();
    QThread::msleep(kDrainMs);
    const qint64 cpu = bare.cpuNs() - cpuStart;
    const qint64 wall = BenchReport::nowNs() - wallStart;
    bare.stop();
    return finish(flood, double(bare.packets()), cpu, bare.kernelDrops(), wall);
}

std::optional<Round> engineRound(const QString &binary, const QList<QByteArray> &datagrams,
                                 double seconds, Placement cpus, const QString &profile,
                                 QString *error)
{
    HeadlessProcess engine(binary);
    engine.setCpu(cpus.receiver);
    if (!engine.start({}, error))
        return std::nullopt;
    if (!profile.isEmpty() && !engine.startProfile(profile, error))
        return std::nullopt;
    const qint64 cpuStart = engine.cpuNs();
    const qint64 wallStart = BenchReport::nowNs();
    MulticastFlooder flood;
    if (!flood.start(datagrams, seconds, 0, 5353, cpus.sender)) {
        *error = u"the flooder could not start"_s;
        return std::nullopt;
    }
    flood.join();
    QThread::msleep(kDrainMs);
    const qint64 cpu = engine.cpuNs() - cpuStart;
    const qint64 wall = BenchReport::nowNs() - wallStart;
    if (!engine.stop(error))
        return std::nullopt;
    const qint64 drops = engine.value(u"kernel_drops"_s);
    const qint64 wakeups = engine.value(u"wakeups"_s);
    Round r = finish(flood, double(engine.value(u"packets"_s)), cpu,
                     quint64(std::max<qint64>(0, drops)), wall);
    if (wakeups > 0)
        r.packetsPerWakeup = double(engine.value(u"packets"_s)) / double(wakeups);
    return r;
}

// Median and range of a sample.
struct Spread
{
    double median = 0, min = 0, max = 0;
};

Spread spread(QList<double> values)
{
    if (values.isEmpty())
        return {};
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    const double median = n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
    return {median, values.first(), values.last()};
}

QString text(const Spread &s, double scale = 1, int decimals = 0)
{
    return u"%1 (%2-%3)"_s.arg(BenchReport::num(s.median * scale, decimals),
                               BenchReport::num(s.min * scale, decimals),
                               BenchReport::num(s.max * scale, decimals));
}

template<typename F>
QList<double> field(const QList<Round> &rounds, F f)
{
    QList<double> values;
    for (const Round &r : rounds)
        values.append(f(r));
    return values;
}

} // namespace

int main(int argc, char *argv[])
{
    NetNamespace::enter(); // before any thread exists
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString binary = args.value(1, QStringLiteral(MDNSCOPE_BINARY));
    const double floodSeconds = args.value(2, u"5"_s).toDouble();
    const double pacedRate = args.value(3, u"50000"_s).toDouble();
    const double pacedSeconds = args.value(4, u"10"_s).toDouble();
    const int rounds = std::max(1, args.value(5, u"5"_s).toInt());
    const QString profile = qEnvironmentVariable("MDNSCOPE_BENCH_PERF");

    // The sender (and this idle main thread) on one CPU, the receiver on another.
    Placement cpus;
    bool niceOk = false;
    const QList<int> allowed = CpuAffinity::allowedCpus();
    if (allowed.size() >= 2) {
        cpus = {allowed.at(0), allowed.at(1)};
        CpuAffinity::pinCurrentThread(cpus.sender); // threads started later inherit it
        // Only to learn whether raising the priority is permitted; back to normal at once.
        niceOk = CpuAffinity::setCurrentThreadNice(CpuAffinity::kPlacedNice);
        CpuAffinity::setCurrentThreadNice(0);
    }
    const QString placement =
        cpus.receiver >= 0
            ? u"sender pinned to CPU %1, receiver (bare loop thread / every engine thread) to "
              "CPU %2, both at nice %3"_s.arg(cpus.sender)
                  .arg(cpus.receiver)
                  .arg(niceOk ? QString::number(CpuAffinity::kPlacedNice) : u"0 (not permitted)"_s)
            : u"one CPU only: sender and receiver share it (not pinned)"_s;
    const QString floodWhat =
        u"packets/s received from a %1 s loopback flood (sender flat out, sendmmsg): headless "
        "engine (mdnscope --headless) vs bare C recvmmsg loop, one at a time in one private "
        "namespace, %2 rounds alternating bare/engine (ABBA), both SO_RCVBUF 4 MiB; %3. "
        "Median (min-max)"_s.arg(floodSeconds)
            .arg(rounds)
            .arg(placement);
    const QString cpuWhat =
        u"same rounds: receiver CPU time per datagram received, engine process (all threads: "
        "capture, hand-over, main loop) vs bare loop thread, and vs a bare loop that asks for "
        "the same per-datagram metadata as the engine (a third receiver in each round). "
        "Median (min-max)"_s;
    const QString pacedWhat =
        u"headless engine: datagrams received vs sent, paced %1 pkt/s for %2 s, same pinning"_s.arg(
            BenchReport::num(pacedRate), QString::number(pacedSeconds));

    if (!NetNamespace::isPrivate()) {
        skipped(floodWhat, NetNamespace::failureReason());
        skipped(pacedWhat, NetNamespace::failureReason());
        return 0;
    }
    QString error;
    const QList<QByteArray> datagrams = realDatagrams(&error);
    if (datagrams.isEmpty()) {
        skipped(floodWhat, error);
        skipped(pacedWhat, error);
        return 0;
    }
    BenchReport::note(u"bench_capture: %1 distinct real datagrams, mean %2 bytes; %3"_s.arg(
        QString::number(datagrams.size()), BenchReport::num(meanSize(datagrams), 0), placement));

    // 1. The flood, ABBA: bare, bare with metadata, engine; then the other way round.
    QList<Round> bare, meta, engine;
    QList<double> shares, capacities, metaCapacities;
    for (int i = 0; i < rounds; ++i) {
        std::optional<Round> b, m, e;
        for (int k = 0; k < 3; ++k) {
            switch (i % 2 == 0 ? k : 2 - k) {
            case 0:
                b = bareRound(datagrams, floodSeconds, cpus, false, &error);
                break;
            case 1:
                m = bareRound(datagrams, floodSeconds, cpus, true, &error);
                break;
            default:
                e = engineRound(binary, datagrams, floodSeconds, cpus,
                                engine.isEmpty() ? profile : QString(), &error);
                break;
            }
            if (!error.isEmpty()) {
                skipped(floodWhat, error);
                return 1;
            }
        }
        bare.append(*b);
        meta.append(*m);
        engine.append(*e);
        shares.append(b->receivedPerSecond > 0 ? e->receivedPerSecond / b->receivedPerSecond : 0);
        capacities.append(e->cpuNsPerPacket > 0 ? b->cpuNsPerPacket / e->cpuNsPerPacket : 0);
        metaCapacities.append(e->cpuNsPerPacket > 0 ? m->cpuNsPerPacket / e->cpuNsPerPacket : 0);
        const auto line = [](const Round &r) {
            return u"%1 of %2 pkt/s (%3 ns/pkt, drops %4; sender %5 ns/pkt, %6% busy)"_s.arg(
                BenchReport::num(r.receivedPerSecond), BenchReport::num(r.sentPerSecond),
                BenchReport::num(r.cpuNsPerPacket), QString::number(r.drops),
                BenchReport::num(r.senderCpuNsPerPacket), BenchReport::num(r.senderBusy * 100));
        };
        BenchReport::note(u"bench_capture: round %1: bare %2; bare+metadata %3; engine %4"_s.arg(
            QString::number(i + 1), line(*b), line(*m), line(*e)));
    }
    const auto received = [](const Round &r) { return r.receivedPerSecond; };
    const auto sent = [](const Round &r) { return r.sentPerSecond; };
    const auto drops = [](const Round &r) { return double(r.drops); };
    const auto perPacket = [](const Round &r) { return r.cpuNsPerPacket; };
    const auto busy = [](const Round &r) { return r.coreBusy; };
    const Spread share = spread(shares);
    const Spread engineDrops = spread(field(engine, drops));
    const Spread bareDrops = spread(field(bare, drops));
    const bool anyDrops = engineDrops.max > 0 || bareDrops.max > 0;
    BenchReport::row(
        kBench, floodWhat,
        u"engine %1 pkt/s of %2 offered (kernel drops per round %3); bare loop %4 pkt/s of %5 "
        "offered (drops %6)%7"_s.arg(text(spread(field(engine, received))),
                                     text(spread(field(engine, sent))), text(engineDrops),
                                     text(spread(field(bare, received))),
                                     text(spread(field(bare, sent))), text(bareDrops),
                                     anyDrops ? QString()
                                              : u"; neither dropped anything: the sender, "
                                                "not the receivers, set the rate"_s),
        u"engine = %1% of bare loop (pairs: %2-%3%)"_s.arg(BenchReport::num(share.median * 100, 1),
                                                           BenchReport::num(share.min * 100, 1),
                                                           BenchReport::num(share.max * 100, 1)),
        u">= 90% of bare loop"_s, BenchReport::met(share.median >= 0.9));

    const Spread capacity = spread(capacities);
    const Spread metaCapacity = spread(metaCapacities);
    BenchReport::row(
        kBench + u": CPU per packet"_s, cpuWhat,
        u"engine %1 ns; bare loop %2 ns; bare loop asking the kernel for the engine's "
        "per-datagram metadata (source, IP_PKTINFO, IP_TTL, SO_TIMESTAMPNS) %3 ns. Receiver "
        "core busy: engine %4%, bare loop %5%. Engine datagrams per capture-thread wake-up: "
        "%6"_s.arg(
            text(spread(field(engine, perPacket))), text(spread(field(bare, perPacket))),
            text(spread(field(meta, perPacket))), text(spread(field(engine, busy)), 100),
            text(spread(field(bare, busy)), 100),
            text(spread(field(engine, [](const Round &r) { return r.packetsPerWakeup; })), 1, 1)),
        u"engine capacity (1/CPU per packet) = %1% of bare loop (%2-%3%), %4% of bare loop "
        "with metadata (%5-%6%)"_s.arg(
            BenchReport::num(capacity.median * 100, 1), BenchReport::num(capacity.min * 100, 1),
            BenchReport::num(capacity.max * 100, 1), BenchReport::num(metaCapacity.median * 100, 1),
            BenchReport::num(metaCapacity.min * 100, 1),
            BenchReport::num(metaCapacity.max * 100, 1)),
        u"(informative)"_s, u"-"_s);

    // 2. Paced: nothing may be lost.
    HeadlessProcess paced(binary);
    paced.setCpu(cpus.receiver);
    if (!paced.start({}, &error)) {
        skipped(pacedWhat, error);
        return 1;
    }
    MulticastFlooder pacedFlood;
    pacedFlood.start(datagrams, pacedSeconds, pacedRate, 5353, cpus.sender);
    pacedFlood.join();
    QThread::msleep(kDrainMs);
    if (!paced.stop(&error)) {
        skipped(pacedWhat, error);
        return 1;
    }
    const auto pacedSent = qint64(pacedFlood.sent());
    const qint64 pacedReceived = paced.value(u"packets"_s);
    const qint64 lost = pacedSent - pacedReceived;
    BenchReport::row(kBench, pacedWhat,
                     u"sent %1 (%2 pkt/s achieved), received %3, lost %4, kernel drops %5"_s.arg(
                         BenchReport::num(double(pacedSent)),
                         BenchReport::num(double(pacedSent) / pacedFlood.elapsedSeconds()),
                         BenchReport::num(double(pacedReceived)), BenchReport::num(double(lost)),
                         BenchReport::num(double(paced.value(u"kernel_drops"_s)))),
                     u"loss %1%"_s.arg(BenchReport::num(
                         pacedSent > 0 ? 100.0 * double(lost) / double(pacedSent) : 0, 3)),
                     u"zero loss"_s, BenchReport::met(pacedSent > 0 && lost == 0));
    return 0;
}
