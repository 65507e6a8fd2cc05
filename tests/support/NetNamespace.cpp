#include "NetNamespace.h"

#include <QByteArray>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

using namespace Qt::StringLiterals;

namespace {
bool s_private = false;
QString s_reason = u"NetNamespace::enter() was not called"_s;
QByteArray s_skip;

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

// One rtnetlink request with an ack, e.g. RTM_NEWROUTE or RTM_NEWADDR.
bool netlinkRequest(nlmsghdr *msg, const char *what)
{
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) {
        s_reason = errnoText("netlink socket");
        return false;
    }
    sockaddr_nl sa{};
    sa.nl_family = AF_NETLINK;
    bool ok = ::sendto(fd, msg, msg->nlmsg_len, 0, reinterpret_cast<sockaddr *>(&sa), sizeof sa) ==
              ssize_t(msg->nlmsg_len);
    if (ok) {
        alignas(nlmsghdr) char buf[4096];
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        const auto *reply = reinterpret_cast<const nlmsghdr *>(buf);
        ok = n >= ssize_t(sizeof(nlmsghdr)) && reply->nlmsg_type == NLMSG_ERROR;
        if (ok) {
            const auto *err = static_cast<const nlmsgerr *>(NLMSG_DATA(reply));
            if (err->error != 0) {
                errno = -err->error;
                ok = false;
            }
        }
    }
    if (!ok)
        s_reason = errnoText(what);
    ::close(fd);
    return ok;
}

void addAttr(nlmsghdr *msg, unsigned short type, const void *data, size_t len)
{
    auto *rta =
        reinterpret_cast<rtattr *>(reinterpret_cast<char *>(msg) + NLMSG_ALIGN(msg->nlmsg_len));
    rta->rta_type = type;
    rta->rta_len = RTA_LENGTH(len);
    std::memcpy(RTA_DATA(rta), data, len);
    msg->nlmsg_len = NLMSG_ALIGN(msg->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

bool addMulticastRoute(int ifindex)
{
    struct
    {
        nlmsghdr nh;
        rtmsg rt;
        char attrs[64];
    } req{};
    req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(rtmsg));
    req.nh.nlmsg_type = RTM_NEWROUTE;
    req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
    req.rt.rtm_family = AF_INET;
    req.rt.rtm_dst_len = 4;
    req.rt.rtm_table = RT_TABLE_MAIN;
    req.rt.rtm_protocol = RTPROT_BOOT;
    req.rt.rtm_scope = RT_SCOPE_LINK;
    req.rt.rtm_type = RTN_UNICAST;
    const in_addr dst{htonl(0xE0000000)};
    addAttr(&req.nh, RTA_DST, &dst, sizeof dst);
    addAttr(&req.nh, RTA_OIF, &ifindex, sizeof ifindex);
    return netlinkRequest(&req.nh, "adding route 224.0.0.0/4 dev lo");
}

bool addLinkLocalAddress(int ifindex)
{
    struct
    {
        nlmsghdr nh;
        ifaddrmsg ifa;
        char attrs[64];
    } req{};
    req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(ifaddrmsg));
    req.nh.nlmsg_type = RTM_NEWADDR;
    req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
    req.ifa.ifa_family = AF_INET;
    req.ifa.ifa_prefixlen = 16;
    req.ifa.ifa_scope = RT_SCOPE_LINK;
    req.ifa.ifa_index = unsigned(ifindex);
    const in_addr addr{htonl(0xA9FE0001)}; // 169.254.0.1
    addAttr(&req.nh, IFA_LOCAL, &addr, sizeof addr);
    addAttr(&req.nh, IFA_ADDRESS, &addr, sizeof addr);
    return netlinkRequest(&req.nh, "adding 169.254.0.1/16 to lo");
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
    s_private = true;
    s_reason.clear();
    return true;
}

bool NetNamespace::isPrivate()
{
    return s_private;
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
