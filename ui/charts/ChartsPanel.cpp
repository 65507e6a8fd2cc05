#include "ChartsPanel.h"

#include "ChartScale.h"
#include "ChartWidget.h"
#include "PacketStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// An IO graph bin is at least this many pixels wide.
constexpr int kPixelsPerBin = 3;

} // namespace

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
    , m_rate(new ChartWidget(tr("Receive rate"), this))
    , m_pool(new ChartWidget(tr("Buffer pool"), this))
    , m_alloc(new ChartWidget(tr("Allocations per second"), this))
    , m_windowLabel(new QLabel(tr("Window:"), this))
    , m_window(new QComboBox(this))
    , m_resetZoom(new QToolButton(this))
{
    using Axis = ChartWidget::Axis;
    using Unit = ChartWidget::Unit;
    m_rate->setObjectName(u"rateChart"_s);
    m_rate->addSeries(tr("Packets/s"), QColor(0x1f, 0x77, 0xb4), Axis::Left);
    m_rate->addSeries(tr("Bytes/s"), QColor(0xd6, 0x27, 0x28), Axis::Right);
    setLiveLabels();

    m_pool->setObjectName(u"poolChart"_s);
    m_pool->setAxis(Axis::Left, tr("buffers, misses/s"), Unit::Count);
    m_pool->setAxis(Axis::Right, tr("hit ratio"), Unit::Percent);
    m_pool->addSeries(tr("In use"), QColor(0x1f, 0x77, 0xb4), Axis::Left);
    m_pool->addSeries(tr("Idle"), QColor(0x2c, 0xa0, 0x2c), Axis::Left);
    m_pool->addSeries(tr("Misses/s"), QColor(0xd6, 0x27, 0x28), Axis::Left);
    m_pool->addSeries(tr("Hit ratio"), QColor(0x94, 0x67, 0xbd), Axis::Right);

    m_alloc->setObjectName(u"allocationChart"_s);
    // What it counts (issue #17: "4 per packet" on the chart against the README's 1.00 of the
    // receive path alone; both are right, measured in the README).
    m_alloc->setToolTip(
        tr("Heap allocations per second, while capturing live.\n"
           "Capture thread: everything that thread allocates: the copy of each datagram (one "
           "per packet, the receive path's only cost), handing each batch of packets on (a "
           "batch every 50 ms at most, so at a few packets per second every packet is a "
           "batch), its timers and the statistics snapshots (4 per second). At 20 packets/s "
           "that is about 4 allocations per packet, at 200 packets/s and more about 2.\n"
           "Process: every thread (decoding, the window, the charts)."));
    m_alloc->setAxis(Axis::Left, tr("allocations/s"), Unit::Count);
    m_alloc->setAxis(Axis::Right, tr("B/s"), Unit::Bytes);
    m_alloc->addSeries(tr("Capture thread allocs/s"), QColor(0x1f, 0x77, 0xb4), Axis::Left);
    m_alloc->addSeries(tr("Process allocs/s"), QColor(0x2c, 0xa0, 0x2c), Axis::Left);
    m_alloc->addSeries(tr("Capture thread B/s"), QColor(0xd6, 0x27, 0x28), Axis::Right);
    m_alloc->addSeries(tr("Process B/s"), QColor(0xff, 0x7f, 0x0e), Axis::Right);

    m_window->setObjectName(u"chartWindow"_s);
    m_window->addItem(tr("1 minute"), 60);
    m_window->addItem(tr("5 minutes"), 300);
    m_window->addItem(tr("15 minutes"), 900);
    m_window->setToolTip(tr("Time span the charts show"));
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] {
        const int seconds = m_window->currentData().toInt();
        for (ChartWidget *c : {m_rate, m_pool, m_alloc})
            c->setWindowSeconds(seconds);
        Q_EMIT windowSecondsChanged(seconds);
    });

    m_resetZoom->setObjectName(u"resetZoom"_s);
    m_resetZoom->setText(tr("Whole File"));
    m_resetZoom->setToolTip(tr("Show the whole file again (or double-click the graph)"));
    m_resetZoom->setEnabled(false);
    m_resetZoom->setVisible(false);
    connect(m_resetZoom, &QToolButton::clicked, m_rate, &ChartWidget::resetZoom);
    connect(m_rate, &ChartWidget::rangeChanged, this, [this](double t0, double t1) {
        if (m_showsFile)
            fillIoGraph(t0, t1);
    });
    connect(m_rate, &ChartWidget::timeClicked, this, &ChartsPanel::onTimeClicked);

    auto *top = new QHBoxLayout;
    top->addWidget(m_windowLabel);
    top->addWidget(m_window);
    top->addWidget(m_resetZoom);
    top->addStretch(1);
    // The charts scroll rather than shrink below what their labels need: in a small window
    // (1024x700) the dock stays small and each chart readable.
    auto *charts = new QWidget;
    m_chartsLayout = new QVBoxLayout(charts);
    m_chartsLayout->setContentsMargins(0, 0, 0, 0);
    m_chartsLayout->addWidget(m_rate, 1);
    m_chartsLayout->addWidget(m_pool, 1);
    m_chartsLayout->addWidget(m_alloc, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"chartsScroll"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(charts);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);
}

void ChartsPanel::setLiveLabels()
{
    using Axis = ChartWidget::Axis;
    using Unit = ChartWidget::Unit;
    m_rate->setTitle(tr("Receive rate"));
    m_rate->setAxis(Axis::Left, tr("packets/s"), Unit::Count);
    m_rate->setAxis(Axis::Right, tr("B/s"), Unit::Bytes);
    m_rate->setTimeAxisTitle(ChartWidget::tr("time since capture start"));
    m_rate->setEmptyHint(ChartWidget::tr("No samples yet: the charts fill while capturing"));
    m_rate->setToolTip({});
}

void ChartsPanel::setWindowSeconds(int seconds)
{
    const int i = m_window->findData(seconds);
    if (i >= 0)
        m_window->setCurrentIndex(i);
}

int ChartsPanel::windowSeconds() const
{
    return m_window->currentData().toInt();
}

void ChartsPanel::clear()
{
    m_previous.reset();
    for (ChartWidget *c : {m_rate, m_pool, m_alloc}) {
        c->clear();
        c->setOverlayText({});
    }
    if (m_showsFile) {
        m_showsFile = false;
        m_io.clear();
        m_rate->clearFixedRange();
        setLiveLabels();
        m_windowLabel->setVisible(true);
        m_window->setVisible(true);
        m_resetZoom->setVisible(false);
        m_rate->setSeriesName(Packets, tr("Packets/s"));
        m_rate->setSeriesName(Bytes, tr("Bytes/s"));
        m_chartsLayout->setStretchFactor(m_pool, 1);
        m_chartsLayout->setStretchFactor(m_alloc, 1);
    }
}

void ChartsPanel::showFile(const PacketStore &store)
{
    clear();
    std::vector<IoGraph::Entry> entries;
    entries.reserve(size_t(store.size()));
    const qint64 origin = store.startTimeNs();
    for (qsizetype row = 0; row < store.size(); ++row)
        entries.push_back(IoGraph::Entry{double(store.timestampNs(row) - origin) / 1e9,
                                         store.originalLength(row), row});
    m_io.load(std::move(entries));
    m_showsFile = true;

    m_rate->setTitle(tr("Packets over the file's time (IO graph)"));
    m_rate->setTimeAxisTitle(tr("time since the first packet"));
    m_rate->setEmptyHint(tr("The file has no mDNS packets"));
    m_rate->setToolTip(tr("Wheel: zoom; drag: move; click: select the packets of that interval; "
                          "double-click: the whole file"));
    const QString live = tr("Applies to live capture: an opened file is shown.");
    m_pool->setOverlayText(live + u'\n' +
                           tr("The buffer pool holds the capture thread's receive buffers."));
    m_alloc->setOverlayText(live + u'\n' + tr("The chart counts allocations while capturing."));
    m_windowLabel->setVisible(false);
    m_window->setVisible(false);
    m_resetZoom->setVisible(true);
    m_rate->setSeriesName(Packets, tr("Packets"));
    m_rate->setSeriesName(Bytes, tr("Bytes"));
    // The notes take a few lines; the IO graph the rest.
    m_chartsLayout->setStretchFactor(m_pool, 0);
    m_chartsLayout->setStretchFactor(m_alloc, 0);
    // The whole file, from its start (or its earliest packet, if one is older) to its end.
    const double t0 = std::min(m_io.first(), 0.0);
    m_rate->setFixedRange(t0, std::max(m_io.last(), t0 + 0.01)); // fills the graph
}

void ChartsPanel::fillIoGraph(double t0, double t1)
{
    using Axis = ChartWidget::Axis;
    using Unit = ChartWidget::Unit;
    const int width = std::max(m_rate->plotArea().width(), 100);
    m_interval = IoGraph::intervalFor(t1 - t0, width / kPixelsPerBin);
    const QString interval = ChartScale::durationText(m_interval);
    m_rate->clear();
    m_rate->setAxis(Axis::Left, tr("packets per %1").arg(interval), Unit::Count);
    m_rate->setAxis(Axis::Right, tr("bytes per %1").arg(interval), Unit::Bytes);
    if (!m_io.isEmpty()) {
        const QList<IoGraph::Bin> bins = m_io.bins(t0, t1, m_interval);
        for (const IoGraph::Bin &b : bins) {
            m_rate->append(Packets, b.start, double(b.packets));
            m_rate->append(Bytes, b.start, double(b.bytes));
        }
        if (!bins.isEmpty()) { // where the last bin ends
            m_rate->append(Packets, bins.last().start + m_interval, 0);
            m_rate->append(Bytes, bins.last().start + m_interval, 0);
        }
    }
    m_resetZoom->setEnabled(m_rate->isZoomed());
}

void ChartsPanel::onTimeClicked(double t)
{
    if (!m_showsFile)
        return;
    const double k = std::floor(t / m_interval + 1e-9);
    const double from = k * m_interval, to = (k + 1) * m_interval;
    Q_EMIT intervalClicked(from, to, m_io.rowsIn(from, to));
}

void ChartsPanel::addStats(const CaptureStats &s)
{
    if (m_showsFile)
        return; // a file is shown: a capture's statistics come after clear()
    const double t = s.elapsedMs / 1000.0;
    m_rate->append(Packets, t, s.packetsPerSecond);
    m_rate->append(Bytes, t, s.bytesPerSecond);
    m_pool->append(InUse, t, double(s.pool.inUse));
    m_pool->append(Idle, t, double(s.pool.idle));

    // Counter rates need the previous snapshot of the same capture.
    if (m_previous && s.elapsedMs > m_previous->elapsedMs) {
        const CaptureStats &p = *m_previous;
        const double dt = (s.elapsedMs - p.elapsedMs) / 1000.0;
        auto perSecond = [dt](quint64 now, quint64 before) {
            return now >= before ? double(now - before) / dt : 0.0;
        };
        m_pool->append(MissesPerSecond, t, perSecond(s.pool.misses, p.pool.misses));
        const quint64 acquires = s.pool.acquires - std::min(s.pool.acquires, p.pool.acquires);
        const quint64 hits = s.pool.hits - std::min(s.pool.hits, p.pool.hits);
        if (acquires > 0)
            m_pool->append(HitRatio, t, 100.0 * double(hits) / double(acquires));
        m_alloc->append(CaptureAllocs, t,
                        perSecond(s.captureThread.allocations, p.captureThread.allocations));
        m_alloc->append(ProcessAllocs, t, perSecond(s.process.allocations, p.process.allocations));
        m_alloc->append(CaptureBytes, t,
                        perSecond(s.captureThread.bytesAllocated, p.captureThread.bytesAllocated));
        m_alloc->append(ProcessBytes, t,
                        perSecond(s.process.bytesAllocated, p.process.bytesAllocated));
    }
    // Pooling switched between the two snapshots: mark it where the new state was first seen.
    if (m_previous && s.pooling != m_previous->pooling) {
        const QString label = s.pooling ? tr("pooling on") : tr("pooling off");
        m_pool->addMarker(t, label);
        m_alloc->addMarker(t, label);
    }
    m_previous = s;
}
