#include "LatencyHistogram.h"

#include <algorithm>
#include <cmath>

int LatencyHistogram::binOf(qint64 latencyNs)
{
    if (latencyNs < kLowestNs)
        return 0;
    const double decades = std::log10(double(latencyNs) / double(kLowestNs));
    const int i = 1 + int(std::floor(decades * kBinsPerDecade));
    return std::clamp(i, 1, kBins - 1);
}

qint64 LatencyHistogram::binLowerNs(int index)
{
    if (index <= 0)
        return 0;
    return qint64(
        std::llround(double(kLowestNs) * std::pow(10.0, double(index - 1) / kBinsPerDecade)));
}

void LatencyHistogram::add(qint64 latencyNs)
{
    latencyNs = std::max<qint64>(latencyNs, 0);
    ++m_bins[size_t(binOf(latencyNs))];
    if (m_count == 0 || latencyNs < m_minNs)
        m_minNs = latencyNs;
    m_maxNs = std::max(m_maxNs, latencyNs);
    m_sumNs += latencyNs;
    ++m_count;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_count == 0)
        return;
    for (size_t i = 0; i < m_bins.size(); ++i)
        m_bins[i] += other.m_bins[i];
    m_minNs = m_count ? std::min(m_minNs, other.m_minNs) : other.m_minNs;
    m_maxNs = std::max(m_maxNs, other.m_maxNs);
    m_sumNs += other.m_sumNs;
    m_count += other.m_count;
}

qint64 LatencyHistogram::percentileNs(double p) const
{
    if (m_count == 0)
        return 0;
    const quint64 rank = std::clamp<quint64>(quint64(std::ceil(p * double(m_count))), 1, m_count);
    quint64 seen = 0;
    int at = kBins - 1;
    for (int i = 0; i < kBins; ++i) {
        seen += m_bins[size_t(i)];
        if (seen >= rank) {
            at = i;
            break;
        }
    }
    qint64 value;
    if (at == 0)
        value = kLowestNs / 2;
    else if (at == kBins - 1)
        value = m_maxNs;
    else
        value =
            qint64(std::llround(std::sqrt(double(binLowerNs(at)) * double(binLowerNs(at + 1)))));
    return std::clamp(value, m_minNs, m_maxNs);
}
