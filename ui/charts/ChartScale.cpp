#include "ChartScale.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr const char *kCountPrefixes[] = {"", "k", "M", "G", "T"};
constexpr const char *kByteUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};

// How the default locale writes numbers, looked up once per default locale: the charts format
// numbers on every paint. No group separators ("1500", not "1,500", which a German reader takes
// for 1.5). Locales with ASCII digits and a one-character decimal point (most) get the C
// formatting with their decimal point put in, which allocates only the string itself.
struct NumberFormat
{
    QLocale source = QLocale::c();
    QLocale withoutGroups = QLocale::c();
    QChar decimalPoint = u'.';
    bool simple = true;
};

const NumberFormat &numberFormat()
{
    thread_local NumberFormat format;
    const QLocale current;
    if (current != format.source) {
        format.source = current;
        format.withoutGroups = current;
        format.withoutGroups.setNumberOptions(current.numberOptions() |
                                              QLocale::OmitGroupSeparator);
        const QString point = current.decimalPoint();
        format.simple =
            point.size() == 1 && current.zeroDigit() == u"0"_s && current.negativeSign() == u"-"_s;
        format.decimalPoint = point.isEmpty() ? u'.' : point.at(0);
    }
    return format;
}

QString number(double v, int decimals)
{
    const NumberFormat &f = numberFormat();
    if (!f.simple)
        return f.withoutGroups.toString(v, 'f', decimals);
    QString text = QString::number(v, 'f', decimals);
    if (f.decimalPoint != u'.')
        text.replace(u'.', f.decimalPoint);
    return text;
}

// Decimals a label needs to tell multiples of `step` apart (0 for whole steps).
int decimalsFor(double step)
{
    if (step >= 1 || step <= 0)
        return 0;
    return int(std::ceil(-std::log10(step) - 1e-9));
}

QString withUnit(ChartScale::Unit unit, const QString &digits, int prefix)
{
    switch (unit) {
    case ChartScale::Unit::Bytes:
        return digits + u' ' + QLatin1StringView(kByteUnits[prefix]);
    case ChartScale::Unit::Percent:
        return digits + u" %"_s;
    case ChartScale::Unit::Count:
        break;
    }
    return digits + QLatin1StringView(kCountPrefixes[prefix]);
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

double niceStep(double v)
{
    if (v <= 0 || !std::isfinite(v))
        return 1;
    const double exp = std::pow(10.0, std::floor(std::log10(v)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
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
        // Nice numbers of the binary unit the labels use, so ticks read 1 KiB, 2 KiB, ...
        double scale = 1;
        while (top >= 1024 * scale && scale < 1024.0 * 1024 * 1024 * 1024)
            scale *= 1024;
        return niceCeil(top / scale) * scale;
    }
    return niceCeil(std::max(highest, 4.0));
}

ValueTicks valueTicks(Unit unit, double highest, int maxTicks)
{
    maxTicks = std::max(maxTicks, 1);
    ValueTicks t;
    if (!std::isfinite(highest) || highest < 0)
        highest = 0;
    if (unit == Unit::Percent) {
        t.step = std::min(niceStep(100.0 / maxTicks), 100.0);
        t.top = 100;
    } else if (unit == Unit::Bytes) {
        const double h = std::max(highest, 4096.0);
        int k = 0;
        while (k < 4 && h >= 1024 * std::pow(1024.0, k))
            ++k;
        t.scale = std::pow(1024.0, k);
        t.step = niceStep(h / t.scale / maxTicks) * t.scale;
        t.top = std::ceil(h / t.step - 1e-9) * t.step;
    } else {
        const double h = std::max(highest, 4.0);
        t.step = niceStep(h / maxTicks);
        t.top = std::ceil(h / t.step - 1e-9) * t.step;
        int k = 0;
        while (k < 4 && t.step >= 1000 * std::pow(1000.0, k))
            ++k;
        t.scale = std::pow(1000.0, k);
    }
    t.intervals = std::max(1, int(std::lround(t.top / t.step)));
    t.decimals = decimalsFor(t.step / t.scale);
    return t;
}

QString tickLabel(Unit unit, const ValueTicks &ticks, double value)
{
    if (value == 0)
        return unit == Unit::Percent ? u"0 %"_s : u"0"_s;
    int prefix = 0;
    for (double s = ticks.scale; s > 1.5 && prefix < 4; s /= (unit == Unit::Bytes ? 1024 : 1000))
        ++prefix;
    return withUnit(unit, number(value / ticks.scale, ticks.decimals), prefix);
}

int maxTicks(int pixels, int labelExtent)
{
    return std::max(1, pixels / std::max(labelExtent * 3 / 2 + 4, 1));
}

QString formatValue(Unit unit, double value)
{
    if (!std::isfinite(value))
        value = 0;
    if (unit == Unit::Percent)
        return withUnit(unit, number(value, value >= 10 || value == 0 ? 0 : 1), 0);
    const double base = unit == Unit::Bytes ? 1024.0 : 1000.0;
    int i = 0;
    double a = std::abs(value);
    while (a >= base && i < 4) {
        a /= base;
        value /= base;
        ++i;
    }
    const int decimals =
        (a == 0 || a >= 100 || (i == 0 && a == std::floor(a))) ? 0 : (a >= 10 ? 1 : 2);
    return withUnit(unit, number(value, decimals), i);
}

QString valueWithUnit(Unit unit, const QString &axisLabel, double value)
{
    QString text = formatValue(unit, value);
    if (unit == Unit::Count && !axisLabel.isEmpty())
        text += u' ' + axisLabel;
    else if (unit == Unit::Bytes && axisLabel.contains(u'/'))
        text += axisLabel.mid(axisLabel.indexOf(u'/')); // the unit is there already: add "/s"
    return text;
}

const QList<double> &timeSteps()
{
    static const QList<double> steps = [] {
        QList<double> s;
        for (double decade = 0.001; decade < 1; decade *= 10) {
            for (const double m : {1.0, 2.0, 5.0})
                s.append(m * decade);
        }
        for (const double base : {1.0, 60.0, 3600.0}) {
            for (const double m : {1.0, 2.0, 5.0, 10.0, 20.0})
                s.append(m * base);
        }
        for (const double days : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0})
            s.append(days * 86400);
        return s;
    }();
    return steps;
}

double timeStep(double span, int maxTicks)
{
    maxTicks = std::max(maxTicks, 1);
    const QList<double> &steps = timeSteps();
    for (const double s : steps) {
        if (span / s <= maxTicks + 1e-9)
            return s;
    }
    return steps.last();
}

QString timeLabel(double seconds, double step)
{
    const int decimals = decimalsFor(step);
    const double factor = std::pow(10.0, decimals);
    const bool negative = seconds < 0;
    const double units = std::round(std::abs(seconds) * factor);
    const double whole = std::floor(units / factor);
    const double fraction = (units - whole * factor) / factor;
    const QString sign = negative && units > 0 ? u"-"_s : QString();
    if (whole < 60)
        return sign + number(whole + fraction, decimals);
    const auto total = qint64(whole);
    QString secondsText = number(double(total % 60) + fraction, decimals);
    const QString zero = QLocale().zeroDigit();
    if (total % 60 < 10)
        secondsText.prepend(zero);
    if (total < 3600)
        return sign + u"%1:%2"_s.arg(total / 60).arg(secondsText);
    return sign + u"%1:%2:%3"_s.arg(total / 3600)
                      .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
                      .arg(secondsText);
}

QString timeUnit(double seconds)
{
    if (std::abs(seconds) < 60)
        return QCoreApplication::translate("ChartScale", "s");
    if (std::abs(seconds) < 3600)
        return QCoreApplication::translate("ChartScale", "min:s");
    return QCoreApplication::translate("ChartScale", "h:min:s");
}

QString durationText(double seconds)
{
    const QLocale locale;
    if (seconds < 1)
        return QCoreApplication::translate("ChartScale", "%1 ms")
            .arg(locale.toString(qint64(std::lround(seconds * 1000))));
    if (seconds < 60)
        return QCoreApplication::translate("ChartScale", "%1 s")
            .arg(locale.toString(qint64(std::lround(seconds))));
    if (seconds < 3600)
        return QCoreApplication::translate("ChartScale", "%1 min")
            .arg(locale.toString(qint64(std::lround(seconds / 60))));
    if (seconds < 86400)
        return QCoreApplication::translate("ChartScale", "%1 h")
            .arg(locale.toString(qint64(std::lround(seconds / 3600))));
    return QCoreApplication::translate("ChartScale", "%1 d")
        .arg(locale.toString(qint64(std::lround(seconds / 86400))));
}

} // namespace ChartScale
