// The charts panel: the IO graph of a file (IoGraph's bins and the rows of an interval, and
// the panel's file mode built from a packet store with known times, a click on a bin naming
// its packets), the live charts' pooling markers, and the pool and allocation charts saying
// that they apply to live capture while a file is shown.
#include "ChartWidget.h"
#include "ChartsPanel.h"
#include "IoGraph.h"
#include "PacketStore.h"
#include "TestPackets.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

std::vector<IoGraph::Entry> entries(const QList<double> &times)
{
    std::vector<IoGraph::Entry> out;
    for (qsizetype i = 0; i < times.size(); ++i)
        out.push_back(IoGraph::Entry{times.at(i), quint64(100 + i), i});
    return out;
}

QList<quint64> packetsOf(const QList<IoGraph::Bin> &bins)
{
    QList<quint64> counts;
    for (const IoGraph::Bin &b : bins)
        counts.append(b.packets);
    return counts;
}

CaptureStats stats(qint64 ms, bool pooling)
{
    CaptureStats s;
    s.elapsedMs = ms;
    s.pooling = pooling;
    s.pool.acquires = quint64(ms);
    s.pool.hits = quint64(ms);
    return s;
}

} // namespace

class TestChartsPanel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanup() { QLocale::setDefault(QLocale::c()); }
    void binsCountPackets();
    void outOfOrderPackets();
    void intervalFitsTheView();
    void fileModeShowsTheFile();
    void poolingMarkers();
};

void TestChartsPanel::binsCountPackets()
{
    IoGraph io;
    io.load(entries({0.0, 0.05, 0.12, 0.13, 0.5, 0.99, 1.0, 2.5}));
    QCOMPARE(io.size(), 8);
    QCOMPARE(io.first(), 0.0);
    QCOMPARE(io.last(), 2.5);
    const QList<IoGraph::Bin> bins = io.bins(0, 2.5, 0.5);
    QCOMPARE(packetsOf(bins), (QList<quint64>{4, 2, 1, 0, 0, 1}));
    QCOMPARE(bins.at(1).start, 0.5);
    QCOMPARE(bins.at(1).bytes, quint64(104 + 105)); // the packets at 0.5 and 0.99
    QCOMPARE(bins.at(5).bytes, quint64(107));
    // A view that starts inside a bin gets that whole bin.
    QCOMPARE(packetsOf(io.bins(0.7, 1.2, 0.5)), (QList<quint64>{2, 1}));
    QCOMPARE(packetsOf(io.bins(0, 0.2, 0.1)), (QList<quint64>{2, 2, 0}));
    QCOMPARE(io.rowsIn(0.5, 1.0), (QList<qsizetype>{4, 5}));
    QCOMPARE(io.rowsIn(1.5, 2.0), QList<qsizetype>{});
    QCOMPARE(io.countIn(0, 0.5), 4);
    // Many bins are capped, nonsense gives none.
    QCOMPARE(io.bins(0, 1e6, 0.001).size(), IoGraph::kMaxBins);
    QVERIFY(io.bins(2, 1, 0.5).isEmpty());
    QVERIFY(io.bins(0, 1, 0).isEmpty());
    io.clear();
    QVERIFY(io.isEmpty());
    QCOMPARE(packetsOf(io.bins(0, 1, 0.5)), (QList<quint64>{0, 0, 0}));
}

void TestChartsPanel::outOfOrderPackets()
{
    IoGraph io;
    io.load(entries({1.0, 0.2, 0.7, 0.21})); // rows 0..3
    QCOMPARE(io.first(), 0.2);
    QCOMPARE(packetsOf(io.bins(0, 1, 0.5)), (QList<quint64>{2, 1, 1}));
    QCOMPARE(io.rowsIn(0, 0.5), (QList<qsizetype>{1, 3})); // in row order
    QCOMPARE(io.rowsIn(0.5, 1.5), (QList<qsizetype>{0, 2}));
}

void TestChartsPanel::intervalFitsTheView()
{
    // The smallest 1-2-5 step with at most maxBins bins, a millisecond at least.
    QCOMPARE(IoGraph::intervalFor(1.0, 200), 0.005);
    QCOMPARE(IoGraph::intervalFor(10.0, 200), 0.05);
    QCOMPARE(IoGraph::intervalFor(3600.0, 100), 60.0);
    QCOMPARE(IoGraph::intervalFor(3600.0, 20), 300.0);
    QCOMPARE(IoGraph::intervalFor(1e-5, 200), 0.001);
    QCOMPARE(IoGraph::intervalFor(10 * 3600.0, 10), 3600.0);
}

// Packets at known times in a store; the panel shows them per interval over the file's time
// and a click on a bin names that bin's rows.
void TestChartsPanel::fileModeShowsTheFile()
{
    PacketStore store;
    const QByteArray q("not decoded here");
    const qint64 start = 1'700'000'000'000'000'000;
    // 2 s of file: 3 packets in the first 100 ms, 1 at 0.55 s, 5 at 1.2..1.24 s, 1 at 2.0 s.
    const QList<double> times{0.0, 0.01, 0.09, 0.55, 1.2, 1.21, 1.22, 1.23, 1.24, 2.0};
    for (const double t : times) {
        Packet p = TestPackets::packet(q, 0, "169.254.0.1");
        p.timestampNs = start + std::llround(t * 1e9);
        store.append(p, false);
    }
    ChartsPanel panel;
    panel.resize(500, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.showFile(store);
    QVERIFY(panel.showsFile());
    ChartWidget *rate = panel.rateChart();
    QVERIFY(rate->hasFixedRange());
    QCOMPARE(rate->visibleRange(), std::make_pair(0.0, 2.0));
    const double interval = panel.ioInterval();
    QVERIFY2(interval >= 0.005 && interval <= 0.05, qPrintable(QString::number(interval)));

    // The bins' counts, from the chart's own series (each bin's start and count).
    const TimeSeries &packets = rate->series(ChartsPanel::Packets);
    quint64 total = 0;
    for (qsizetype i = 0; i + 1 < packets.size(); ++i) {
        const double from = packets.at(i).t;
        QCOMPARE(packets.at(i + 1).t - from, interval);
        quint64 expected = 0;
        for (const double t : times)
            expected += (t >= from - 1e-9 && t < from + interval - 1e-9) ? 1 : 0;
        QCOMPARE(quint64(packets.at(i).v), expected);
        total += quint64(packets.at(i).v);
    }
    QCOMPARE(total, quint64(times.size()));

    // Zoomed to the burst, the interval gets finer (the bins follow the view).
    rate->zoomTo(1.0, 1.5);
    QVERIFY(panel.ioInterval() < interval);

    // A click in the middle of the bin that holds the packet at 1.21 s names its rows.
    rate->zoomTo(1.19, 1.26);
    const double fine = panel.ioInterval();
    const double middle = (std::floor(1.21 / fine + 1e-9) + 0.5) * fine;
    QSignalSpy clicked(&panel, &ChartsPanel::intervalClicked);
    const QPoint at(rate->xForTime(middle), rate->plotArea().center().y());
    QTest::mouseClick(rate, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(clicked.size(), 1);
    const double from = clicked.at(0).at(0).toDouble();
    const double to = clicked.at(0).at(1).toDouble();
    QVERIFY2(from <= 1.21 && 1.21 < to, qPrintable(u"%1 .. %2"_s.arg(from).arg(to)));
    QList<qsizetype> expected;
    for (qsizetype i = 0; i < times.size(); ++i) {
        if (times.at(i) >= from - 1e-9 && times.at(i) < to - 1e-9)
            expected.append(i);
    }
    QVERIFY(expected.contains(5));
    QCOMPARE(clicked.at(0).at(2).value<QList<qsizetype>>(), expected);

    // The pool and allocation charts say why they are empty.
    QVERIFY(panel.poolChart()->overlayText().contains(u"live capture"_s));
    QVERIFY(panel.allocationChart()->overlayText().contains(u"live capture"_s));

    // Clear: back to the live charts.
    panel.clear();
    QVERIFY(!panel.showsFile());
    QVERIFY(!rate->hasFixedRange());
    QVERIFY(panel.poolChart()->overlayText().isEmpty());
    QVERIFY(rate->series(ChartsPanel::Packets).isEmpty());
}

// Pooling switched off at 1 s and on again at 2 s: a marker at each switch on the pool and
// allocation charts (none on the receive rate), where the new state was first reported.
void TestChartsPanel::poolingMarkers()
{
    ChartsPanel panel;
    for (int i = 0; i <= 12; ++i)
        panel.addStats(stats(i * 250, !(i >= 4 && i < 8)));
    for (ChartWidget *chart : {panel.poolChart(), panel.allocationChart()}) {
        const QList<ChartWidget::Marker> &markers = chart->markers();
        QCOMPARE(markers.size(), 2);
        QCOMPARE(markers.at(0).t, 1.0);
        QCOMPARE(markers.at(0).label, u"pooling off"_s);
        QCOMPARE(markers.at(1).t, 2.0);
        QCOMPARE(markers.at(1).label, u"pooling on"_s);
    }
    QVERIFY(panel.rateChart()->markers().isEmpty());
    // A capture that starts without pooling has no switch to mark.
    panel.clear();
    for (int i = 0; i <= 4; ++i)
        panel.addStats(stats(i * 250, false));
    QVERIFY(panel.poolChart()->markers().isEmpty());
}

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
