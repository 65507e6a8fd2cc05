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
//   limit. Setup and start-up are outside the measured interval. The bare loop wakes for
//   every few datagrams (MSG_WAITFORONE), the engine coalesces ~150: the CPU row gives both
//   figures, since a receiver's CPU per packet follows its wake-ups.
//
// IPv6 (LINKS ipv6-veth): IPv6 multicast to ff02::fb does not loop back over lo, so the flood
// crosses a veth pair made inside the namespace: the sender sends out of one end
// (IPV6_MULTICAST_IF, hop limit 255), the receivers join ff02::fb on the other: the engine as
// `mdnscope --headless --interface END --family ipv6`, the bare loop as an IPV6_V6ONLY socket on
// [::]:5353, its metadata variant asking IPV6_RECVPKTINFO, IPV6_RECVHOPLIMIT and SO_TIMESTAMPNS.
// ipv4-veth is the same for IPv4 over the same pair (`--family ipv4`), a reference that
// compares the families over one link type. Every link named takes part in the same rounds:
// with ipv6-veth,ipv4-veth a round runs six receivers, its ABBA order reversed every round; a
// further row then compares IPv6 with IPv4 per round. Each link then gets its paced run. (Over
// the veth pair, too, the sender's CPU pays the delivery: the pair hands the datagram to the
// receiving end on the sending CPU.)
//
// Usage: bench_capture [MDNSCOPE_BINARY] [FLOOD_SECONDS] [PACED_RATE] [PACED_SECONDS] [ROUNDS]
//                      [LINKS]
// LINKS: comma-separated, of ipv4-lo (the default), ipv6-veth, ipv4-veth.
// MDNSCOPE_BENCH_PERF=FILE: record the first engine round with `perf record -g` into FILE.

#include "BenchLink.h"
#include "BenchReport.h"
#include "CaptureRounds.h"
#include "CpuAffinity.h"
#include "HeadlessProcess.h"
#include "MulticastFlooder.h"
#include "NetNamespace.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using namespace CaptureRounds;

namespace {

const QString kBench = u"Capture throughput"_s;

void skipped(const QString &bench, const QString &what, const QString &why)
{
    BenchReport::row(bench, what, u"not measured: "_s + why, u"-"_s, u"-"_s, u"-"_s);
}

// One link's receivers, their rounds and the texts of its rows.
struct LinkRun
{
    BenchLink link;
    QList<Round> bare, meta, engine;
    QList<double> shares, capacities, metaCapacities;
    std::optional<Round> current[3]; // this round's bare, bare+metadata, engine

    // Over lo the rows read as they always have; other links say which.
    QString bench() const
    {
        return link.overLoopback() && link.isV4() ? kBench : kBench + u", "_s + link.label();
    }
    QString metadata() const
    {
        return link.isV4() ? u"source, IP_PKTINFO, IP_TTL, SO_TIMESTAMPNS"_s
                           : u"source, IPV6_PKTINFO, IPV6_HOPLIMIT, SO_TIMESTAMPNS"_s;
    }
    QString floodWhat(double seconds, int rounds, int links, const QString &placement) const
    {
        const QString flood =
            link.overLoopback()
                ? u"loopback flood"_s
                : u"%1 flood to %2:5353 across a veth pair (out of one end, received on the "
                  "other)"_s.arg(link.familyName(),
                                 link.isV4() ? link.groupText() : u"[ff02::fb]"_s);
        const QString engine = link.overLoopback() ? u"mdnscope --headless"_s
                                                   : u"mdnscope --headless --family "_s +
                                                         (link.isV4() ? u"ipv4"_s : u"ipv6"_s);
        const QString order =
            links > 1 ? u"alternating bare/engine (ABBA, the other links' receivers in the same "
                        "rounds)"_s
                      : u"alternating bare/engine (ABBA)"_s;
        return u"packets/s received from a %1 s %2 (sender flat out, sendmmsg): headless "
               "engine (%3) vs bare C recvmmsg loop, one at a time in one private "
               "namespace, %4 rounds %5, both SO_RCVBUF 4 MiB; %6. Median (min-max)"_s.arg(
                   QString::number(seconds), flood, engine, QString::number(rounds), order,
                   placement);
    }
};

// Which links: "ipv4-lo,ipv6-veth,ipv4-veth".
std::optional<QList<BenchLink>> parseLinks(const QString &text)
{
    QList<BenchLink> links;
    for (const QString &name : text.split(u',', Qt::SkipEmptyParts)) {
        if (name == u"ipv4-lo"_s)
            links.append(BenchLink::loopback());
        else if (name == u"ipv6-veth"_s)
            links.append(BenchLink::veth(IpFamily::V6));
        else if (name == u"ipv4-veth"_s)
            links.append(BenchLink::veth(IpFamily::V4));
        else
            return std::nullopt;
    }
    return links.isEmpty() ? std::nullopt : std::optional(links);
}

void reportFlood(const LinkRun &run, const QString &floodWhat)
{
    const auto received = [](const Round &r) { return r.receivedPerSecond; };
    const auto sent = [](const Round &r) { return r.sentPerSecond; };
    const auto drops = [](const Round &r) { return double(r.drops); };
    const auto perPacket = [](const Round &r) { return r.cpuNsPerPacket; };
    const auto busy = [](const Round &r) { return r.coreBusy; };
    const auto wakeup = [](const Round &r) { return r.packetsPerWakeup; };
    const Spread share = spread(run.shares);
    const Spread engineDrops = spread(field(run.engine, drops));
    const Spread bareDrops = spread(field(run.bare, drops));
    const bool anyDrops = engineDrops.max > 0 || bareDrops.max > 0;
    BenchReport::row(
        run.bench(), floodWhat,
        u"engine %1 pkt/s of %2 offered (kernel drops per round %3); bare loop %4 pkt/s of %5 "
        "offered (drops %6)%7"_s.arg(text(spread(field(run.engine, received))),
                                     text(spread(field(run.engine, sent))), text(engineDrops),
                                     text(spread(field(run.bare, received))),
                                     text(spread(field(run.bare, sent))), text(bareDrops),
                                     anyDrops ? QString()
                                              : u"; neither dropped anything: the sender, "
                                                "not the receivers, set the rate"_s),
        u"engine = %1% of bare loop (pairs: %2-%3%)"_s.arg(BenchReport::num(share.median * 100, 1),
                                                           BenchReport::num(share.min * 100, 1),
                                                           BenchReport::num(share.max * 100, 1)),
        u">= 90% of bare loop"_s, BenchReport::met(share.median >= 0.9));

    const QString cpuWhat =
        u"same rounds: receiver CPU time per datagram received, engine process (all threads: "
        "capture, hand-over, main loop) vs bare loop thread, and vs a bare loop that asks for "
        "the same per-datagram metadata as the engine (a third receiver in each round). "
        "Median (min-max)"_s;
    const Spread capacity = spread(run.capacities);
    const Spread metaCapacity = spread(run.metaCapacities);
    BenchReport::row(
        run.bench() + u": CPU per packet"_s, cpuWhat,
        u"engine %1 ns; bare loop %2 ns; bare loop asking the kernel for the engine's "
        "per-datagram metadata (%7) %3 ns. Receiver core busy: engine %4%, bare loop %5%. "
        "Datagrams per wake-up: engine (capture thread) %6, bare loop (recvmmsg) %8"_s.arg(
            text(spread(field(run.engine, perPacket))), text(spread(field(run.bare, perPacket))),
            text(spread(field(run.meta, perPacket))), text(spread(field(run.engine, busy)), 100),
            text(spread(field(run.bare, busy)), 100), text(spread(field(run.engine, wakeup)), 1, 1),
            run.metadata(), text(spread(field(run.bare, wakeup)), 1, 1)),
        u"engine capacity (1/CPU per packet) = %1% of bare loop (%2-%3%), %4% of bare loop "
        "with metadata (%5-%6%)"_s.arg(
            BenchReport::num(capacity.median * 100, 1), BenchReport::num(capacity.min * 100, 1),
            BenchReport::num(capacity.max * 100, 1), BenchReport::num(metaCapacity.median * 100, 1),
            BenchReport::num(metaCapacity.min * 100, 1),
            BenchReport::num(metaCapacity.max * 100, 1)),
        u"(informative)"_s, u"-"_s);
}

// IPv6 against IPv4 over the same veth pair, from the same rounds: per-round ratios.
void reportFamilies(const LinkRun &v6, const LinkRun &v4)
{
    const auto ratios = [](const QList<Round> &a, const QList<Round> &b, auto f) {
        QList<double> values;
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i)
            values.append(f(b.at(i)) > 0 ? f(a.at(i)) / f(b.at(i)) : 0);
        return values;
    };
    const auto perPacket = [](const Round &r) { return r.cpuNsPerPacket; };
    const auto received = [](const Round &r) { return r.receivedPerSecond; };
    const auto sender = [](const Round &r) { return r.senderCpuNsPerPacket; };
    const auto cpu = [&](const QList<Round> &r) { return text(spread(field(r, perPacket))); };
    BenchReport::row(
        kBench + u": IPv6 vs IPv4 over veth"_s,
        u"the same rounds, both families' receivers interleaved (ABBA) over one veth pair: "
        "receiver CPU time per datagram received, IPv6 vs IPv4, per-round ratios. "
        "Median (min-max)"_s,
        u"engine %1 ns vs %2 ns; bare loop %3 vs %4 ns; bare loop with metadata %5 vs %6 ns; "
        "engine received %7 vs %8 pkt/s; sender %9 vs %10 ns per datagram sent (engine "
        "rounds)"_s.arg(
            cpu(v6.engine), cpu(v4.engine), cpu(v6.bare), cpu(v4.bare), cpu(v6.meta), cpu(v4.meta),
            text(spread(field(v6.engine, received))), text(spread(field(v4.engine, received))),
            text(spread(field(v6.engine, sender))), text(spread(field(v4.engine, sender)))),
        u"IPv6 / IPv4 CPU per packet: engine %1, bare loop %2, with metadata %3"_s.arg(
            text(spread(ratios(v6.engine, v4.engine, perPacket)), 1, 2),
            text(spread(ratios(v6.bare, v4.bare, perPacket)), 1, 2),
            text(spread(ratios(v6.meta, v4.meta, perPacket)), 1, 2)),
        u"(informative)"_s, u"-"_s);
}

// The engine alone, paced: nothing may be lost.
bool reportPaced(const QString &binary, const LinkRun &run, const QList<QByteArray> &datagrams,
                 double rate, double seconds, Placement cpus)
{
    const QString what =
        (run.link.overLoopback() && run.link.isV4() ? u"headless engine"_s
                                                    : u"headless engine, "_s + run.link.label()) +
        u": datagrams received vs sent, paced %1 pkt/s for %2 s, same pinning"_s.arg(
            BenchReport::num(rate), QString::number(seconds));
    QString error;
    HeadlessProcess paced(binary);
    paced.setCpu(cpus.receiver);
    paced.setLink(run.link);
    if (!paced.start({}, &error)) {
        skipped(run.bench(), what, error);
        return false;
    }
    MulticastFlooder flood;
    flood.start(datagrams, seconds, rate, 5353, cpus.sender, run.link);
    flood.join();
    QThread::msleep(kDrainMs);
    if (!paced.stop(&error)) {
        skipped(run.bench(), what, error);
        return false;
    }
    const auto sent = qint64(flood.sent());
    const qint64 received = paced.value(u"packets"_s);
    const qint64 lost = sent - received;
    BenchReport::row(
        run.bench(), what,
        u"sent %1 (%2 pkt/s achieved), received %3, lost %4, kernel drops %5"_s.arg(
            BenchReport::num(double(sent)), BenchReport::num(double(sent) / flood.elapsedSeconds()),
            BenchReport::num(double(received)), BenchReport::num(double(lost)),
            BenchReport::num(double(paced.value(u"kernel_drops"_s)))),
        u"loss %1%"_s.arg(BenchReport::num(sent > 0 ? 100.0 * double(lost) / double(sent) : 0, 3)),
        u"zero loss"_s, BenchReport::met(sent > 0 && lost == 0));
    return true;
}

QString roundLine(const Round &r)
{
    return u"%1 of %2 pkt/s (%3 ns/pkt, %7 per wake-up, drops %4; sender %5 ns/pkt, %6% busy)"_s
        .arg(BenchReport::num(r.receivedPerSecond), BenchReport::num(r.sentPerSecond),
             BenchReport::num(r.cpuNsPerPacket), QString::number(r.drops),
             BenchReport::num(r.senderCpuNsPerPacket), BenchReport::num(r.senderBusy * 100),
             BenchReport::num(r.packetsPerWakeup, 1));
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
    const std::optional<QList<BenchLink>> links = parseLinks(args.value(6, u"ipv4-lo"_s));
    const QString profile = qEnvironmentVariable("MDNSCOPE_BENCH_PERF");
    if (!links) {
        std::fprintf(stderr, "bench_capture: LINKS is a comma-separated list of ipv4-lo, "
                             "ipv6-veth, ipv4-veth\n");
        return 2;
    }
    QList<LinkRun> runs;
    for (const BenchLink &link : *links) {
        runs.append(LinkRun());
        runs.last().link = link;
    }

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
    const auto skipAll = [&](const QString &why) {
        for (const LinkRun &run : runs)
            skipped(run.bench(), run.floodWhat(floodSeconds, rounds, runs.size(), placement), why);
    };

    if (!NetNamespace::isPrivate()) {
        skipAll(NetNamespace::failureReason());
        return 0;
    }
    QString error;
    const bool needsVeth = std::any_of(runs.begin(), runs.end(),
                                       [](const LinkRun &r) { return !r.link.overLoopback(); });
    if (needsVeth && !BenchLink::makeVethPair(&error)) {
        skipAll(u"cannot make the veth pair: "_s + error);
        return 0;
    }
    const QList<QByteArray> datagrams = realDatagrams(&error);
    if (datagrams.isEmpty()) {
        skipAll(error);
        return 0;
    }
    BenchReport::note(u"bench_capture: %1 distinct real datagrams, mean %2 bytes; %3"_s.arg(
        QString::number(datagrams.size()), BenchReport::num(meanSize(datagrams), 0), placement));

    // 1. The flood, ABBA: each link's bare, bare with metadata, engine; then the other way round.
    QList<std::pair<qsizetype, int>> order; // (link, receiver: 0 bare, 1 metadata, 2 engine)
    for (qsizetype l = 0; l < runs.size(); ++l) {
        for (int k = 0; k < 3; ++k)
            order.append({l, k});
    }
    for (int i = 0; i < rounds; ++i) {
        for (qsizetype j = 0; j < order.size(); ++j) {
            const auto [l, k] = order.at(i % 2 == 0 ? j : order.size() - 1 - j);
            LinkRun &run = runs[l];
            run.current[k] =
                k < 2 ? bareRound(datagrams, floodSeconds, cpus, k == 1, run.link, &error)
                      : engineRound(binary, datagrams, floodSeconds, cpus, run.link,
                                    l == 0 && run.engine.isEmpty() ? profile : QString(), &error);
            if (!error.isEmpty()) {
                skipped(run.bench(), run.floodWhat(floodSeconds, rounds, runs.size(), placement),
                        error);
                return 1;
            }
        }
        for (LinkRun &run : runs) {
            const Round &b = *run.current[0], &m = *run.current[1], &e = *run.current[2];
            run.bare.append(b);
            run.meta.append(m);
            run.engine.append(e);
            run.shares.append(b.receivedPerSecond > 0 ? e.receivedPerSecond / b.receivedPerSecond
                                                      : 0);
            run.capacities.append(e.cpuNsPerPacket > 0 ? b.cpuNsPerPacket / e.cpuNsPerPacket : 0);
            run.metaCapacities.append(e.cpuNsPerPacket > 0 ? m.cpuNsPerPacket / e.cpuNsPerPacket
                                                           : 0);
            BenchReport::note(
                u"bench_capture: %1round %2: bare %3; bare+metadata %4; engine %5"_s.arg(
                    runs.size() > 1 ? run.link.label() + u", "_s : QString(),
                    QString::number(i + 1), roundLine(b), roundLine(m), roundLine(e)));
        }
    }
    for (const LinkRun &run : runs)
        reportFlood(run, run.floodWhat(floodSeconds, rounds, runs.size(), placement));
    const auto find = [&](IpFamily family) -> const LinkRun * {
        for (const LinkRun &run : runs) {
            if (!run.link.overLoopback() && run.link.family == family)
                return &run;
        }
        return nullptr;
    };
    if (find(IpFamily::V6) && find(IpFamily::V4))
        reportFamilies(*find(IpFamily::V6), *find(IpFamily::V4));

    // 2. Paced: nothing may be lost.
    for (const LinkRun &run : runs) {
        if (!reportPaced(binary, run, datagrams, pacedRate, pacedSeconds, cpus))
            return 1;
    }
    return 0;
}
