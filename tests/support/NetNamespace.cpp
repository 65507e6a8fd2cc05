#include "NetNamespace.h"

#include "Rtnetlink.h"

#include <QByteArray>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

using namespace Qt::StringLiterals;

namespace {
bool s_private = false;
QString s_reason = u"NetNamespace::enter() was not called"_s;
QByteArray s_skip;
dev_t s_nsDev = 0;
ino_t s_nsIno = 0;

QString errnoText(const char *what)
{
    return QString::fromLatin1(what) + u": "_s + QString::fromLocal8Bit(std::strerror(errno));
}

bool bringUpLoopback()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        s_reason = errnoText("socket");
        return false;
    }
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    bool ok = ::ioctl(fd, SIOCGIFFLAGS, &ifr) == 0;
    if (ok) {
        ifr.ifr_flags |= IFF_UP | IFF_RUNNING | IFF_MULTICAST;
        ok = ::ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
    }
    if (!ok)
        s_reason = errnoText("bringing up lo");
    ::close(fd);
    return ok;
}

bool addMulticastRoute(int ifindex)
{
    rtmsg rt{};
    rt.rtm_family = AF_INET;
    rt.rtm_dst_len = 4;
    rt.rtm_table = RT_TABLE_MAIN;
    rt.rtm_protocol = RTPROT_BOOT;
    rt.rtm_scope = RT_SCOPE_LINK;
    rt.rtm_type = RTN_UNICAST;
    RtnetlinkRequest req(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &rt, sizeof rt);
    const in_addr dst{htonl(0xE0000000)};
    req.addAttr(RTA_DST, &dst, sizeof dst);
    req.addAttr(RTA_OIF, &ifindex, sizeof ifindex);
    return req.execute("adding route 224.0.0.0/4 dev lo", &s_reason);
}

bool addLinkLocalAddress(int ifindex)
{
    ifaddrmsg ifa{};
    ifa.ifa_family = AF_INET;
    ifa.ifa_prefixlen = 16;
    ifa.ifa_scope = RT_SCOPE_LINK;
    ifa.ifa_index = unsigned(ifindex);
    RtnetlinkRequest req(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof ifa);
    const in_addr addr{htonl(0xA9FE0001)}; // 169.254.0.1
    req.addAttr(IFA_LOCAL, &addr, sizeof addr);
    req.addAttr(IFA_ADDRESS, &addr, sizeof addr);
    return req.execute("adding 169.254.0.1/16 to lo", &s_reason);
}

// The identity of the calling thread's network namespace.
bool threadNamespace(dev_t *dev, ino_t *ino)
{
    struct stat st
    {};
    if (::stat("/proc/thread-self/ns/net", &st) != 0)
        return false;
    *dev = st.st_dev;
    *ino = st.st_ino;
    return true;
}
} // namespace

bool NetNamespace::enter()
{
    if (s_private)
        return true;
    if (::unshare(CLONE_NEWNET) != 0) {
        s_reason = errnoText("unshare(CLONE_NEWNET) (needs root or CAP_SYS_ADMIN)");
        return false;
    }
    const int lo = int(::if_nametoindex("lo"));
    if (lo == 0) {
        s_reason = errnoText("if_nametoindex(lo)");
        return false;
    }
    if (!bringUpLoopback() || !addMulticastRoute(lo) || !addLinkLocalAddress(lo))
        return false;
    if (!threadNamespace(&s_nsDev, &s_nsIno)) {
        s_reason = errnoText("stat /proc/thread-self/ns/net");
        return false;
    }
    s_private = true;
    s_reason.clear();
    return true;
}

bool NetNamespace::isPrivate()
{
    return s_private;
}

bool NetNamespace::callingThreadIsPrivate()
{
    dev_t dev = 0;
    ino_t ino = 0;
    return s_private && threadNamespace(&dev, &ino) && dev == s_nsDev && ino == s_nsIno;
}

QString NetNamespace::failureReason()
{
    return s_reason;
}

const char *NetNamespace::skipMessage()
{
    s_skip =
        "needs a private network namespace, which could not be made: " + s_reason.toLocal8Bit();
    return s_skip.constData();
}
