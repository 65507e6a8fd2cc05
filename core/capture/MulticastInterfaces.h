#pragma once

#include "CaptureTypes.h"

#include <QList>
#include <QString>

// An up, multicast-capable interface and the address families it has an address of (an
// interface with IPv6 switched off by sysctl has no IPv6 address, so it is IPv4 only).
struct MulticastInterface
{
    QString name;
    quint32 index = 0;
    bool ipv4 = false, ipv6 = false;

    bool has(IpFamily f) const { return f == IpFamily::V4 ? ipv4 : ipv6; }
    // "IPv4 + IPv6", "IPv4" or "IPv6".
    QString familiesText() const;
    friend bool operator==(const MulticastInterface &, const MulticastInterface &) = default;
};

namespace MulticastInterfaces {
// Every up, multicast-capable interface with an IPv4 or IPv6 address, in interface-index
// order (getifaddrs). Any thread.
QList<MulticastInterface> list();
// Those with an address of family `f`.
QList<MulticastInterface> list(IpFamily f);
} // namespace MulticastInterfaces
