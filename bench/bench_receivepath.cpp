// Benchmark: the receive path, pooled vs. no-pool, with real datagrams. Inside a
// private network namespace, bursts of real mDNS datagrams (the UDP payloads of a
// real capture) are sent to 224.0.0.251 over lo, and UdpTransport::receive() takes
// every one of them: unlike the pooling design's own benchmark (a receive that timed
// out on a cancelled context), every iteration here receives a datagram. Measured on
// the receiving thread around the receive calls only: allocations, bytes allocated
// and nanoseconds per packet. The copy handed on is measured separately (the same
// QByteArray copies made outside the transport), so the receive path's own
// allocation, everything but that copy, can be told apart. (malloc blocks are counted
// at their usable size, which can differ by 16 bytes or so between two copies of the
// same length, depending on which free block malloc reuses: "own" bytes carry that.)
//
// IPv6 (issue #13): the same measurement with UdpTransport(IpFamily::V6) receiving ff02::fb
// across a veth pair made inside the namespace (IPv6 multicast does not loop back over lo),
// beside IPv4: the allocations per packet must be the same (pooled: the one copy handed on,
// nothing else). The time per packet is compared with IPv4 over the same veth pair.

#include "AllocationCounter.h"
#include "BenchLink.h"
#include "BenchReport.h"
#include "BufferPool.h"
#include "CaptureFileReader.h"
#include "MulticastSender.h"
#include "NetNamespace.h"
#include "UdpTransport.h"

#include <QCoreApplication>
#include <QHash>

#include <atomic>

using namespace Qt::StringLiterals;

namespace {

const QString kBench = u"Receive path"_s;
constexpr int kBurst = 64; // datagrams queued before each receive round
constexpr int kWarmupBursts = 20;
constexpr int kBursts = 300;

struct ModeResult
{
    QString error; // empty when measured
    quint64 packets = 0;
    quint64 payloadBytes = 0;
    quint64 copyBytes = 0; // what the copies handed on allocate by themselves
    AllocationCounts used;
    quint64 large = 0; // allocations of >= 9000 bytes
    qint64 ns = 0;
    quint64 kernelDrops = 0;

    double perPacket(double v) const { return packets ? v / double(packets) : 0; }
    double allocations() const { return perPacket(double(used.allocations)); }
    double bytes() const { return perPacket(double(used.bytesAllocated)); }
    // Everything but the copies. The copies' bytes are malloc usable sizes, which vary by a
    // few bytes with the block malloc reuses, so a path that allocates nothing else can come
    // out a fraction of a byte below zero: that is shown as 0.
    double ownBytes() const
    {
        return std::max(0.0, perPacket(double(used.bytesAllocated) - double(copyBytes)));
    }
    // Allocations other than the one copy per packet (exact: counts do not vary).
    double ownAllocations() const { return perPacket(double(used.allocations) - double(packets)); }
    double nsPerPacket() const { return perPacket(double(ns)); }
    double meanLength() const { return perPacket(double(payloadBytes)); }
};

// Bytes the counting allocator sees for a QByteArray copy of each datagram.
QHash<qsizetype, quint64> copyCosts(const QList<QByteArray> &datagrams)
{
    QHash<qsizetype, quint64> costs;
    for (const QByteArray &d : datagrams) {
        if (costs.contains(d.size()))
            continue;
        const AllocationCounts before = AllocationCounter::thisThread();
        quint64 bytes = 0;
        {
            const QByteArray copy(d.constData(), d.size());
            bytes =
                AllocationCounter::delta(before, AllocationCounter::thisThread()).bytesAllocated;
        }
        costs.insert(d.size(), bytes);
    }
    return costs;
}

// Over lo the sender's defaults (224.0.0.251 out of lo); otherwise the link's group out of its
// sending end.
MulticastSender::Options senderOptions(const BenchLink &link)
{
    MulticastSender::Options o;
    if (!link.overLoopback()) {
        o.group = link.groupText();
        o.interfaceName = link.sendInterface;
    }
    return o;
}

ModeResult measure(bool pooling, const QList<QByteArray> &datagrams,
                   const QHash<qsizetype, quint64> &copyCost, const BenchLink &link = {})
{
    ModeResult r;
    BufferPool pool;
    UdpTransport transport(pool, link.family);
    CaptureConfig config;
    config.interfaceName = link.receiveInterface;
    config.pooling = pooling;
    if (const auto error = transport.open(config)) {
        r.error = error->toString();
        return r;
    }
    transport.setPooling(pooling);
    MulticastSender sender(senderOptions(link));
    if (!sender.isOpen()) {
        r.error = sender.errorString();
        return r;
    }
    PacketBatch batch;
    batch.reserve(kBurst); // the consumer's container is not the receive path's cost
    const std::atomic_bool cancel{false};
    qsizetype next = 0;
    for (int burst = 0; burst < kWarmupBursts + kBursts; ++burst) {
        const bool measured = burst >= kWarmupBursts;
        quint64 payload = 0, copies = 0;
        for (int i = 0; i < kBurst; ++i) {
            const QByteArray &d = datagrams.at(next);
            next = (next + 1) % datagrams.size();
            if (!sender.send(d)) {
                r.error = sender.errorString();
                return r;
            }
            payload += quint64(d.size());
            copies += copyCost.value(d.size());
        }
        const quint64 largeBefore = AllocationCounter::largeAllocations();
        const AllocationCounts before = AllocationCounter::thisThread();
        const qint64 start = BenchReport::nowNs();
        const QDeadlineTimer deadline(3000);
        while (batch.size() < kBurst && !deadline.hasExpired()) {
            const ReceiveResult rr =
                transport.receive(batch, kBurst - batch.size(), deadline, cancel);
            if (rr.status == ReceiveResult::Status::Failed) {
                r.error = rr.error.toString();
                return r;
            }
        }
        const qint64 end = BenchReport::nowNs();
        const AllocationCounts after = AllocationCounter::thisThread();
        const quint64 large = AllocationCounter::largeAllocations() - largeBefore;
        if (batch.size() != kBurst) {
            r.error = u"received %1 of %2 datagrams of a burst"_s.arg(batch.size()).arg(kBurst);
            return r;
        }
        batch.clear(); // frees the copies, outside the measured calls
        if (!measured)
            continue;
        const AllocationCounts d = AllocationCounter::delta(before, after);
        r.used.allocations += d.allocations;
        r.used.frees += d.frees;
        r.used.bytesAllocated += d.bytesAllocated;
        r.used.bytesFreed += d.bytesFreed;
        r.large += large;
        r.ns += end - start;
        r.packets += kBurst;
        r.payloadBytes += payload;
        r.copyBytes += copies;
    }
    r.kernelDrops = transport.counters().kernelDrops;
    return r;
}

QList<QByteArray> realDatagrams(QString *error)
{
    const QString path =
        QStringLiteral(MDNSCOPE_SOURCE_DIR "/../shared/corpus/nfstream__mdns.pcap");
    const CaptureFileResult file = CaptureFileReader::readFile(path);
    QList<QByteArray> datagrams;
    for (const Packet &p : file.packets)
        datagrams.append(p.data);
    if (datagrams.isEmpty())
        *error = u"no datagrams in "_s + path;
    return datagrams;
}

QString n1(double v)
{
    return BenchReport::num(v, 1);
}

QString n2(double v)
{
    return BenchReport::num(v, 2);
}

QString countingText()
{
    return AllocationCounter::countsMalloc()
               ? u"operator new (requested sizes) and malloc (usable sizes) counted"_s
               : u"only operator new counted (sanitizer build): the copy is "
                 "invisible"_s;
}

// Pooled within its budget: at most one allocation (the copy), at most len + 64 B, no buffer.
bool pooledWithinBudget(const ModeResult &pooled)
{
    return pooled.allocations() <= 1.0 && pooled.bytes() <= pooled.meanLength() + 64 &&
           pooled.large == 0;
}

// The allocations row of one link: pooled vs no-pool.
void allocationRow(const QString &bench, const QString &compares, const ModeResult &pooled,
                   const ModeResult &fresh)
{
    const double len = pooled.meanLength();
    const double extra = fresh.bytes() - pooled.bytes();
    const double cut = fresh.ownBytes() > 0 ? 1.0 - pooled.ownBytes() / fresh.ownBytes() : 0;
    // Exact lower bound: each no-pool packet made allocations of >= 9000 bytes that the
    // pooled path did not. (The byte difference itself carries malloc's usable-size
    // slack of a few bytes on the copies, in either direction.)
    const double extraLarge =
        fresh.perPacket(double(fresh.large)) - pooled.perPacket(double(pooled.large));
    BenchReport::row(
        bench + u": allocations per packet"_s,
        compares + u"; %1 packets per mode in bursts of %2, mean datagram %3 B; %4"_s.arg(
                       BenchReport::num(double(pooled.packets)), QString::number(kBurst), n1(len),
                       countingText()),
        u"pooled: %1 allocs, %2 B (copy alone %3 B; %4 of >= 9000 B); no-pool: %5 allocs, %6 B "
        "(%7 of >= 9000 B per packet)"_s.arg(
            n2(pooled.allocations()), n1(pooled.bytes()),
            n1(pooled.perPacket(double(pooled.copyBytes))), BenchReport::num(double(pooled.large)),
            n2(fresh.allocations()), n1(fresh.bytes()), n2(fresh.perPacket(double(fresh.large)))),
        u"no-pool +%1 B/packet (+%2 allocations of >= 9000 B); receive path's own allocation "
        "(all but the copy) %6 allocs, %3 B -> %7 allocs, %4 B per packet (cut %5%)"_s
            .arg(n1(extra), n2(extraLarge), n1(fresh.ownBytes()), n1(pooled.ownBytes()),
                 BenchReport::num(cut * 100, 3))
            .arg(n2(fresh.ownAllocations()))
            .arg(n2(pooled.ownAllocations())),
        u"pooled <= 1 alloc and <= len+64 B (%1 B); no-pool >= 9000 B more; own cut >= 99%"_s.arg(
            n1(len + 64)),
        u"%1 / %2 / %3"_s.arg(BenchReport::met(pooledWithinBudget(pooled)),
                              BenchReport::met(extraLarge >= 1.0), BenchReport::met(cut >= 0.99)));
}

// "1.00 allocs, 302.4 B (own 0.00, 0.0 B)" per packet.
QString brief(const ModeResult &r)
{
    return u"%1 allocs, %2 B (own %3, %4 B)"_s.arg(n2(r.allocations()), n1(r.bytes()),
                                                   n2(r.ownAllocations()), n1(r.ownBytes()));
}

// IPv6 across the veth pair beside IPv4: its own allocations row, the families' allocations per
// packet side by side (they must be equal), and its time per packet against IPv4 over the same
// pair.
void ipv6Rows(const QList<QByteArray> &datagrams, const QHash<qsizetype, quint64> &copyCost,
              const ModeResult &pooled4, const ModeResult &fresh4)
{
    const QString bench = kBench + u", IPv6 over veth"_s;
    const QString compares =
        u"UdpTransport::receive (IPv6), pooled vs no-pool: real mDNS datagrams to ff02::fb "
        "across a veth pair in a private namespace, every iteration receives one; receiving "
        "thread's allocations"_s;
    const auto skip = [&](const QString &why) {
        BenchReport::row(bench, compares, u"not measured: "_s + why, u"-"_s, u"-"_s, u"-"_s);
    };
    QString error;
    if (!BenchLink::makeVethPair(&error))
        return skip(u"cannot make the veth pair: "_s + error);
    const BenchLink v6 = BenchLink::veth(IpFamily::V6);
    const BenchLink v4 = BenchLink::veth(IpFamily::V4);
    const ModeResult pooled6 = measure(true, datagrams, copyCost, v6);
    const ModeResult fresh6 = measure(false, datagrams, copyCost, v6);
    const ModeResult pooled4veth = measure(true, datagrams, copyCost, v4);
    const ModeResult fresh4veth = measure(false, datagrams, copyCost, v4);
    for (const auto &[r, name] : {std::pair{&pooled6, u"IPv6 pooled"_s},
                                  {&fresh6, u"IPv6 no-pool"_s},
                                  {&pooled4veth, u"IPv4 over veth, pooled"_s},
                                  {&fresh4veth, u"IPv4 over veth, no-pool"_s}}) {
        if (!r->error.isEmpty())
            return skip(name + u": "_s + r->error);
    }
    allocationRow(bench, compares, pooled6, fresh6);

    // Allocation counts are exact: equal per packet means equal counts (same packets per mode).
    const bool pooledEqual = pooled6.allocations() == pooled4.allocations() &&
                             pooled6.allocations() == pooled4veth.allocations();
    const bool freshEqual = fresh6.allocations() == fresh4.allocations() &&
                            fresh6.allocations() == fresh4veth.allocations();
    BenchReport::row(
        kBench + u": IPv6 vs IPv4 allocations per packet"_s,
        u"the runs above side by side: UdpTransport::receive per packet, IPv6 (ff02::fb over "
        "veth) vs IPv4 (224.0.0.251 over lo, and over the same veth pair); own = all but the "
        "copy handed on"_s,
        u"pooled: IPv6 %1; IPv4 lo %2; IPv4 veth %3. No-pool: IPv6 %4; IPv4 lo %5; IPv4 veth "
        "%6"_s.arg(brief(pooled6), brief(pooled4), brief(pooled4veth), brief(fresh6), brief(fresh4),
                   brief(fresh4veth)),
        u"IPv6 - IPv4 (lo) per packet: pooled %1 allocs, %2 B; no-pool %3 allocs, %4 B"_s.arg(
            n2(pooled6.allocations() - pooled4.allocations()),
            n1(pooled6.bytes() - pooled4.bytes()), n2(fresh6.allocations() - fresh4.allocations()),
            n1(fresh6.bytes() - fresh4.bytes())),
        u"IPv6 = IPv4: pooled one allocation per packet (the copy), none of its own"_s,
        BenchReport::met(pooledEqual && freshEqual && pooled6.ownAllocations() == 0 &&
                         pooledWithinBudget(pooled6)));

    BenchReport::row(
        bench + u": time per packet"_s,
        u"same runs: wall time inside receive() per datagram, IPv6 vs IPv4 over the same veth "
        "pair (no-pool: one datagram per recvmmsg)"_s,
        u"IPv6 pooled %1 ns, no-pool %2 ns; IPv4 over veth pooled %3 ns, no-pool %4 ns; kernel "
        "drops %5 / %6 / %7 / %8"_s.arg(n1(pooled6.nsPerPacket()), n1(fresh6.nsPerPacket()),
                                        n1(pooled4veth.nsPerPacket()), n1(fresh4veth.nsPerPacket()),
                                        BenchReport::num(double(pooled6.kernelDrops)),
                                        BenchReport::num(double(fresh6.kernelDrops)),
                                        BenchReport::num(double(pooled4veth.kernelDrops)),
                                        BenchReport::num(double(fresh4veth.kernelDrops))),
        u"IPv6 / IPv4: pooled %1x, no-pool %2x"_s.arg(
            n2(pooled6.nsPerPacket() / pooled4veth.nsPerPacket()),
            n2(fresh6.nsPerPacket() / fresh4veth.nsPerPacket())),
        u"(informative)"_s, u"-"_s);
}

} // namespace

int main(int argc, char *argv[])
{
    NetNamespace::enter();
    QCoreApplication app(argc, argv);
    const QString compares = u"UdpTransport::receive, pooled vs no-pool: real mDNS datagrams "
                             "over lo in a private namespace, every iteration receives one; "
                             "receiving thread's allocations"_s;
    const auto skip = [&](const QString &why) {
        BenchReport::row(kBench, compares, u"not measured: "_s + why, u"-"_s, u"-"_s, u"-"_s);
        return 0;
    };
    if (!NetNamespace::isPrivate())
        return skip(NetNamespace::failureReason());
    if (!AllocationCounter::countsOperatorNew())
        return skip(u"allocation counting is not active"_s);
    QString error;
    const QList<QByteArray> datagrams = realDatagrams(&error);
    if (datagrams.isEmpty())
        return skip(error);
    AllocationCounter::setLargeThreshold(size_t(kReceiveBufferSize));
    const QHash<qsizetype, quint64> copyCost = copyCosts(datagrams);

    const ModeResult pooled = measure(true, datagrams, copyCost); // IPv4 over lo
    const ModeResult fresh = measure(false, datagrams, copyCost);
    if (!pooled.error.isEmpty())
        return skip(u"pooled: "_s + pooled.error);
    if (!fresh.error.isEmpty())
        return skip(u"no-pool: "_s + fresh.error);

    const double cut = fresh.ownBytes() > 0 ? 1.0 - pooled.ownBytes() / fresh.ownBytes() : 0;
    allocationRow(kBench, compares, pooled, fresh);

    BenchReport::row(kBench + u": time per packet"_s,
                     u"same runs: wall time inside receive() per datagram (recvmmsg + copy + "
                     "Packet); no-pool receives one datagram per recvmmsg, as the seed did"_s,
                     u"pooled %1 ns, no-pool %2 ns; kernel drops %3 / %4"_s.arg(
                         n1(pooled.nsPerPacket()), n1(fresh.nsPerPacket()),
                         BenchReport::num(double(pooled.kernelDrops)),
                         BenchReport::num(double(fresh.kernelDrops))),
                     u"pooled %1x faster"_s.arg(n2(fresh.nsPerPacket() / pooled.nsPerPacket())),
                     u"(informative)"_s, u"-"_s);

    BenchReport::row(
        kBench + u": vs the pooling design's table"_s,
        u"buffer-pooling.md: 9000 B/op, 2 allocs/op -> 48 B/op, 1 alloc/op (99.5% cut), "
        "measured on a receive that timed out (no datagram)"_s,
        u"here, with a datagram every time: no-pool %1 B/op, %2 allocs/op -> pooled %3 B/op, "
        "%4 allocs/op (the copy handed on, %5 B, is all that remains)"_s.arg(
            n1(fresh.bytes()), n2(fresh.allocations()), n1(pooled.bytes()),
            n2(pooled.allocations()), n1(pooled.perPacket(double(pooled.copyBytes)))),
        u"total bytes cut %1%; own allocation cut %2%"_s.arg(
            n2(fresh.bytes() > 0 ? 100.0 * (1.0 - pooled.bytes() / fresh.bytes()) : 0),
            BenchReport::num(cut * 100, 3)),
        u"(comparison)"_s, u"-"_s);

    ipv6Rows(datagrams, copyCost, pooled, fresh);
    return 0;
}
