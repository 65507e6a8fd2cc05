#pragma once

#include <QList>

#include <optional>
#include <utility>

// One chart line: a fixed-size ring buffer of (time, value) samples, oldest dropped first,
// so a long capture never grows memory. Times are seconds since capture start and must not
// decrease (an earlier sample is ignored). GUI thread.
class TimeSeries final
{
public:
    struct Sample
    {
        double t = 0;
        double v = 0;
    };

    // 4096 samples hold 15 minutes of the engine's 4 stats per second.
    explicit TimeSeries(qsizetype capacity = 4096);

    void append(double t, double v);
    void clear();

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    qsizetype capacity() const { return m_samples.size(); }
    Sample at(qsizetype i) const; // 0 = oldest kept
    Sample last() const { return at(m_size - 1); }
    // First index whose time is >= t (size() when none).
    qsizetype lowerBound(double t) const;
    // The sample closest in time to t, if one lies within maxDistance seconds.
    std::optional<Sample> nearest(double t, double maxDistance) const;
    // Smallest and largest value among samples with t0 <= time <= t1; nullopt when none.
    std::optional<std::pair<double, double>> valueRange(double t0, double t1) const;

private:
    QList<Sample> m_samples;
    qsizetype m_head = 0; // index of the oldest sample
    qsizetype m_size = 0;
};
