#pragma once

#include <QString>

// The numbers on a chart's axes, apart from any widget: how high a value axis goes (a
// "nice" top so the ticks read 1, 2, 2.5 or 5 times a power of ten, or of 1024 for bytes),
// how values print in each unit (k/M/G prefixes, percent), and the time axis's tick step
// and labels. Pure functions, usable from any thread; ChartWidget paints with them.
namespace ChartScale {

enum class Unit { Count, Bytes, Percent };

// Smallest "nice" number (1, 2, 2.5, 5 x 10^n) that is >= v; 1 for v <= 0.
double niceCeil(double v);
// The top of a value axis whose highest visible sample is `highest`: 100 for percent,
// otherwise a nice number (of the binary unit for bytes), never below 4 (4 KiB for bytes)
// so an idle chart still gets whole-number ticks.
double axisTop(Unit unit, double highest);
// "1.50kB", "12.0k", "3.5 %": a tick label or legend value.
QString formatValue(Unit unit, double value);
// What the hover shows: the value with the axis label's unit ("12 packets/s", "1.50kB/s").
QString valueWithUnit(Unit unit, const QString &axisLabel, double value);

// Seconds between time-axis ticks for a window of `windowSeconds`.
double timeStep(int windowSeconds);
// A time-axis tick label: "45", "2:05".
QString timeLabel(double seconds);

} // namespace ChartScale
