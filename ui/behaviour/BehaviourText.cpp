#include "BehaviourText.h"

#include <QCoreApplication>
#include <QLocale>

QString BehaviourText::latency(qint64 ns)
{
    const double ms = double(ns) / 1e6;
    const int decimals = ms < 1.0 ? 2 : (ms < 100.0 ? 1 : 0);
    return QCoreApplication::translate("BehaviourText", "%1 ms")
        .arg(QLocale().toString(ms, 'f', decimals));
}

QString BehaviourText::packetRate(double perSecond)
{
    const int decimals = perSecond < 10.0 ? 1 : 0;
    return QCoreApplication::translate("BehaviourText", "%1/s")
        .arg(QLocale().toString(perSecond, 'f', decimals));
}

QString BehaviourText::byteRate(double bytesPerSecond)
{
    return QCoreApplication::translate("BehaviourText", "%1/s")
        .arg(QLocale().formattedDataSize(qint64(bytesPerSecond), 1, QLocale::DataSizeSIFormat));
}

QString BehaviourText::share(double fraction)
{
    return QCoreApplication::translate("BehaviourText", "%1 %")
        .arg(QLocale().toString(fraction * 100.0, 'f', 1));
}

QString BehaviourText::latencyTick(qint64 ns)
{
    if (ns >= 1'000'000'000)
        return QCoreApplication::translate("BehaviourText", "%1 s")
            .arg(QLocale().toString(double(ns) / 1e9, 'g', 3));
    return QCoreApplication::translate("BehaviourText", "%1 ms")
        .arg(QLocale().toString(double(ns) / 1e6, 'g', 3));
}
