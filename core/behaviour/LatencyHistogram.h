#pragma once

#include <QtGlobal>

#include <array>

// Response latencies in a fixed, bounded form: a log-spaced histogram from 0.1 ms to 1 s,
// 40 bins per decade (160 bins, each 5.9 % wide), one bin below 0.1 ms and one at 1 s and
// over, plus the exact count, sum, minimum and maximum. Percentiles are read from the bins:
// the geometric middle of the bin holding the rank (so within ±3 % of the true value),
// clamped to the exact minimum and maximum. Adding is constant time and allocates nothing;
// two histograms add up (a host's addresses together, the overall figure). The same bins can
// draw the latency histogram of a view. Any thread (a value).
class LatencyHistogram
{
public:
    static constexpr int kBinsPerDecade = 40;
    static constexpr int kDecades = 4; // 0.1 ms .. 1 s
    static constexpr int kBins = kBinsPerDecade * kDecades + 2;
    static constexpr qint64 kLowestNs = 100'000; // 0.1 ms

    void add(qint64 latencyNs);
    void merge(const LatencyHistogram &other);

    quint64 count() const { return m_count; }
    qint64 minNs() const { return m_count ? m_minNs : 0; }
    qint64 maxNs() const { return m_maxNs; }
    qint64 sumNs() const { return m_sumNs; }
    // The latency at or below which a share `p` (0..1) of the samples lie; 0 when empty.
    qint64 percentileNs(double p) const;
    quint32 bin(int index) const { return m_bins[size_t(index)]; }
    // The bin a latency falls in, and the lower edge of a bin (0 for the first).
    static int binOf(qint64 latencyNs);
    static qint64 binLowerNs(int index);

private:
    std::array<quint32, kBins> m_bins{};
    quint64 m_count = 0;
    qint64 m_sumNs = 0;
    qint64 m_minNs = 0;
    qint64 m_maxNs = 0;
};
