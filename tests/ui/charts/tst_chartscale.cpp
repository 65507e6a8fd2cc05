// ChartScale: the numbers on the charts' axes. A value axis tops out at the smallest "nice"
// number (1, 2, 2.5 or 5 times a power of ten; of 1024 for bytes) at or above the highest
// sample, never below 4 (4 KiB); values print with k/M/G prefixes (binary for bytes) and two,
// one or no decimals by size; the time axis ticks every 10 s, 1 min or 3 min by window.
#include "ChartScale.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ChartScale::Unit;

Q_DECLARE_METATYPE(ChartScale::Unit)

class TestChartScale final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void niceCeil_data();
    void niceCeil();
    void axisTop_data();
    void axisTop();
    void formatValue_data();
    void formatValue();
    void valueWithUnit();
    void time_data();
    void time();
};

void TestChartScale::niceCeil_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("nice");
    QTest::newRow("zero") << 0.0 << 1.0;
    QTest::newRow("negative") << -5.0 << 1.0;
    QTest::newRow("exactly 1") << 1.0 << 1.0;
    QTest::newRow("just over 1") << 1.01 << 2.0;
    QTest::newRow("2.2 -> 2.5") << 2.2 << 2.5;
    QTest::newRow("2.5 stays") << 2.5 << 2.5;
    QTest::newRow("3 -> 5") << 3.0 << 5.0;
    QTest::newRow("7 -> 10") << 7.0 << 10.0;
    QTest::newRow("11 -> 20") << 11.0 << 20.0;
    QTest::newRow("240 -> 250") << 240.0 << 250.0;
    QTest::newRow("4001 -> 5000") << 4001.0 << 5000.0;
    QTest::newRow("0.3 -> 0.5") << 0.3 << 0.5;
    // Rounding noise in a sample must not push the axis a whole step up.
    QTest::newRow("20 with noise") << 20.000000001 << 20.0;
}

void TestChartScale::niceCeil()
{
    QFETCH(double, value);
    QFETCH(double, nice);
    QCOMPARE(ChartScale::niceCeil(value), nice);
}

void TestChartScale::axisTop_data()
{
    QTest::addColumn<Unit>("unit");
    QTest::addColumn<double>("highest");
    QTest::addColumn<double>("top");
    QTest::newRow("percent is always 100") << Unit::Percent << 3.0 << 100.0;
    QTest::newRow("percent over 100 too") << Unit::Percent << 130.0 << 100.0;
    QTest::newRow("idle count: floor 4 -> 5") << Unit::Count << 0.0 << 5.0;
    QTest::newRow("count 37") << Unit::Count << 37.0 << 50.0;
    QTest::newRow("count 1200") << Unit::Count << 1200.0 << 2000.0;
    QTest::newRow("idle bytes: floor 4 KiB -> 5 KiB") << Unit::Bytes << 0.0 << 5.0 * 1024;
    QTest::newRow("bytes 3000 -> 5 KiB") << Unit::Bytes << 3000.0 << 5.0 * 1024;
    QTest::newRow("bytes 9000 -> 10 KiB") << Unit::Bytes << 9000.0 << 10.0 * 1024;
    QTest::newRow("bytes 1.5 MiB -> 2 MiB")
        << Unit::Bytes << 1.5 * 1024 * 1024 << 2.0 * 1024 * 1024;
    QTest::newRow("bytes 300 MiB -> 500 MiB")
        << Unit::Bytes << 300.0 * 1024 * 1024 << 500.0 * 1024 * 1024;
}

void TestChartScale::axisTop()
{
    QFETCH(Unit, unit);
    QFETCH(double, highest);
    QFETCH(double, top);
    const double got = ChartScale::axisTop(unit, highest);
    QCOMPARE(got, top);
    QVERIFY(got >= highest || unit == Unit::Percent);
}

void TestChartScale::formatValue_data()
{
    QTest::addColumn<Unit>("unit");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("count 0") << Unit::Count << 0.0 << u"0"_s;
    QTest::newRow("count whole") << Unit::Count << 7.0 << u"7"_s;
    QTest::newRow("count fraction") << Unit::Count << 7.25 << u"7.25"_s;
    QTest::newRow("count 12.5") << Unit::Count << 12.5 << u"12.5"_s;
    QTest::newRow("count 12k") << Unit::Count << 12000.0 << u"12.0k"_s;
    QTest::newRow("count 1.5M") << Unit::Count << 1.5e6 << u"1.50M"_s;
    QTest::newRow("count 250k") << Unit::Count << 250000.0 << u"250k"_s;
    QTest::newRow("bytes 512") << Unit::Bytes << 512.0 << u"512B"_s;
    QTest::newRow("bytes 1.5 KiB") << Unit::Bytes << 1536.0 << u"1.50kB"_s;
    QTest::newRow("bytes 1000 is not a kB") << Unit::Bytes << 1000.0 << u"1000B"_s;
    QTest::newRow("bytes 2 GiB") << Unit::Bytes << 2.0 * 1024 * 1024 * 1024 << u"2.00GB"_s;
    QTest::newRow("percent 0") << Unit::Percent << 0.0 << u"0 %"_s;
    QTest::newRow("percent small") << Unit::Percent << 3.5 << u"3.5 %"_s;
    QTest::newRow("percent large") << Unit::Percent << 99.6 << u"100 %"_s;
}

void TestChartScale::formatValue()
{
    QFETCH(Unit, unit);
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(ChartScale::formatValue(unit, value), text);
}

void TestChartScale::valueWithUnit()
{
    QCOMPARE(ChartScale::valueWithUnit(Unit::Count, u"packets/s"_s, 12), u"12 packets/s"_s);
    QCOMPARE(ChartScale::valueWithUnit(Unit::Count, {}, 12), u"12"_s);
    // Bytes carry their "B" already: only the rate's "/s" is added.
    QCOMPARE(ChartScale::valueWithUnit(Unit::Bytes, u"B/s"_s, 1536), u"1.50kB/s"_s);
    QCOMPARE(ChartScale::valueWithUnit(Unit::Bytes, u"bytes"_s, 1536), u"1.50kB"_s);
    QCOMPARE(ChartScale::valueWithUnit(Unit::Percent, u"hit ratio"_s, 50), u"50 %"_s);
}

void TestChartScale::time_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<double>("step");
    QTest::newRow("1 min") << 60 << 10.0;
    QTest::newRow("5 min") << 300 << 60.0;
    QTest::newRow("15 min") << 900 << 180.0;
}

void TestChartScale::time()
{
    QFETCH(int, window);
    QFETCH(double, step);
    QCOMPARE(ChartScale::timeStep(window), step);
    // Every window has a handful of ticks, not one and not dozens.
    QVERIFY(window / step >= 5 && window / step <= 6);
    QCOMPARE(ChartScale::timeLabel(0), u"0"_s);
    QCOMPARE(ChartScale::timeLabel(45), u"45"_s);
    QCOMPARE(ChartScale::timeLabel(59.6), u"1:00"_s);
    QCOMPARE(ChartScale::timeLabel(125), u"2:05"_s);
    QCOMPARE(ChartScale::timeLabel(900), u"15:00"_s);
}

QTEST_GUILESS_MAIN(TestChartScale)
#include "tst_chartscale.moc"
