#include "IoGraph.h"

#include "ChartScale.h"

#include <algorithm>
#include <cmath>

void IoGraph::load(std::vector<Entry> entries)
{
    auto byTime = [](const Entry &a, const Entry &b) { return a.t < b.t; };
    // A file is mostly in time order already; out-of-order packets keep their row order.
    if (!std::is_sorted(entries.begin(), entries.end(), byTime))
        std::stable_sort(entries.begin(), entries.end(), byTime);
    m_entries = std::move(entries);
    m_bytesTo.assign(m_entries.size() + 1, 0);
    for (size_t i = 0; i < m_entries.size(); ++i)
        m_bytesTo[i + 1] = m_bytesTo[i] + m_entries[i].bytes;
}

void IoGraph::clear()
{
    m_entries.clear();
    m_bytesTo.assign(1, 0);
}

double IoGraph::first() const
{
    return m_entries.empty() ? 0 : m_entries.front().t;
}

double IoGraph::last() const
{
    return m_entries.empty() ? 0 : m_entries.back().t;
}

double IoGraph::intervalFor(double span, int maxBins)
{
    return std::max(ChartScale::timeStep(span, std::max(maxBins, 1)), 0.001);
}

// A bin boundary k * interval is a product with a rounding error (9 x 0.01 is a hair above
// 0.09): a packet that is on the boundary, within a picosecond per second of it, belongs to
// the bin that starts there.
qsizetype IoGraph::boundary(double t) const
{
    return lowerBound(t - 1e-12 * std::max(1.0, std::abs(t)));
}

qsizetype IoGraph::lowerBound(double t) const
{
    return std::lower_bound(m_entries.begin(), m_entries.end(), t,
                            [](const Entry &e, double v) { return e.t < v; }) -
           m_entries.begin();
}

QList<IoGraph::Bin> IoGraph::bins(double t0, double t1, double interval) const
{
    QList<Bin> out;
    if (!(interval > 0) || !std::isfinite(t0) || !std::isfinite(t1) || t1 < t0)
        return out;
    const double firstBin = std::floor(t0 / interval);
    const double count = std::min(std::floor(t1 / interval) - firstBin + 1, double(kMaxBins));
    out.reserve(qsizetype(count));
    qsizetype from = boundary(firstBin * interval);
    for (qsizetype k = 0; k < qsizetype(count); ++k) {
        const double start = (firstBin + double(k)) * interval;
        const qsizetype to = boundary((firstBin + double(k + 1)) * interval);
        out.append(Bin{start, quint64(to - from), m_bytesTo[size_t(to)] - m_bytesTo[size_t(from)]});
        from = to;
    }
    return out;
}

QList<qsizetype> IoGraph::rowsIn(double from, double to) const
{
    QList<qsizetype> rows;
    const qsizetype end = boundary(to);
    for (qsizetype i = boundary(from); i < end; ++i)
        rows.append(m_entries[size_t(i)].row);
    std::sort(rows.begin(), rows.end());
    return rows;
}

qsizetype IoGraph::countIn(double from, double to) const
{
    return std::max<qsizetype>(boundary(to) - boundary(from), 0);
}
