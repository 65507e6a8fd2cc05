#pragma once

#include <QList>
#include <QString>

// The numbers on a chart's axes, apart from any widget: round ticks (1, 2 or 5 times a power
// of ten; of 1024 for bytes) for a value axis, how values print in each unit (k/M/G prefixes
// for counts, KiB/MiB/GiB for bytes as the tables write them, percent), always in the user's
// locale (QLocale(): "3,75" in German), and the time axis's ticks (1-2-5 steps of
// milliseconds, seconds, minutes and hours) and labels. Pure functions, usable from any
// thread; ChartWidget paints with them.
namespace ChartScale {

enum class Unit { Count, Bytes, Percent };

// Smallest "nice" number (1, 2, 2.5, 5 x 10^n) that is >= v; 1 for v <= 0.
double niceCeil(double v);
// Smallest 1-2-5 number (1, 2 or 5 x 10^n) that is >= v; 1 for v <= 0.
double niceStep(double v);
// The top of a value axis whose highest visible sample is `highest`: 100 for percent,
// otherwise a nice number (of the binary unit for bytes), never below 4 (4 KiB for bytes)
// so an idle chart still gets whole-number ticks.
double axisTop(Unit unit, double highest);

// A value axis: ticks at 0, step, 2 step, ... top, with step a 1-2-5 number (in the unit
// `scale` stands for: 1, k, M, ... for counts; B, KiB, MiB, ... for bytes) and at most
// maxTicks intervals. Percent runs 0..100.
struct ValueTicks
{
    double top = 1;
    double step = 1;
    double scale = 1;  // the prefix the labels use (1000^k, 1024^k)
    int decimals = 0;  // the labels' decimals, from the step
    int intervals = 1; // top / step
};
ValueTicks valueTicks(Unit unit, double highest, int maxTicks);
// The label of one tick: "0", "1,5k", "500 KiB", "40 %".
QString tickLabel(Unit unit, const ValueTicks &ticks, double value);
// How many tick intervals fit in `pixels` with labels `labelExtent` high (or wide) and at
// least as much space between them: 1 at least.
int maxTicks(int pixels, int labelExtent);

// "1,50 KiB", "12,0k", "3,5 %": a legend value (three significant digits, locale).
QString formatValue(Unit unit, double value);
// What the hover shows: the value with the axis label's unit ("12 packets/s", "1,50 KiB/s").
QString valueWithUnit(Unit unit, const QString &axisLabel, double value);

// The time steps in seconds, ascending: 1-2-5 steps of milliseconds and seconds up to 20 s,
// then 1, 2, 5, 10, 20 minutes, then 1, 2, 5, 10, 20 hours, then days.
const QList<double> &timeSteps();
// The smallest time step that puts at most maxTicks intervals in `span` seconds.
double timeStep(double span, int maxTicks);
// A time-axis tick label in the locale: "45", "2:05", "1:02:05", "0,25" (decimals from the
// step below a second).
QString timeLabel(double seconds, double step = 1);
// "s", "min:s" or "h:min:s": how labels up to `seconds` are written (for the axis title).
QString timeUnit(double seconds);
// "10 ms", "1 s", "5 min", "1 h": a duration from timeSteps() in words.
QString durationText(double seconds);

} // namespace ChartScale
