#pragma once

#include "CaptureTypes.h"

#include <QWidget>

#include <optional>

class ChartWidget;
class QComboBox;

// The three live charts fed by the capture's statistics: receive rate (packets/s, bytes/s);
// the buffer pool (buffers in use and idle, misses/s, hit ratio); allocations (the capture
// thread's and the whole process's allocations/s and bytes/s). Rates are derived from the
// differences between consecutive snapshots. GUI thread.
class ChartsPanel final : public QWidget
{
    Q_OBJECT
public:
    enum RateSeries { Packets, Bytes };
    enum PoolSeries { InUse, Idle, MissesPerSecond, HitRatio };
    enum AllocSeries { CaptureAllocs, ProcessAllocs, CaptureBytes, ProcessBytes };

    explicit ChartsPanel(QWidget *parent = nullptr);

    void addStats(const CaptureStats &stats);
    // Forgets the charts' samples (a new capture starts at t = 0).
    void clear();
    void setWindowSeconds(int seconds);
    int windowSeconds() const;

    ChartWidget *rateChart() const { return m_rate; }
    ChartWidget *poolChart() const { return m_pool; }
    ChartWidget *allocationChart() const { return m_alloc; }

Q_SIGNALS:
    void windowSecondsChanged(int seconds);

private:
    ChartWidget *m_rate;
    ChartWidget *m_pool;
    ChartWidget *m_alloc;
    QComboBox *m_window;
    std::optional<CaptureStats> m_previous;
};
