#pragma once

#include "CaptureTypes.h"
#include "IoGraph.h"

#include <QList>
#include <QWidget>

#include <optional>

class ChartWidget;
class PacketStore;
class QComboBox;
class QLabel;
class QToolButton;
class QVBoxLayout;

// The three charts. Live, fed by the capture's statistics: receive rate (packets/s, bytes/s);
// the buffer pool (buffers in use and idle, misses/s, hit ratio); allocations (the capture
// thread's and the whole process's allocations/s and bytes/s), with a marker where pooling
// was switched off or on. Rates are derived from the differences between consecutive
// snapshots. For an opened file the rate chart is the file's IO graph (packets and bytes per
// interval over the file's own time, the interval a 1-2-5 step that fits the view; wheel
// zooms, drag moves, double-click or Reset shows the whole file; a click selects the
// interval's packets), and the pool and allocation charts say that they apply to live capture.
// GUI thread.
class ChartsPanel final : public QWidget
{
    Q_OBJECT
public:
    enum RateSeries { Packets, Bytes };
    enum PoolSeries { InUse, Idle, MissesPerSecond, HitRatio };
    enum AllocSeries { CaptureAllocs, ProcessAllocs, CaptureBytes, ProcessBytes };

    explicit ChartsPanel(QWidget *parent = nullptr);

    void addStats(const CaptureStats &stats);
    // Forgets the charts' samples and any file (a new capture starts at t = 0).
    void clear();
    // Shows the IO graph of the file whose packets are in `store` (times since its start).
    void showFile(const PacketStore &store);
    bool showsFile() const { return m_showsFile; }
    const IoGraph &ioGraph() const { return m_io; }
    // The IO graph's interval for the current view, seconds.
    double ioInterval() const { return m_interval; }
    void setWindowSeconds(int seconds);
    int windowSeconds() const;

    ChartWidget *rateChart() const { return m_rate; }
    ChartWidget *poolChart() const { return m_pool; }
    ChartWidget *allocationChart() const { return m_alloc; }

Q_SIGNALS:
    void windowSecondsChanged(int seconds);
    // The IO graph's interval [from, to) was clicked: the model rows of its packets.
    void intervalClicked(double from, double to, const QList<qsizetype> &rows);

private:
    void setLiveLabels();
    void fillIoGraph(double t0, double t1);
    void onTimeClicked(double t);

    ChartWidget *m_rate;
    ChartWidget *m_pool;
    ChartWidget *m_alloc;
    QLabel *m_windowLabel;
    QComboBox *m_window;
    QToolButton *m_resetZoom;
    QVBoxLayout *m_chartsLayout;
    std::optional<CaptureStats> m_previous;
    IoGraph m_io;
    double m_interval = 1;
    bool m_showsFile = false;
};
