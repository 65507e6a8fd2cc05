// NetNamespace: veth pairs and link setup inside the private namespace (rtnetlink).
#include "NetNamespace.h"

#include "Rtnetlink.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QThread>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <unistd.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

using namespace Qt::StringLiterals;

namespace {
constexpr int kOperUp = 6; // IF_OPER_UP of <linux/if.h>, which clashes with <net/if.h>

bool refuse(QString *error)
{
    if (NetNamespace::callingThreadIsPrivate())
        return false;
    if (error)
        *error = NetNamespace::isPrivate()
                     ? u"refusing: the calling thread is not in the private network namespace"_s
                     : u"refusing: no private network namespace (NetNamespace::enter())"_s;
    return true;
}

bool setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
    return false;
}

// Writes /proc/sys/net/<family>/conf/<iface>/<key>; /proc/sys/net shows the namespace
// of the calling thread.
bool writeConf(const char *family, const QString &iface, const char *key, const char *value,
               QString *error)
{
    const QByteArray path =
        QByteArray("/proc/sys/net/") + family + "/conf/" + iface.toLatin1() + '/' + key;
    const int fd = ::open(path.constData(), O_WRONLY | O_CLOEXEC);
    const size_t len = std::strlen(value);
    const bool ok = fd >= 0 && ::write(fd, value, len) == ssize_t(len);
    const int code = errno;
    if (fd >= 0)
        ::close(fd);
    if (!ok)
        return setError(error, u"writing %1 to %2: %3"_s.arg(
                                   QString::fromLatin1(value), QString::fromLatin1(path),
                                   QString::fromLocal8Bit(std::strerror(code))));
    return true;
}

bool addAddress(int ifindex, const QString &cidr, QString *error)
{
    const QString addr = cidr.section(u'/', 0, 0);
    bool okPrefix = false;
    const int prefix = cidr.section(u'/', 1, 1).toInt(&okPrefix);
    const bool v6 = addr.contains(u':');
    unsigned char bytes[16] = {};
    if (!okPrefix || ::inet_pton(v6 ? AF_INET6 : AF_INET, addr.toLatin1().constData(), bytes) != 1)
        return setError(error, u"bad address "_s + cidr);
    ifaddrmsg ifa{};
    ifa.ifa_family = v6 ? AF_INET6 : AF_INET;
    ifa.ifa_prefixlen = static_cast<unsigned char>(prefix);
    ifa.ifa_flags = v6 ? IFA_F_NODAD : 0;
    // IPv6 derives the scope from the address; IPv4 link-local gets link scope, as
    // avahi-autoipd gives it.
    ifa.ifa_scope = !v6 && bytes[0] == 169 && bytes[1] == 254 ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
    ifa.ifa_index = unsigned(ifindex);
    RtnetlinkRequest req(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof ifa);
    const size_t size = v6 ? 16 : 4;
    req.addAttr(IFA_LOCAL, bytes, size);
    req.addAttr(IFA_ADDRESS, bytes, size);
    if (v6) {
        const quint32 flags = IFA_F_NODAD;
        req.addAttr(IFA_FLAGS, &flags, sizeof flags);
    }
    const QByteArray what = "adding " + cidr.toLatin1();
    return req.execute(what.constData(), error);
}

bool setLinkUp(int ifindex, QString *error)
{
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    ifi.ifi_index = ifindex;
    ifi.ifi_flags = IFF_UP | IFF_MULTICAST;
    ifi.ifi_change = IFF_UP | IFF_MULTICAST;
    RtnetlinkRequest req(RTM_NEWLINK, 0, &ifi, sizeof ifi);
    return req.execute("setting the link up", error);
}

QString firstAddress(const QString &name, int family)
{
    ifaddrs *list = nullptr;
    if (::getifaddrs(&list) != 0)
        return {};
    QString result;
    const QByteArray wanted = name.toLatin1();
    for (const ifaddrs *i = list; i && result.isEmpty(); i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != family || wanted != i->ifa_name)
            continue;
        char text[INET6_ADDRSTRLEN] = {};
        if (family == AF_INET) {
            const auto *sin = reinterpret_cast<const sockaddr_in *>(i->ifa_addr);
            ::inet_ntop(AF_INET, &sin->sin_addr, text, sizeof text);
        } else {
            const auto *sin6 = reinterpret_cast<const sockaddr_in6 *>(i->ifa_addr);
            if (!IN6_IS_ADDR_LINKLOCAL(&sin6->sin6_addr))
                continue;
            ::inet_ntop(AF_INET6, &sin6->sin6_addr, text, sizeof text);
        }
        result = QString::fromLatin1(text);
    }
    ::freeifaddrs(list);
    return result;
}
} // namespace

int NetNamespace::linkIndex(const QString &name)
{
    return int(::if_nametoindex(name.toLatin1().constData()));
}

QString NetNamespace::vethIpv4(int ifindex)
{
    return u"169.254.%1.%2"_s.arg(100 + ifindex / 256).arg(ifindex % 256);
}

QString NetNamespace::vethIpv6(int ifindex)
{
    return u"fe80::100:%1"_s.arg(ifindex, 0, 16);
}

bool NetNamespace::bringUpLink(const QString &name, const QString &ipv4Cidr,
                               const QString &ipv6Cidr, QString *error)
{
    if (refuse(error))
        return false;
    const int ifindex = linkIndex(name);
    if (ifindex == 0)
        return setError(error, u"no link named "_s + name);
    // Before up: no tentative state and no second, kernel-made link-local address.
    // IPv4 accepts datagrams whose source is an address of this namespace (the other
    // end of a veth pair); otherwise they are dropped as martians.
    if (!writeConf("ipv6", name, "disable_ipv6", "0", error) ||
        !writeConf("ipv6", name, "accept_dad", "0", error) ||
        !writeConf("ipv6", name, "addr_gen_mode", "1", error) ||
        !writeConf("ipv4", u"all"_s, "rp_filter", "0", error) ||
        !writeConf("ipv4", name, "rp_filter", "0", error) ||
        !writeConf("ipv4", name, "accept_local", "1", error) || !setLinkUp(ifindex, error))
        return false;
    return (ipv4Cidr.isEmpty() || addAddress(ifindex, ipv4Cidr, error)) &&
           (ipv6Cidr.isEmpty() || addAddress(ifindex, ipv6Cidr, error));
}

bool NetNamespace::addVethPair(const QString &a, const QString &b, QString *error)
{
    if (refuse(error))
        return false;
    if (a.isEmpty() || b.isEmpty() || a.size() >= IFNAMSIZ || b.size() >= IFNAMSIZ || a == b)
        return setError(error, u"bad veth names %1, %2"_s.arg(a, b));
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    RtnetlinkRequest req(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof ifi);
    req.addString(IFLA_IFNAME, a);
    const size_t linkInfo = req.beginNest(IFLA_LINKINFO);
    req.addString(IFLA_INFO_KIND, u"veth"_s);
    const size_t data = req.beginNest(IFLA_INFO_DATA);
    const size_t peer = req.beginNest(VETH_INFO_PEER);
    const ifinfomsg peerInfo{};
    req.addBytes(&peerInfo, sizeof peerInfo);
    req.addString(IFLA_IFNAME, b);
    req.endNest(peer);
    req.endNest(data);
    req.endNest(linkInfo);
    const QByteArray what = "creating veth " + a.toLatin1() + " <-> " + b.toLatin1();
    if (!req.execute(what.constData(), error))
        return false;
    for (const QString &end : {a, b}) {
        const int ifindex = linkIndex(end);
        if (!bringUpLink(end, vethIpv4(ifindex) + u"/16"_s, vethIpv6(ifindex) + u"/64"_s, error)) {
            QString ignored;
            deleteLink(a, &ignored);
            return false;
        }
    }
    return waitUntilRunning(a, 3000, error) && waitUntilRunning(b, 3000, error);
}

bool NetNamespace::waitUntilRunning(const QString &name, int timeoutMs, QString *error)
{
    if (refuse(error))
        return false;
    QDeadlineTimer deadline(timeoutMs);
    QString state;
    for (;;) {
        ifinfomsg ifi{};
        ifi.ifi_family = AF_UNSPEC;
        ifi.ifi_index = linkIndex(name);
        if (ifi.ifi_index == 0)
            return setError(error, u"no link named "_s + name);
        RtnetlinkRequest req(RTM_GETLINK, 0, &ifi, sizeof ifi);
        QByteArray attrs;
        if (!req.query("RTM_GETLINK", sizeof ifi, &attrs, error))
            return false;
        int operstate = -1;
        QByteArray qdisc;
        auto *rta = reinterpret_cast<rtattr *>(attrs.data());
        for (int len = int(attrs.size()); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
            const char *data = static_cast<const char *>(RTA_DATA(rta));
            if (rta->rta_type == IFLA_OPERSTATE && RTA_PAYLOAD(rta) >= 1)
                operstate = static_cast<unsigned char>(data[0]);
            else if (rta->rta_type == IFLA_QDISC)
                qdisc = QByteArray(data, qsizetype(std::strlen(data)));
        }
        // The kernel sets the operational state, then activates the queueing
        // discipline; until then "noop" drops every datagram sent out of the link.
        if (operstate == kOperUp && !qdisc.isEmpty() && qdisc != "noop")
            return true;
        state = u"operstate %1, qdisc %2"_s.arg(operstate).arg(QString::fromLatin1(qdisc));
        if (deadline.hasExpired())
            return setError(
                error, u"%1 is not running after %2 ms (%3)"_s.arg(name).arg(timeoutMs).arg(state));
        QThread::msleep(5);
    }
}

bool NetNamespace::deleteLink(const QString &name, QString *error)
{
    if (refuse(error))
        return false;
    const int ifindex = linkIndex(name);
    if (ifindex == 0)
        return setError(error, u"no link named "_s + name);
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    ifi.ifi_index = ifindex;
    RtnetlinkRequest req(RTM_DELLINK, 0, &ifi, sizeof ifi);
    const QByteArray what = "deleting link " + name.toLatin1();
    return req.execute(what.constData(), error);
}

QString NetNamespace::ipv4Address(const QString &name)
{
    return firstAddress(name, AF_INET);
}

QString NetNamespace::ipv6LinkLocal(const QString &name)
{
    return firstAddress(name, AF_INET6);
}
