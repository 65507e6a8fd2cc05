#include "TimeSeries.h"

#include <algorithm>
#include <cmath>

TimeSeries::TimeSeries(qsizetype capacity)
    : m_samples(std::max<qsizetype>(capacity, 2))
{}

void TimeSeries::append(double t, double v)
{
    if (!std::isfinite(t) || (m_size > 0 && t < last().t))
        return;
    if (!std::isfinite(v))
        v = 0;
    const qsizetype cap = m_samples.size();
    if (m_size < cap) {
        m_samples[(m_head + m_size) % cap] = {t, v};
        ++m_size;
    } else {
        m_samples[m_head] = {t, v};
        m_head = (m_head + 1) % cap;
    }
}

void TimeSeries::clear()
{
    m_head = 0;
    m_size = 0;
}

TimeSeries::Sample TimeSeries::at(qsizetype i) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    return m_samples[(m_head + i) % m_samples.size()];
}

qsizetype TimeSeries::lowerBound(double t) const
{
    qsizetype lo = 0, hi = m_size;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (at(mid).t < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

std::optional<TimeSeries::Sample> TimeSeries::nearest(double t, double maxDistance) const
{
    if (m_size == 0)
        return std::nullopt;
    const qsizetype i = lowerBound(t);
    std::optional<Sample> best;
    for (const qsizetype j : {i - 1, i}) {
        if (j < 0 || j >= m_size)
            continue;
        const Sample s = at(j);
        if (std::abs(s.t - t) <= maxDistance &&
            (!best || std::abs(s.t - t) < std::abs(best->t - t)))
            best = s;
    }
    return best;
}

std::optional<std::pair<double, double>> TimeSeries::valueRange(double t0, double t1) const
{
    std::optional<std::pair<double, double>> range;
    for (qsizetype i = lowerBound(t0); i < m_size; ++i) {
        const Sample s = at(i);
        if (s.t > t1)
            break;
        if (!range)
            range = std::pair{s.v, s.v};
        else
            range = std::pair{std::min(range->first, s.v), std::max(range->second, s.v)};
    }
    return range;
}
