// Benchmark: clearing a pool buffer before reuse. The seed clears all 9000 bytes on
// every return; BufferPool clears only the prefix the lease says it wrote. Measured
// twice: the clearing alone (the memset the pool does, in a loop), and a full pool
// cycle (acquire, write the datagram, release) for each way of clearing plus one that
// clears nothing, which shows what the clearing adds to a real cycle. Best of several
// interleaved runs, to keep other load on the machine out of the figures.

#include "BenchReport.h"
#include "BufferPool.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

enum class Clear { Nothing, Prefix, All };

constexpr int kIterations = 200'000;
constexpr int kRuns = 9;

// ns per acquire/write/release cycle.
double cycleNs(BufferPool &pool, qsizetype datagram, Clear clear)
{
    const qint64 start = BenchReport::nowNs();
    for (int i = 0; i < kIterations; ++i) {
        BufferPool::Lease lease = pool.acquire();
        std::memset(lease.data(), 0xA5, size_t(datagram)); // the datagram the kernel wrote
        if (clear == Clear::Nothing)
            lease.markWritten(0);
        else if (clear == Clear::Prefix)
            lease.markWritten(datagram);
        // Clear::All: nothing recorded, so the whole buffer is cleared (the seed's way)
    }
    return double(BenchReport::nowNs() - start) / kIterations;
}

// ns per memset(0) of `bytes` on a pool-sized buffer, the clearing alone.
double clearNs(std::byte *buffer, qsizetype bytes)
{
    const qint64 start = BenchReport::nowNs();
    for (int i = 0; i < kIterations; ++i) {
        std::memset(buffer, 0, size_t(bytes));
        asm volatile("" : : "r"(buffer) : "memory"); // keep every memset
    }
    return double(BenchReport::nowNs() - start) / kIterations;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    for (const qsizetype datagram : {100, 300, 1500}) {
        BufferPool pool(4);
        {
            BufferPool::Lease warm = pool.acquire();
        }
        std::array<double, 3> best{1e300, 1e300, 1e300};
        double prefixClear = 1e300, allClear = 1e300;
        {
            BufferPool::Lease scratch = pool.acquire();
            for (int run = 0; run < kRuns; ++run) {
                prefixClear = std::min(prefixClear, clearNs(scratch.data(), datagram));
                allClear = std::min(allClear, clearNs(scratch.data(), kReceiveBufferSize));
            }
        }
        for (int run = 0; run < kRuns; ++run) {
            for (const Clear c : {Clear::Nothing, Clear::Prefix, Clear::All})
                best[size_t(c)] = std::min(best[size_t(c)], cycleNs(pool, datagram, c));
        }
        // Check the pool did what each variant asked: the counters say how much it cleared.
        const quint64 zeroedBefore = pool.counters().bytesZeroed;
        {
            BufferPool::Lease l = pool.acquire();
            l.markWritten(datagram);
        }
        const quint64 prefixZeroed = pool.counters().bytesZeroed - zeroedBefore;
        {
            BufferPool::Lease l = pool.acquire();
        }
        const quint64 allZeroed = pool.counters().bytesZeroed - zeroedBefore - prefixZeroed;

        const double base = best[size_t(Clear::Nothing)];
        const double prefix = best[size_t(Clear::Prefix)];
        const double all = best[size_t(Clear::All)];
        const double ratio = allClear / prefixClear;
        const bool isTarget = datagram == 300;

        BenchReport::row(
            u"Zeroing before reuse, %1-byte datagram"_s.arg(datagram),
            u"clear written prefix (%1 B) vs all %2 B, BufferPool acquire/write/release cycle"_s
                .arg(prefixZeroed)
                .arg(allZeroed),
            u"clearing alone: prefix %1 ns, all %2 ns; whole cycle: prefix %3 ns, all %4 ns, "
            "no clearing %5 ns"_s.arg(BenchReport::num(prefixClear, 1),
                                      BenchReport::num(allClear, 1), BenchReport::num(prefix, 1),
                                      BenchReport::num(all, 1), BenchReport::num(base, 1)),
            u"clearing %1x cheaper (whole cycle %2x)"_s.arg(BenchReport::num(ratio, 1),
                                                            BenchReport::num(all / prefix, 1)),
            isTarget ? u"prefix >= 10x cheaper at 300 B"_s : u"(informative)"_s,
            isTarget ? BenchReport::met(ratio >= 10.0) : u"-"_s);
    }
    return 0;
}
