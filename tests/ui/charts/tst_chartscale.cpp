// ChartScale: the numbers on the charts' axes. Value ticks are 1-2-5 steps (of the binary
// unit for bytes) with at most the intervals that fit, the top the first tick at or above the
// highest sample; values print with k/M prefixes for counts and KiB/MiB for bytes, in the
// user's locale (German "3,75"); the time axis steps 1-2-5 of ms, s, min, h, and its labels
// read "45", "2:05", "1:02:05", "1,25".
#include "ChartScale.h"

#include <QLocale>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using ChartScale::Unit;

Q_DECLARE_METATYPE(ChartScale::Unit)

namespace {

// True when v is 1, 2 or 5 times a power of ten.
bool isOneTwoFive(double v)
{
    if (!(v > 0))
        return false;
    const double mantissa = v / std::pow(10.0, std::floor(std::log10(v) + 1e-9));
    return std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 ||
           std::abs(mantissa - 5) < 1e-6;
}

} // namespace

class TestChartScale final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void niceCeil_data();
    void niceCeil();
    void niceStep();
    void axisTop_data();
    void axisTop();
    void valueTicks_data();
    void valueTicks();
    void valueTicksAreRoundForAnyRange();
    void tickLabels();
    void maxTicks();
    void formatValue_data();
    void formatValue();
    void germanNumbers();
    void valueWithUnit();
    void timeSteps();
    void timeStep_data();
    void timeStep();
    void timeLabels();
    void durations();
};

void TestChartScale::init()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestChartScale::cleanup()
{
    QLocale::setDefault(QLocale::c());
}

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

void TestChartScale::niceStep()
{
    // Like niceCeil but without 2.5: ticks at 2.5 make labels such as "3.75".
    QCOMPARE(ChartScale::niceStep(2.2), 5.0);
    QCOMPARE(ChartScale::niceStep(1.5), 2.0);
    QCOMPARE(ChartScale::niceStep(0.03), 0.05);
    QCOMPARE(ChartScale::niceStep(600), 1000.0);
    QCOMPARE(ChartScale::niceStep(500.0000001), 500.0);
    QCOMPARE(ChartScale::niceStep(0), 1.0);
    QCOMPARE(ChartScale::niceStep(qQNaN()), 1.0);
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
    QTest::newRow("bytes 9000 -> 10 KiB") << Unit::Bytes << 9000.0 << 10.0 * 1024;
    QTest::newRow("bytes 1.5 MiB -> 2 MiB")
        << Unit::Bytes << 1.5 * 1024 * 1024 << 2.0 * 1024 * 1024;
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

void TestChartScale::valueTicks_data()
{
    QTest::addColumn<Unit>("unit");
    QTest::addColumn<double>("highest");
    QTest::addColumn<int>("maxTicks");
    QTest::addColumn<double>("step");
    QTest::addColumn<double>("top");
    QTest::addColumn<QStringList>("labels");
    constexpr double KiB = 1024, MiB = 1024 * 1024;
    QTest::newRow("idle count: whole numbers")
        << Unit::Count << 0.0 << 4 << 1.0 << 4.0
        << QStringList{u"0"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s};
    QTest::newRow("count 37 in 4") << Unit::Count << 37.0 << 4 << 10.0 << 40.0
                                   << QStringList{u"0"_s, u"10"_s, u"20"_s, u"30"_s, u"40"_s};
    QTest::newRow("count 37 in 2")
        << Unit::Count << 37.0 << 2 << 20.0 << 40.0 << QStringList{u"0"_s, u"20"_s, u"40"_s};
    QTest::newRow("count 1200 in 4") << Unit::Count << 1200.0 << 4 << 500.0 << 1500.0
                                     << QStringList{u"0"_s, u"500"_s, u"1000"_s, u"1500"_s};
    QTest::newRow("count 12000: k") << Unit::Count << 12000.0 << 5 << 5000.0 << 15000.0
                                    << QStringList{u"0"_s, u"5k"_s, u"10k"_s, u"15k"_s};
    QTest::newRow("count 3M: M") << Unit::Count << 3.0e6 << 3 << 1.0e6 << 3.0e6
                                 << QStringList{u"0"_s, u"1M"_s, u"2M"_s, u"3M"_s};
    QTest::newRow("idle bytes: KiB")
        << Unit::Bytes << 0.0 << 4 << KiB << 4 * KiB
        << QStringList{u"0"_s, u"1 KiB"_s, u"2 KiB"_s, u"3 KiB"_s, u"4 KiB"_s};
    QTest::newRow("bytes 300 KiB") << Unit::Bytes << 300 * KiB << 2 << 200 * KiB << 400 * KiB
                                   << QStringList{u"0"_s, u"200 KiB"_s, u"400 KiB"_s};
    QTest::newRow("bytes 1.5 MiB: half MiB")
        << Unit::Bytes << 1.5 * MiB << 4 << 0.5 * MiB << 1.5 * MiB
        << QStringList{u"0"_s, u"0.5 MiB"_s, u"1.0 MiB"_s, u"1.5 MiB"_s};
    QTest::newRow("percent, 4 fit: 0/50/100") << Unit::Percent << 37.0 << 4 << 50.0 << 100.0
                                              << QStringList{u"0 %"_s, u"50 %"_s, u"100 %"_s};
    QTest::newRow("percent, 5 fit: by 20")
        << Unit::Percent << 37.0 << 5 << 20.0 << 100.0
        << QStringList{u"0 %"_s, u"20 %"_s, u"40 %"_s, u"60 %"_s, u"80 %"_s, u"100 %"_s};
}

void TestChartScale::valueTicks()
{
    QFETCH(Unit, unit);
    QFETCH(double, highest);
    QFETCH(int, maxTicks);
    QFETCH(double, step);
    QFETCH(double, top);
    QFETCH(QStringList, labels);
    const ChartScale::ValueTicks t = ChartScale::valueTicks(unit, highest, maxTicks);
    QCOMPARE(t.step, step);
    QCOMPARE(t.top, top);
    QCOMPARE(t.intervals, labels.size() - 1);
    QStringList got;
    for (int i = 0; i <= t.intervals; ++i)
        got.append(ChartScale::tickLabel(unit, t, t.step * i));
    QCOMPARE(got, labels);
}

// For ranges over 15 decades and any room: steps 1, 2 or 5 (times the unit's scale), no more
// intervals than fit, the top at the first tick at or above the highest value, labels distinct.
void TestChartScale::valueTicksAreRoundForAnyRange()
{
    int checked = 0;
    for (const Unit unit : {Unit::Count, Unit::Bytes}) {
        for (double highest = 0.001; highest < 1e13; highest *= 1.37) {
            for (int maxTicks = 1; maxTicks <= 8; ++maxTicks) {
                const ChartScale::ValueTicks t = ChartScale::valueTicks(unit, highest, maxTicks);
                const QString what =
                    u"unit %1 highest %2 maxTicks %3: step %4 top %5"_s.arg(int(unit))
                        .arg(highest)
                        .arg(maxTicks)
                        .arg(t.step)
                        .arg(t.top);
                QVERIFY2(isOneTwoFive(t.step / t.scale), qPrintable(what));
                QVERIFY2(t.intervals <= maxTicks, qPrintable(what));
                QVERIFY2(t.top >= highest * (1 - 1e-9), qPrintable(what));
                const double floor = unit == Unit::Bytes ? 4096 : 4;
                QVERIFY2(t.top - t.step < std::max(highest, floor), qPrintable(what));
                QStringList labels;
                for (int i = 0; i <= t.intervals; ++i)
                    labels.append(ChartScale::tickLabel(unit, t, t.step * i));
                labels.removeDuplicates();
                QVERIFY2(labels.size() == t.intervals + 1, qPrintable(what));
                ++checked;
            }
        }
    }
    QVERIFY(checked > 1000);
}

void TestChartScale::tickLabels()
{
    ChartScale::ValueTicks t = ChartScale::valueTicks(Unit::Count, 2.0, 4); // floor 4: by 1
    QCOMPARE(ChartScale::tickLabel(Unit::Count, t, 3), u"3"_s);
    t = ChartScale::valueTicks(Unit::Count, 0.0, 8); // by 0.5
    QCOMPARE(t.step, 0.5);
    QCOMPARE(ChartScale::tickLabel(Unit::Count, t, 2.5), u"2.5"_s);
    QCOMPARE(ChartScale::tickLabel(Unit::Count, t, 3), u"3.0"_s);
    // No group separators in labels: "1500", not "1,500" (a German reader takes that as 1.5).
    t = ChartScale::valueTicks(Unit::Count, 1200, 4);
    QCOMPARE(ChartScale::tickLabel(Unit::Count, t, 1500), u"1500"_s);
}

void TestChartScale::maxTicks()
{
    QCOMPARE(ChartScale::maxTicks(100, 16), 3); // 16 px labels need 28 px each
    QCOMPARE(ChartScale::maxTicks(10, 16), 1);  // at least one
    QCOMPARE(ChartScale::maxTicks(600, 36), 10);
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
    QTest::newRow("bytes 512") << Unit::Bytes << 512.0 << u"512 B"_s;
    QTest::newRow("bytes 1.5 KiB") << Unit::Bytes << 1536.0 << u"1.50 KiB"_s;
    QTest::newRow("bytes 1000 is not a KiB") << Unit::Bytes << 1000.0 << u"1000 B"_s;
    QTest::newRow("bytes 2 GiB") << Unit::Bytes << 2.0 * 1024 * 1024 * 1024 << u"2.00 GiB"_s;
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

void TestChartScale::germanNumbers()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(ChartScale::formatValue(Unit::Count, 3.75), u"3,75"_s);
    QCOMPARE(ChartScale::formatValue(Unit::Count, 12000), u"12,0k"_s);
    QCOMPARE(ChartScale::formatValue(Unit::Bytes, 1536), u"1,50 KiB"_s);
    QCOMPARE(ChartScale::formatValue(Unit::Percent, 3.5), u"3,5 %"_s);
    QCOMPARE(ChartScale::valueWithUnit(Unit::Bytes, u"B/s"_s, 1536), u"1,50 KiB/s"_s);
    const ChartScale::ValueTicks t = ChartScale::valueTicks(Unit::Bytes, 1.5 * 1024 * 1024, 4);
    QCOMPARE(ChartScale::tickLabel(Unit::Bytes, t, 0.5 * 1024 * 1024), u"0,5 MiB"_s);
    QCOMPARE(ChartScale::tickLabel(Unit::Count, ChartScale::valueTicks(Unit::Count, 1200, 4), 1500),
             u"1500"_s);
    QCOMPARE(ChartScale::timeLabel(1.25, 0.05), u"1,25"_s);
    QCOMPARE(ChartScale::timeLabel(65.5, 0.5), u"1:05,5"_s);
    QCOMPARE(ChartScale::timeLabel(125, 5), u"2:05"_s);
}

void TestChartScale::valueWithUnit()
{
    QCOMPARE(ChartScale::valueWithUnit(Unit::Count, u"packets/s"_s, 12), u"12 packets/s"_s);
    QCOMPARE(ChartScale::valueWithUnit(Unit::Count, {}, 12), u"12"_s);
    // Bytes carry their unit already: only the rate's "/s" is added.
    QCOMPARE(ChartScale::valueWithUnit(Unit::Bytes, u"B/s"_s, 1536), u"1.50 KiB/s"_s);
    QCOMPARE(ChartScale::valueWithUnit(Unit::Bytes, u"bytes per 10 ms"_s, 1536), u"1.50 KiB"_s);
    QCOMPARE(ChartScale::valueWithUnit(Unit::Percent, u"hit ratio"_s, 50), u"50 %"_s);
}

void TestChartScale::timeSteps()
{
    const QList<double> &steps = ChartScale::timeSteps();
    QCOMPARE(steps.first(), 0.001);
    QVERIFY(steps.contains(1.0));
    QVERIFY(steps.contains(3600.0));
    for (qsizetype i = 1; i < steps.size(); ++i)
        QVERIFY(steps.at(i) > steps.at(i - 1));
    // 1-2-5 of the unit each lies in: ms/s below a minute, then minutes, hours, days.
    for (const double s : steps) {
        const double unit = s < 60 ? 1 : (s < 3600 ? 60 : (s < 86400 ? 3600 : 86400));
        QVERIFY2(isOneTwoFive(s / unit), qPrintable(QString::number(s)));
    }
}

void TestChartScale::timeStep_data()
{
    QTest::addColumn<double>("span");
    QTest::addColumn<int>("maxTicks");
    QTest::addColumn<double>("step");
    QTest::newRow("1 min in 6") << 60.0 << 6 << 10.0;
    QTest::newRow("5 min in 6") << 300.0 << 6 << 60.0;
    QTest::newRow("15 min in 6") << 900.0 << 6 << 300.0;
    QTest::newRow("15 min in 3") << 900.0 << 3 << 300.0;
    QTest::newRow("15 min in 2") << 900.0 << 2 << 600.0;
    QTest::newRow("50 ms in 5") << 0.05 << 5 << 0.01;
    QTest::newRow("2 h in 4") << 7200.0 << 4 << 3600.0;
    QTest::newRow("3 days in 5: 20 h") << 3.0 * 86400 << 5 << 72000.0;
    QTest::newRow("3 days in 3: a day") << 3.0 * 86400 << 3 << 86400.0;
}

void TestChartScale::timeStep()
{
    QFETCH(double, span);
    QFETCH(int, maxTicks);
    QFETCH(double, step);
    QCOMPARE(ChartScale::timeStep(span, maxTicks), step);
    QVERIFY(span / step <= maxTicks);
}

void TestChartScale::timeLabels()
{
    QCOMPARE(ChartScale::timeLabel(0), u"0"_s);
    QCOMPARE(ChartScale::timeLabel(45), u"45"_s);
    QCOMPARE(ChartScale::timeLabel(59.6), u"1:00"_s);
    QCOMPARE(ChartScale::timeLabel(125), u"2:05"_s);
    QCOMPARE(ChartScale::timeLabel(900), u"15:00"_s);
    QCOMPARE(ChartScale::timeLabel(3725), u"1:02:05"_s);
    QCOMPARE(ChartScale::timeLabel(1.25, 0.05), u"1.25"_s);
    QCOMPARE(ChartScale::timeLabel(0.002, 0.001), u"0.002"_s);
    QCOMPARE(ChartScale::timeLabel(65.5, 0.5), u"1:05.5"_s);
    QCOMPARE(ChartScale::timeLabel(-2, 1), u"-2"_s);
    QCOMPARE(ChartScale::timeUnit(30), u"s"_s);
    QCOMPARE(ChartScale::timeUnit(125), u"min:s"_s);
    QCOMPARE(ChartScale::timeUnit(3725), u"h:min:s"_s);
}

void TestChartScale::durations()
{
    QCOMPARE(ChartScale::durationText(0.001), u"1 ms"_s);
    QCOMPARE(ChartScale::durationText(0.2), u"200 ms"_s);
    QCOMPARE(ChartScale::durationText(5), u"5 s"_s);
    QCOMPARE(ChartScale::durationText(120), u"2 min"_s);
    QCOMPARE(ChartScale::durationText(3600), u"1 h"_s);
}

QTEST_GUILESS_MAIN(TestChartScale)
#include "tst_chartscale.moc"
