#include "CaptureTypes.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

QString familyName(IpFamily f)
{
    return f == IpFamily::V4 ? u"IPv4"_s : u"IPv6"_s;
}

QString CaptureError::toString() const
{
    QString line = operation;
    if (!details.isEmpty())
        line += (line.isEmpty() ? QString() : u": "_s) + details;
    if (systemError != 0)
        line += u" ("_s + qt_error_string(systemError) + u')';
    return line;
}

QStringList CaptureMembership::allInterfaces() const
{
    QStringList all = interfaces[0];
    for (const QString &name : interfaces[1]) {
        if (!all.contains(name))
            all.append(name);
    }
    return all;
}

QString CaptureMembership::familiesText() const
{
    const bool v4 = captures(IpFamily::V4), v6 = captures(IpFamily::V6);
    if (v4 && v6)
        return u"IPv4 + IPv6"_s;
    return v4 ? u"IPv4"_s : v6 ? u"IPv6"_s : QString();
}

QString InterfaceChange::toString() const
{
    //: %1: an interface name, %2: IPv4 or IPv6
    return joined ? QCoreApplication::translate("InterfaceChange", "joined %1 (%2)")
                        .arg(interfaceName, familyName(family))
                  : QCoreApplication::translate("InterfaceChange", "left %1 (%2)")
                        .arg(interfaceName, familyName(family));
}

TransportCounters &TransportCounters::operator+=(const TransportCounters &o)
{
    packets += o.packets;
    bytes += o.bytes;
    truncated += o.truncated;
    kernelDrops += o.kernelDrops;
    otherInterfaces += o.otherInterfaces;
    return *this;
}
