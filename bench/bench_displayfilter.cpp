// The display filter's cost (issue #17): 1,000,000 stored packets (the benchmark capture's
// packets, bench/run.sh gives it the 200,000-packet file, taken five times) filtered with a
// compound filter: as the window filters its store (DisplayFilter::matches over the packet alone:
// the datagram decoded only as far as the filter needs, the cheap tests first), with each packet
// decoded whole for the filter (as before issue #17's figure), and over messages decoded
// beforehand (the filter alone). CPU time of this thread and allocations per packet. Prints
// markdown rows.
#include "AllocationCounter.h"
#include "BenchReport.h"
#include "CaptureFileReader.h"
#include "DisplayFilter.h"
#include "DnsDecoder.h"

#include <QCoreApplication>
#include <QTextStream>

#include <ctime>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

constexpr qsizetype kPackets = 1'000'000;
const QString kFilter = u"(ip.src == 169.254.0.0/16 || ipv6.src == fe80::/10) && "
                        u"dns.flags.response == 1 && dns.resp.type in {33 16} && "
                        u"!(dns.resp.ttl == 0) && udp.srcport == 5353 && dns.resp.name contains "
                        u"\"_tcp\""_s;

const QString kAddressFilter = u"ipv6.src == fe80::/10 && udp.srcport == 5353"_s;

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        QTextStream(stderr) << "usage: bench_displayfilter CAPTURE.pcapng\n";
        return 2;
    }
    const CaptureFileResult file = CaptureFileReader::readFile(QString::fromLocal8Bit(argv[1]));
    if (file.error || file.packets.isEmpty()) {
        QTextStream(stderr) << "bench_displayfilter: cannot read " << argv[1] << '\n';
        return 1;
    }
    DisplayFilter filter;
    DisplayFilter::Error error;
    if (!DisplayFilter::compile(kFilter, &filter, &error)) {
        QTextStream(stderr) << "bench_displayfilter: " << error.reason << '\n';
        return 1;
    }
    const QList<Packet> &packets = file.packets;
    const qsizetype n = packets.size();

    // As the window filters: decoded as far as the filter needs, packet by packet. After a
    // warm-up pass over the capture (the window's process has its heap and caches warm too;
    // without it the first loop timed here pays for them, whichever it is).
    quint64 matchedLazily = 0;
    for (const Packet &p : packets)
        matchedLazily += filter.matches(p, 1) ? 1 : 0;
    matchedLazily = 0;
    AllocationCounts before = AllocationCounter::thisThread();
    qint64 t0 = threadCpuNs();
    for (qsizetype i = 0; i < kPackets; ++i)
        matchedLazily += filter.matches(packets.at(i % n), quint64(i) + 1) ? 1 : 0;
    const double lazyS = double(threadCpuNs() - t0) / 1e9;
    const AllocationCounts lazy = AllocationCounter::delta(before, AllocationCounter::thisThread());

    // Decoded whole for the filter, packet by packet.
    quint64 matched = 0;
    before = AllocationCounter::thisThread();
    t0 = threadCpuNs();
    for (qsizetype i = 0; i < kPackets; ++i) {
        const Packet &p = packets.at(i % n);
        const DnsMessage m = DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields);
        matched += filter.matches(p, m, quint64(i) + 1) ? 1 : 0;
    }
    const double decodeAndFilterS = double(threadCpuNs() - t0) / 1e9;
    const AllocationCounts withDecode =
        AllocationCounter::delta(before, AllocationCounter::thisThread());

    // The filter alone, over messages decoded beforehand.
    std::vector<DnsMessage> messages;
    messages.reserve(size_t(n));
    for (const Packet &p : packets)
        messages.push_back(DnsDecoder::decode(p.data, DnsDecoder::Detail::NoFields));
    quint64 matchedAgain = 0;
    before = AllocationCounter::thisThread();
    t0 = threadCpuNs();
    for (qsizetype i = 0; i < kPackets; ++i) {
        matchedAgain +=
            filter.matches(packets.at(i % n), messages[size_t(i % n)], quint64(i) + 1) ? 1 : 0;
    }
    const double filterS = double(threadCpuNs() - t0) / 1e9;
    const AllocationCounts alone =
        AllocationCounter::delta(before, AllocationCounter::thisThread());

    // A filter that names no field of the message: nothing decoded at all.
    DisplayFilter addresses;
    DisplayFilter::compile(kAddressFilter, &addresses, nullptr);
    quint64 matchedAddresses = 0;
    before = AllocationCounter::thisThread();
    t0 = threadCpuNs();
    for (qsizetype i = 0; i < kPackets; ++i)
        matchedAddresses += addresses.matches(packets.at(i % n), quint64(i) + 1) ? 1 : 0;
    const double addressesS = double(threadCpuNs() - t0) / 1e9;
    const AllocationCounts noDecode =
        AllocationCounter::delta(before, AllocationCounter::thisThread());

    const QString compares =
        u"1,000,000 stored packets, %1 matched"_s.arg(BenchReport::num(double(matched)));
    BenchReport::row(u"Display filter"_s,
                     compares + u", as the window filters (decoded as far as the filter needs)"_s,
                     u"%1 s CPU, %2 allocations/packet"_s.arg(BenchReport::num(lazyS, 2))
                         .arg(BenchReport::num(double(lazy.allocations) / kPackets, 1)),
                     u"-"_s, u"< 1 s"_s, BenchReport::met(lazyS < 1.0 && matchedLazily == matched));
    BenchReport::row(u"Display filter"_s, compares + u", each decoded whole for the filter"_s,
                     u"%1 s CPU, %2 allocations/packet"_s.arg(BenchReport::num(decodeAndFilterS, 2))
                         .arg(BenchReport::num(double(withDecode.allocations) / kPackets, 1)),
                     u"-"_s, u"-"_s, u"-"_s);
    BenchReport::row(
        u"Display filter"_s,
        u"1,000,000 stored packets, %1 matched, `%2` (no DNS field: nothing decoded)"_s.arg(
            BenchReport::num(double(matchedAddresses)), kAddressFilter),
        u"%1 s CPU, %2 allocations/packet"_s.arg(BenchReport::num(addressesS, 3))
            .arg(BenchReport::num(double(noDecode.allocations) / kPackets, 2)),
        u"-"_s, u"< 1 s"_s, BenchReport::met(addressesS < 1.0));
    BenchReport::row(u"Display filter"_s, compares + u", messages decoded beforehand"_s,
                     u"%1 s CPU, %2 allocations/packet"_s.arg(BenchReport::num(filterS, 3))
                         .arg(BenchReport::num(double(alone.allocations) / kPackets, 2)),
                     u"-"_s, u"no allocation"_s,
                     BenchReport::met(alone.allocations == 0 && matchedAgain == matched));
    return 0;
}
