#include "ChartWidget.h"
#include "TimeSeries.h"

#include <QImage>
#include <QTest>

using namespace Qt::StringLiterals;

class TestChartWidget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ringBufferDropsOldest();
    void ignoresTimeGoingBack();
    void lookups();
    void windowChanges();
    void positionTimeMapping();
    void valuesUnderTheMouse();
    void lineAtTheTopIsDrawn();
    void repaintsOnlyWhenChangedAndThrottled();
};

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
    QCOMPARE(at.at(1), u"Bytes: 20.0MB/s"_s);
    QVERIFY(chart.valuesAt(500).isEmpty());
    QCOMPARE(chart.formatValue(ChartWidget::Axis::Right, 1536), u"1.50kB"_s);
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

QTEST_MAIN(TestChartWidget)
#include "tst_chartwidget.moc"
