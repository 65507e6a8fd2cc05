#include "BenchReport.h"

#include <QLocale>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
QString cell(QString text)
{
    // A '|' inside a cell would split it.
    return text.replace(u'|', u"\\|"_s).replace(u'\n', u' ');
}
} // namespace

void BenchReport::row(const QString &benchmark, const QString &compares, const QString &measured,
                      const QString &ratio, const QString &target, const QString &met)
{
    const QString line = u"| "_s + cell(benchmark) + u" | "_s + cell(compares) + u" | "_s +
                         cell(measured) + u" | "_s + cell(ratio) + u" | "_s + cell(target) +
                         u" | "_s + cell(met) + u" |"_s;
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QString BenchReport::met(bool ok)
{
    return ok ? u"yes"_s : u"**NO**"_s;
}

QString BenchReport::num(double value, int decimals)
{
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions); // C omits grouping by default
    return locale.toString(value, 'f', decimals);
}

void BenchReport::note(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
}
