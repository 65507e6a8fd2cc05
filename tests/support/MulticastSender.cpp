#include "MulticastSender.h"

#include "NetNamespace.h"

#include <QByteArray>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
QString errnoText(const char *what)
{
    return QString::fromLatin1(what) + u": "_s + QString::fromLocal8Bit(std::strerror(errno));
}

// Binds the source, then reads back the port the kernel chose.
bool bindSource(int fd, bool reuse, sockaddr *local, socklen_t len, quint16 *port, QString *error)
{
    const int on = 1;
    if (reuse && ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0) {
        *error = errnoText("SO_REUSEADDR");
        return false;
    }
    if (::bind(fd, local, len) != 0) {
        *error = errnoText("bind source");
        return false;
    }
    sockaddr_storage bound{};
    socklen_t boundLen = sizeof bound;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &boundLen) == 0)
        *port = ntohs(bound.ss_family == AF_INET6
                          ? reinterpret_cast<const sockaddr_in6 *>(&bound)->sin6_port
                          : reinterpret_cast<const sockaddr_in *>(&bound)->sin_port);
    return true;
}
} // namespace

MulticastSender::MulticastSender()
    : MulticastSender(Options{})
{}

MulticastSender::MulticastSender(const Options &options)
    : m_options(options)
{
    if (!NetNamespace::isPrivate() || !NetNamespace::callingThreadIsPrivate()) {
        m_error = u"refusing to send outside a private network namespace"_s;
        return;
    }
    const bool v6 = options.group.contains(u':');
    if (v6 && options.interfaceName.isEmpty()) {
        m_error = u"an IPv6 group needs Options::interfaceName"_s;
        return;
    }
    const QString iface = options.interfaceName.isEmpty() ? u"lo"_s : options.interfaceName;
    const int ifindex = int(::if_nametoindex(iface.toLatin1().constData()));
    if (ifindex == 0) {
        m_error = u"no interface "_s + iface;
        return;
    }
    if (!(v6 ? open6(ifindex) : open4(ifindex)))
        return;
    if (!setTtl(options.ttl)) {
        ::close(m_fd);
        m_fd = -1;
    }
}

bool MulticastSender::open4(int ifindex)
{
    auto &to = reinterpret_cast<sockaddr_in &>(m_to);
    to.sin_family = AF_INET;
    to.sin_port = htons(m_options.port);
    m_toLen = sizeof(sockaddr_in);
    if (::inet_pton(AF_INET, m_options.group.toLatin1().constData(), &to.sin_addr) != 1) {
        m_error = u"bad group "_s + m_options.group;
        return false;
    }
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        m_error = errnoText("socket");
        return false;
    }
    ip_mreqn iface{};
    iface.imr_ifindex = ifindex;
    const int loop = 1;
    bool ok = ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &iface, sizeof iface) == 0 &&
              ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) == 0;
    if (!ok)
        m_error = errnoText("IP_MULTICAST_IF / IP_MULTICAST_LOOP");
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_port = htons(m_options.sourcePort);
    local.sin_addr.s_addr = htonl(INADDR_ANY);
    if (ok && !m_options.sourceAddress.isEmpty() &&
        ::inet_pton(AF_INET, m_options.sourceAddress.toLatin1().constData(), &local.sin_addr) !=
            1) {
        m_error = u"bad source address "_s + m_options.sourceAddress;
        ok = false;
    }
    ok = ok && bindSource(fd, m_options.reuseAddress, reinterpret_cast<sockaddr *>(&local),
                          sizeof local, &m_localPort, &m_error);
    if (!ok) {
        ::close(fd);
        return false;
    }
    m_fd = fd;
    return true;
}

bool MulticastSender::open6(int ifindex)
{
    auto &to = reinterpret_cast<sockaddr_in6 &>(m_to);
    to.sin6_family = AF_INET6;
    to.sin6_port = htons(m_options.port);
    to.sin6_scope_id = unsigned(ifindex);
    m_toLen = sizeof(sockaddr_in6);
    if (::inet_pton(AF_INET6, m_options.group.toLatin1().constData(), &to.sin6_addr) != 1 ||
        !IN6_IS_ADDR_MULTICAST(&to.sin6_addr)) {
        m_error = u"bad IPv6 group "_s + m_options.group;
        return false;
    }
    const int fd = ::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        m_error = errnoText("socket AF_INET6");
        return false;
    }
    const unsigned iface = unsigned(ifindex);
    const int loop = 1;
    const int v6only = 1;
    bool ok = ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only) == 0 &&
              ::setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &iface, sizeof iface) == 0 &&
              ::setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof loop) == 0;
    if (!ok)
        m_error = errnoText("IPV6_MULTICAST_IF / IPV6_MULTICAST_LOOP");
    sockaddr_in6 local{};
    local.sin6_family = AF_INET6;
    local.sin6_port = htons(m_options.sourcePort);
    local.sin6_addr = in6addr_any;
    if (ok && !m_options.sourceAddress.isEmpty()) {
        if (::inet_pton(AF_INET6, m_options.sourceAddress.toLatin1().constData(),
                        &local.sin6_addr) != 1) {
            m_error = u"bad IPv6 source address "_s + m_options.sourceAddress;
            ok = false;
        } else if (IN6_IS_ADDR_LINKLOCAL(&local.sin6_addr)) {
            local.sin6_scope_id = iface;
        }
    }
    ok = ok && bindSource(fd, m_options.reuseAddress, reinterpret_cast<sockaddr *>(&local),
                          sizeof local, &m_localPort, &m_error);
    if (!ok) {
        ::close(fd);
        return false;
    }
    m_fd = fd;
    return true;
}

MulticastSender::~MulticastSender()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool MulticastSender::setTtl(int ttl)
{
    if (m_fd < 0)
        return false;
    const bool ok =
        isIpv6() ? ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &ttl, sizeof ttl) == 0
                 : ::setsockopt(m_fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) == 0;
    if (!ok) {
        m_error = errnoText(isIpv6() ? "IPV6_MULTICAST_HOPS" : "IP_MULTICAST_TTL");
        return false;
    }
    m_options.ttl = ttl;
    return true;
}

bool MulticastSender::send(QByteArrayView datagram)
{
    if (m_fd < 0)
        return false;
    // No allocation here: tests count the receiver's allocations around this call.
    for (;;) {
        const ssize_t n = ::sendto(m_fd, datagram.data(), size_t(datagram.size()), 0,
                                   reinterpret_cast<const sockaddr *>(&m_to), m_toLen);
        if (n == ssize_t(datagram.size()))
            return true;
        if (n < 0 && errno == EINTR)
            continue;
        m_error = n < 0 ? errnoText("sendto") : u"sendto: short write"_s;
        return false;
    }
}

bool MulticastSender::sendNumbered(QByteArrayView payload, int count)
{
    QByteArray d(payload.data(), payload.size());
    const qsizetype base = d.size();
    d.resize(base + 4);
    for (int i = 0; i < count; ++i) {
        const quint32 be = htonl(quint32(i));
        std::memcpy(d.data() + base, &be, 4);
        if (!send(d))
            return false;
    }
    return true;
}
