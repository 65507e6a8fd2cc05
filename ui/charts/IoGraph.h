#pragma once

#include <QList>

#include <vector>

// A capture file's packets on its own time axis, for the IO graph: each packet's time
// (seconds since the file's start, as the packet list counts them), length and row in the
// packet list, kept sorted by time, with running byte sums, so the packets and bytes of any
// interval are two binary searches away and the bins of a zoomed view cost nothing per packet.
// GUI thread (any thread: no Qt objects).
class IoGraph final
{
public:
    struct Entry
    {
        double t = 0;      // seconds since the file's start
        quint64 bytes = 0; // on the wire
        qsizetype row = 0; // in the packet list's model
    };
    struct Bin
    {
        double start = 0; // the bin is [start, start + interval)
        quint64 packets = 0;
        quint64 bytes = 0;
    };
    // No more bins than this for one view, whatever the interval.
    static constexpr qsizetype kMaxBins = 4000;

    void load(std::vector<Entry> entries);
    void clear();
    bool isEmpty() const { return m_entries.empty(); }
    qsizetype size() const { return qsizetype(m_entries.size()); }
    // The earliest and the latest packet's time (0 when empty).
    double first() const;
    double last() const;

    // The interval for a view `span` seconds wide with at most maxBins bins: the smallest of
    // ChartScale's time steps (1-2-5 steps of 1 ms, 1 s, 1 min, 1 h; days for longer files),
    // at least a millisecond.
    static double intervalFor(double span, int maxBins);
    // The bins covering [t0, t1], aligned to multiples of `interval` (bin k is
    // [k interval, (k + 1) interval)), empty ones included; at most kMaxBins.
    QList<Bin> bins(double t0, double t1, double interval) const;
    // The rows of the packets with from <= t < to, in row order (bounds as bins() takes
    // them: a packet on a bin's start belongs to that bin).
    QList<qsizetype> rowsIn(double from, double to) const;
    // Packets with from <= t < to.
    qsizetype countIn(double from, double to) const;

private:
    qsizetype lowerBound(double t) const;
    qsizetype boundary(double t) const;

    std::vector<Entry> m_entries;      // by time
    std::vector<quint64> m_bytesTo{0}; // bytes of entries [0, i)
};
