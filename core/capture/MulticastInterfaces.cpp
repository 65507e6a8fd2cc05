#include "MulticastInterfaces.h"

#include <algorithm>

#include <ifaddrs.h>
#include <net/if.h>
#include <sys/socket.h>

using namespace Qt::StringLiterals;

QString MulticastInterface::familiesText() const
{
    if (ipv4 && ipv6)
        return u"IPv4 + IPv6"_s;
    return ipv4 ? u"IPv4"_s : ipv6 ? u"IPv6"_s : QString();
}

QList<MulticastInterface> MulticastInterfaces::list()
{
    QList<MulticastInterface> result;
    ifaddrs *addresses = nullptr;
    if (::getifaddrs(&addresses) != 0)
        return result;
    for (const ifaddrs *a = addresses; a; a = a->ifa_next) {
        if (!a->ifa_addr || !a->ifa_name)
            continue;
        const int family = a->ifa_addr->sa_family;
        if (family != AF_INET && family != AF_INET6)
            continue;
        if ((a->ifa_flags & IFF_UP) == 0 || (a->ifa_flags & IFF_MULTICAST) == 0)
            continue;
        const QString name = QString::fromLocal8Bit(a->ifa_name);
        auto it = std::find_if(result.begin(), result.end(),
                               [&name](const MulticastInterface &i) { return i.name == name; });
        if (it == result.end()) {
            const quint32 index = ::if_nametoindex(a->ifa_name);
            if (index == 0)
                continue; // gone since getifaddrs()
            it = result.insert(result.end(), MulticastInterface{name, index});
        }
        (family == AF_INET ? it->ipv4 : it->ipv6) = true;
    }
    ::freeifaddrs(addresses);
    std::sort(
        result.begin(), result.end(),
        [](const MulticastInterface &a, const MulticastInterface &b) { return a.index < b.index; });
    return result;
}

QList<MulticastInterface> MulticastInterfaces::list(IpFamily f)
{
    QList<MulticastInterface> all = list();
    all.removeIf([f](const MulticastInterface &i) { return !i.has(f); });
    return all;
}
