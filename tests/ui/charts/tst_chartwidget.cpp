// ChartWidget: the ring buffer behind a line, the live window, the hover values, the ticks
// that fit (no overlapping or clipped labels at the sizes the window gives the charts, in
// English and German), the fixed range of an IO graph (zoom, pan, click, reset), markers and
// the overlay that replaces a chart that does not apply.
#include "ChartScale.h"
#include "ChartWidget.h"
#include "TimeSeries.h"

#include <QApplication>
#include <QImage>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace Qt::StringLiterals;

class TestChartWidget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void ringBufferDropsOldest();
    void ignoresTimeGoingBack();
    void lookups();
    void windowChanges();
    void positionTimeMapping();
    void valuesUnderTheMouse();
    void lineAtTheTopIsDrawn();
    void repaintsOnlyWhenChangedAndThrottled();
    void labelsFit_data();
    void labelsFit();
    void fixedRangeZoomsAndPans();
    void mouseZoomDragClick();
    void markersAreDrawn();
    void overlayReplacesThePlot();
};

void TestChartWidget::init()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestChartWidget::cleanup()
{
    QLocale::setDefault(QLocale::c());
}

void TestChartWidget::ringBufferDropsOldest()
{
    TimeSeries s(8);
    for (int i = 0; i < 20; ++i)
        s.append(i, i * 10);
    QCOMPARE(s.size(), 8);
    QCOMPARE(s.capacity(), 8);
    QCOMPARE(s.at(0).t, 12.0);
    QCOMPARE(s.last().v, 190.0);
    s.clear();
    QVERIFY(s.isEmpty());
    s.append(1, 1);
    QCOMPARE(s.at(0).t, 1.0);
}

void TestChartWidget::ignoresTimeGoingBack()
{
    TimeSeries s;
    s.append(5, 1);
    s.append(4, 2);
    s.append(5, 3); // equal time is fine
    QCOMPARE(s.size(), 2);
    QCOMPARE(s.last().v, 3.0);
    s.append(qQNaN(), 1);
    QCOMPARE(s.size(), 2);
}

void TestChartWidget::lookups()
{
    TimeSeries s(16);
    for (int i = 0; i < 10; ++i)
        s.append(i * 0.25, i % 3 == 0 ? 100 : i);
    QCOMPARE(s.lowerBound(1.0), 4);
    QCOMPARE(s.lowerBound(-1), 0);
    QCOMPARE(s.lowerBound(99), 10);
    auto n = s.nearest(1.1, 1.0);
    QVERIFY(n);
    QCOMPARE(n->t, 1.0);
    QVERIFY(!s.nearest(10, 1.0));
    const auto r = s.valueRange(0.5, 1.25); // i = 2..5: 2, 100, 4, 5
    QVERIFY(r);
    QCOMPARE(r->first, 2.0);
    QCOMPARE(r->second, 100.0);
    QVERIFY(!s.valueRange(50, 60));
}

void TestChartWidget::windowChanges()
{
    ChartWidget chart(u"Rate"_s);
    const int packets = chart.addSeries(u"packets/s"_s, Qt::blue, ChartWidget::Axis::Left);
    QCOMPARE(chart.visibleRange(), std::make_pair(0.0, 60.0));
    for (int t = 0; t <= 1000; ++t)
        chart.append(packets, t, t);
    QCOMPARE(chart.visibleRange(), std::make_pair(940.0, 1000.0));
    chart.setWindowSeconds(300);
    QCOMPARE(chart.windowSeconds(), 300);
    QCOMPARE(chart.visibleRange(), std::make_pair(700.0, 1000.0));
    chart.setWindowSeconds(900);
    QCOMPARE(chart.visibleRange(), std::make_pair(100.0, 1000.0));
    // The 900 s window still has all of its samples: the ring buffer holds 15 minutes.
    QVERIFY(chart.series(packets).at(0).t <= 100.0);
}

void TestChartWidget::positionTimeMapping()
{
    ChartWidget chart(u"Rate"_s);
    chart.addSeries(u"x"_s, Qt::blue, ChartWidget::Axis::Left);
    chart.resize(600, 300);
    chart.append(0, 120, 1);
    for (const double t : {60.5, 90.0, 119.0}) {
        const int x = chart.xForTime(t);
        QVERIFY(qAbs(chart.timeAtX(x) - t) < 0.5);
    }
    QVERIFY(chart.xForTime(60) < chart.xForTime(120));
}

void TestChartWidget::valuesUnderTheMouse()
{
    ChartWidget chart(u"Rate"_s);
    chart.setAxis(ChartWidget::Axis::Left, u"packets/s"_s, ChartWidget::Unit::Count);
    chart.setAxis(ChartWidget::Axis::Right, u"B/s"_s, ChartWidget::Unit::Bytes);
    const int p = chart.addSeries(u"Packets"_s, Qt::blue, ChartWidget::Axis::Left);
    const int b = chart.addSeries(u"Bytes"_s, Qt::red, ChartWidget::Axis::Right);
    for (int i = 0; i < 40; ++i) {
        chart.append(p, i * 0.25, i);
        chart.append(b, i * 0.25, i * 1024.0 * 1024.0);
    }
    const QStringList at = chart.valuesAt(5.05); // nearest sample: t = 5.0, i = 20
    QCOMPARE(at.size(), 2);
    QCOMPARE(at.at(0), u"Packets: 20 packets/s"_s);
    QCOMPARE(at.at(1), u"Bytes: 20.0 MiB/s"_s);
    QVERIFY(chart.valuesAt(500).isEmpty());
    QCOMPARE(chart.formatValue(ChartWidget::Axis::Right, 1536), u"1.50 KiB"_s);
}

// A hit ratio of 100 % sits on the top of its axis: the line must be drawn there, not
// clipped away by the plot area (it was invisible while the pool hit every time).
void TestChartWidget::lineAtTheTopIsDrawn()
{
    ChartWidget chart(u"Pool"_s);
    chart.setAxis(ChartWidget::Axis::Right, u"hit ratio"_s, ChartWidget::Unit::Percent);
    const QColor color(255, 0, 255);
    const int ratio = chart.addSeries(u"Hit ratio"_s, color, ChartWidget::Axis::Right);
    chart.resize(600, 300);
    for (int i = 0; i <= 40; ++i)
        chart.append(ratio, i * 0.5, 100.0);
    const QImage image = chart.grab().toImage();
    int strong = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 200 && c.blue() > 200 && c.green() < 80)
                ++strong;
        }
    }
    // The legend swatch alone is a few dozen pixels; a 20-second line across the plot is
    // hundreds more.
    QVERIFY2(strong > 300, qPrintable(QString::number(strong)));
}

void TestChartWidget::repaintsOnlyWhenChangedAndThrottled()
{
    ChartWidget chart(u"Rate"_s);
    const int s = chart.addSeries(u"x"_s, Qt::blue, ChartWidget::Axis::Left);
    chart.resize(400, 200);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTest::qWait(250);
    const int idle = chart.paintCount();
    QTest::qWait(400);
    QCOMPARE(chart.paintCount(), idle); // nothing changed: no repaint
    QElapsedTimer timer;
    timer.start();
    int appended = 0;
    while (timer.elapsed() < 600) {
        chart.append(s, appended * 0.01, appended);
        ++appended;
        QTest::qWait(2);
    }
    QTest::qWait(150);
    const int paints = chart.paintCount() - idle;
    QVERIFY2(appended > 50, "the loop must append far more often than the chart may paint");
    QVERIFY2(paints >= 3 && paints <= 9,
             qPrintable(u"%1 paints for %2 appends in 0.75 s"_s.arg(paints).arg(appended)));
    QVERIFY(!chart.isDirty());
}

namespace {

int pixelsOf(const QImage &image, const QRect &area, const std::function<bool(QColor)> &match)
{
    int n = 0;
    for (int y = std::max(area.top(), 0); y <= std::min(area.bottom(), image.height() - 1); ++y) {
        for (int x = std::max(area.left(), 0); x <= std::min(area.right(), image.width() - 1); ++x)
            n += match(image.pixelColor(x, y)) ? 1 : 0;
    }
    return n;
}

} // namespace

// The sizes a chart gets in the 1024x700 window (three in the dock) and larger; live windows
// with counts and bytes up to MiB, and fixed ranges from 50 ms to over an hour; English and
// German, the chart at least as large as its minimum size hint (the dock scrolls rather than
// squeeze it). After a paint (the margins grow to the widest label), every value label fits
// its margin, value ticks are at least a line apart, the rotated axis titles fit the plot's
// height, and time labels lie inside the widget and do not touch each other.
void TestChartWidget::labelsFit_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<double>("span");  // 0: the live 15-minute window
    QTest::addColumn<double>("scale"); // values up to this
    for (const QSize size : {QSize(300, 150), QSize(380, 180), QSize(600, 260)}) {
        for (const QString &locale : {u"en_US"_s, u"de_DE"_s}) {
            for (const double span : {0.0, 0.05, 7.5, 125.0, 3725.0}) {
                for (const double scale : {3.0, 1234.5, 1.7e6}) {
                    QTest::addRow("%dx%d %s span %g scale %g", size.width(), size.height(),
                                  qPrintable(locale), span, scale)
                        << size << locale << span << scale;
                }
            }
        }
    }
}

void TestChartWidget::labelsFit()
{
    QFETCH(QSize, size);
    QFETCH(QString, locale);
    QFETCH(double, span);
    QFETCH(double, scale);
    QLocale::setDefault(QLocale(locale));
    ChartWidget chart(u"Rate"_s);
    // The pool chart's long axis title, in German.
    chart.setAxis(ChartWidget::Axis::Left, u"Puffer, Fehlgriffe/s"_s, ChartWidget::Unit::Count);
    chart.setAxis(ChartWidget::Axis::Right, u"B/s"_s, ChartWidget::Unit::Bytes);
    const int p = chart.addSeries(u"Mitschnitt-Thread Anf./s"_s, Qt::blue, ChartWidget::Axis::Left);
    const int b = chart.addSeries(u"Mitschnitt-Thread B/s"_s, Qt::red, ChartWidget::Axis::Right);
    chart.addSeries(u"Prozess Anf./s"_s, Qt::green, ChartWidget::Axis::Left);
    chart.addSeries(u"Prozess B/s"_s, Qt::yellow, ChartWidget::Axis::Right);
    chart.resize(size);
    chart.resize(size.expandedTo(chart.minimumSizeHint()));
    const double end = span > 0 ? span : 1000.0;
    if (span > 0) {
        chart.setFixedRange(0, span);
    } else {
        chart.setWindowSeconds(900);
    }
    for (int i = 0; i <= 200; ++i) {
        const double t = end * i / 200;
        chart.append(p, t, scale * (i % 7) / 6.0);
        chart.append(b, t, scale * 300 * (i % 5) / 4.0);
    }
    (void)chart.grab(); // paints: the margins grow to the labels
    const QImage image = chart.grab().toImage();
    Q_UNUSED(image);

    const QFontMetrics fm(chart.font());
    const QRect plot = chart.plotArea();
    const int titleRoom = fm.height() + 2; // the rotated axis titles beside the labels
    QVERIFY(fm.horizontalAdvance(u"Puffer, Fehlgriffe/s"_s) <= plot.height());
    for (const auto axis : {ChartWidget::Axis::Left, ChartWidget::Axis::Right}) {
        const ChartScale::ValueTicks ticks = chart.valueTicks(axis);
        const ChartScale::Unit unit =
            axis == ChartWidget::Axis::Left ? ChartScale::Unit::Count : ChartScale::Unit::Bytes;
        QVERIFY2(plot.height() / ticks.intervals >= fm.height(),
                 qPrintable(u"%1 ticks in %2 px"_s.arg(ticks.intervals).arg(plot.height())));
        const int room = axis == ChartWidget::Axis::Left
                             ? plot.left() - 6 - titleRoom
                             : chart.width() - plot.right() - 7 - titleRoom;
        for (int i = 0; i <= ticks.intervals; ++i) {
            const QString label = ChartScale::tickLabel(unit, ticks, ticks.step * i);
            QVERIFY2(fm.horizontalAdvance(label) <= room,
                     qPrintable(u"%1 is %2 px, room %3"_s.arg(label)
                                    .arg(fm.horizontalAdvance(label))
                                    .arg(room)));
        }
    }
    const double step = chart.timeTickStep();
    const auto [t0, t1] = chart.visibleRange();
    QRect previous;
    int labels = 0;
    for (auto k = qint64(std::ceil(t0 / step - 1e-9)); k <= qint64(std::floor(t1 / step + 1e-9));
         ++k) {
        const double t = double(k) * step;
        const QString label = ChartScale::timeLabel(t, step);
        const int w = fm.horizontalAdvance(label) + 2;
        const int x = chart.xForTime(t);
        const QRect r(std::clamp(x - w / 2, 0, chart.width() - w), plot.bottom() + 2, w,
                      fm.height());
        QVERIFY2(chart.rect().contains(r), qPrintable(label));
        if (labels > 0)
            QVERIFY2(r.left() >= previous.right() + 4,
                     qPrintable(u"%1 touches the label before it"_s.arg(label)));
        previous = r;
        ++labels;
    }
    QVERIFY2(labels >= 2, qPrintable(u"only %1 time labels"_s.arg(labels)));
}

void TestChartWidget::fixedRangeZoomsAndPans()
{
    ChartWidget chart(u"IO"_s);
    chart.addSeries(u"Packets"_s, Qt::blue, ChartWidget::Axis::Left, ChartWidget::Style::Steps);
    chart.resize(600, 300);
    QSignalSpy ranges(&chart, &ChartWidget::rangeChanged);
    chart.setFixedRange(0, 100);
    QVERIFY(chart.hasFixedRange());
    QCOMPARE(chart.visibleRange(), std::make_pair(0.0, 100.0));
    QCOMPARE(ranges.size(), 1);
    QVERIFY(!chart.isZoomed());
    chart.zoomAround(50, 0.5);
    QCOMPARE(chart.visibleRange(), std::make_pair(25.0, 75.0));
    QVERIFY(chart.isZoomed());
    chart.zoomTo(-10, 5); // moved inside the file, the span kept
    QCOMPARE(chart.visibleRange(), std::make_pair(0.0, 15.0));
    chart.zoomTo(10, 10); // at least a millisecond
    QCOMPARE(chart.visibleRange().second - chart.visibleRange().first, 0.001);
    chart.zoomTo(-50, 500); // no further out than the whole file
    QCOMPARE(chart.visibleRange(), std::make_pair(0.0, 100.0));
    chart.zoomAround(80, 0.1);
    chart.resetZoom();
    QCOMPARE(chart.visibleRange(), std::make_pair(0.0, 100.0));
    QCOMPARE(ranges.last().at(0).toDouble(), 0.0);
    QCOMPARE(ranges.last().at(1).toDouble(), 100.0);
    chart.clearFixedRange();
    QVERIFY(!chart.hasFixedRange());
    QCOMPARE(chart.visibleRange(), std::make_pair(0.0, 60.0)); // the live window again
}

void TestChartWidget::mouseZoomDragClick()
{
    ChartWidget chart(u"IO"_s);
    chart.addSeries(u"Packets"_s, Qt::blue, ChartWidget::Axis::Left, ChartWidget::Style::Steps);
    chart.resize(600, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setFixedRange(0, 100);
    const QRect plot = chart.plotArea();
    const QPoint centre = plot.center();

    // A wheel notch towards the user zooms in around the mouse to 80 % of the span: three
    // notches to 51.2 %.
    const double under = chart.timeAtX(centre.x());
    QWheelEvent wheel(centre, chart.mapToGlobal(centre), QPoint(), QPoint(0, 360), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&chart, &wheel);
    auto [t0, t1] = chart.visibleRange();
    QVERIFY(std::abs((t1 - t0) - 51.2) < 1e-6);
    QVERIFY(std::abs(chart.timeAtX(centre.x()) - under) < 0.5); // the time under the mouse stays

    // A drag moves the view with the mouse and is not a click.
    QSignalSpy clicks(&chart, &ChartWidget::timeClicked);
    const double before = chart.visibleRange().first;
    QTest::mousePress(&chart, Qt::LeftButton, Qt::NoModifier, centre);
    QTest::mouseMove(&chart, centre + QPoint(60, 0));
    QTest::mouseMove(&chart, centre + QPoint(120, 0));
    QTest::mouseRelease(&chart, Qt::LeftButton, Qt::NoModifier, centre + QPoint(120, 0));
    const double moved = before - chart.visibleRange().first;
    const double expected = 120.0 * 51.2 / plot.width();
    QVERIFY2(std::abs(moved - expected) < 0.5,
             qPrintable(u"moved %1 s, expected %2"_s.arg(moved).arg(expected)));
    QCOMPARE(clicks.size(), 0);

    // A click says which time it hit.
    const QPoint at(plot.left() + plot.width() / 4, centre.y());
    QTest::mouseClick(&chart, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(clicks.size(), 1);
    QVERIFY(std::abs(clicks.at(0).at(0).toDouble() - chart.timeAtX(at.x())) < 1e-9);

    // A double-click shows the whole range again.
    QTest::mouseDClick(&chart, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(chart.visibleRange(), std::make_pair(0.0, 100.0));
}

void TestChartWidget::markersAreDrawn()
{
    ChartWidget chart(u"Pool"_s);
    chart.setAxis(ChartWidget::Axis::Left, u"buffers"_s, ChartWidget::Unit::Count);
    const int s = chart.addSeries(u"In use"_s, Qt::blue, ChartWidget::Axis::Left);
    chart.resize(600, 300);
    for (int i = 0; i <= 240; ++i)
        chart.append(s, i * 0.25, 10);
    auto markerPixels = [&](double t) {
        const QImage image = chart.grab().toImage();
        const int x = chart.xForTime(t);
        const QRect plot = chart.plotArea();
        return pixelsOf(image, QRect(x - 1, plot.top() + 20, 3, plot.height() - 20), [](QColor c) {
            return c.red() > 150 && c.green() > 60 && c.green() < 110 && c.blue() < 40;
        });
    };
    QCOMPARE(markerPixels(30), 0);
    chart.addMarker(30, u"pooling off"_s);
    QCOMPARE(chart.markers().size(), 1);
    // A dashed line down the plot: a good part of its height.
    QVERIFY2(markerPixels(30) > chart.plotArea().height() / 3,
             qPrintable(QString::number(markerPixels(30))));
    for (int i = 0; i < 2 * ChartWidget::kMaxMarkers; ++i)
        chart.addMarker(31 + i * 0.1, u"x"_s);
    QCOMPARE(chart.markers().size(), ChartWidget::kMaxMarkers); // bounded, oldest dropped
    QVERIFY(chart.markers().first().t > 30);
    chart.clear();
    QVERIFY(chart.markers().isEmpty());
}

void TestChartWidget::overlayReplacesThePlot()
{
    ChartWidget chart(u"Pool"_s);
    chart.setAxis(ChartWidget::Axis::Left, u"buffers"_s, ChartWidget::Unit::Count);
    const int s = chart.addSeries(u"In use"_s, QColor(255, 0, 255), ChartWidget::Axis::Left);
    chart.resize(600, 300);
    for (int i = 0; i <= 240; ++i)
        chart.append(s, i * 0.25, 2);
    auto magenta = [&] {
        return pixelsOf(chart.grab().toImage(), chart.rect(),
                        [](QColor c) { return c.red() > 200 && c.blue() > 200 && c.green() < 80; });
    };
    QVERIFY(magenta() > 300);
    const int height = chart.minimumSizeHint().height();
    chart.setOverlayText(u"Applies to live capture"_s);
    QCOMPARE(magenta(), 0);                             // neither the line nor the legend
    QVERIFY(chart.minimumSizeHint().height() < height); // a few lines suffice
    chart.setOverlayText({});
    QVERIFY(magenta() > 300);
}

QTEST_MAIN(TestChartWidget)
#include "tst_chartwidget.moc"
