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
} // namespace

MulticastSender::MulticastSender()
    : MulticastSender(Options{})
{}

MulticastSender::MulticastSender(const Options &options)
    : m_options(options)
{
    if (!NetNamespace::isPrivate()) {
        m_error = u"refusing to send outside a private network namespace"_s;
        return;
    }
    m_to.sin_family = AF_INET;
    m_to.sin_port = htons(options.port);
    if (::inet_pton(AF_INET, options.group.toLatin1().constData(), &m_to.sin_addr) != 1) {
        m_error = u"bad group "_s + options.group;
        return;
    }
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        m_error = errnoText("socket");
        return;
    }
    ip_mreqn iface{};
    iface.imr_ifindex = int(::if_nametoindex("lo"));
    const int loop = 1;
    bool ok = iface.imr_ifindex != 0 &&
              ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &iface, sizeof iface) == 0 &&
              ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) == 0;
    if (!ok)
        m_error = errnoText("IP_MULTICAST_IF lo / IP_MULTICAST_LOOP");
    if (ok) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_port = htons(options.sourcePort);
        local.sin_addr.s_addr = htonl(INADDR_ANY);
        if (!options.sourceAddress.isEmpty() &&
            ::inet_pton(AF_INET, options.sourceAddress.toLatin1().constData(), &local.sin_addr) !=
                1) {
            m_error = u"bad source address "_s + options.sourceAddress;
            ok = false;
        }
        if (ok && ::bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0) {
            m_error = errnoText("bind source");
            ok = false;
        }
        socklen_t len = sizeof local;
        if (ok && ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &len) == 0)
            m_localPort = ntohs(local.sin_port);
    }
    if (!ok) {
        ::close(fd);
        return;
    }
    m_fd = fd;
    if (!setTtl(options.ttl)) {
        ::close(m_fd);
        m_fd = -1;
    }
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
    if (::setsockopt(m_fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0) {
        m_error = errnoText("IP_MULTICAST_TTL");
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
    const sockaddr_in &to = m_to;
    for (;;) {
        const ssize_t n = ::sendto(m_fd, datagram.data(), size_t(datagram.size()), 0,
                                   reinterpret_cast<const sockaddr *>(&to), sizeof to);
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
