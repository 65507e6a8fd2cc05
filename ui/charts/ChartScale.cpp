#include "ChartScale.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

QString siNumber(double v, bool binary)
{
    const double base = binary ? 1024.0 : 1000.0;
    static const char *const prefixes[] = {"", "k", "M", "G", "T"};
    int i = 0;
    double a = std::abs(v);
    while (a >= base && i < 4) {
        a /= base;
        v /= base;
        ++i;
    }
    const int decimals =
        (a == 0 || a >= 100 || (i == 0 && a == std::floor(a))) ? 0 : (a >= 10 ? 1 : 2);
    return QString::number(v, 'f', decimals) + QLatin1StringView(prefixes[i]);
}

} // namespace

namespace ChartScale {

double niceCeil(double v)
{
    if (v <= 0)
        return 1;
    const double exp = std::pow(10.0, std::floor(std::log10(v)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * exp >= v * (1 - 1e-9))
            return m * exp;
    }
    return 10 * exp;
}

double axisTop(Unit unit, double highest)
{
    if (unit == Unit::Percent)
        return 100;
    if (unit == Unit::Bytes) {
        const double top = std::max(highest, 4096.0);
        // Nice numbers of the binary unit the labels use, so ticks read 1 kB, 2 kB, ...
        double scale = 1;
        while (top >= 1024 * scale && scale < 1024.0 * 1024 * 1024 * 1024)
            scale *= 1024;
        return niceCeil(top / scale) * scale;
    }
    return niceCeil(std::max(highest, 4.0));
}

QString formatValue(Unit unit, double value)
{
    switch (unit) {
    case Unit::Bytes:
        return siNumber(value, true) + u"B"_s;
    case Unit::Percent:
        return QString::number(value, 'f', value >= 10 || value == 0 ? 0 : 1) + u" %"_s;
    case Unit::Count:
        break;
    }
    return siNumber(value, false);
}

QString valueWithUnit(Unit unit, const QString &axisLabel, double value)
{
    QString text = formatValue(unit, value);
    if (unit == Unit::Count && !axisLabel.isEmpty())
        text += u' ' + axisLabel;
    else if (unit == Unit::Bytes && axisLabel.contains(u'/'))
        text += axisLabel.mid(axisLabel.indexOf(u'/')); // "B" is already there: add "/s"
    return text;
}

double timeStep(int windowSeconds)
{
    return windowSeconds <= 60 ? 10 : (windowSeconds <= 300 ? 60 : 180);
}

QString timeLabel(double seconds)
{
    const auto s = qint64(std::llround(seconds));
    if (s < 60)
        return QString::number(s);
    return u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace ChartScale
