#include "Rtnetlink.h"

#include <QByteArray>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

using namespace Qt::StringLiterals;

RtnetlinkRequest::RtnetlinkRequest(std::uint16_t type, std::uint16_t flags, const void *header,
                                   std::size_t headerSize)
{
    nlmsghdr *nh = this->header();
    nh->nlmsg_len = NLMSG_LENGTH(0);
    nh->nlmsg_type = type;
    nh->nlmsg_flags = std::uint16_t(flags | NLM_F_REQUEST | NLM_F_ACK);
    addBytes(header, headerSize);
}

nlmsghdr *RtnetlinkRequest::header()
{
    return reinterpret_cast<nlmsghdr *>(m_buffer);
}

void RtnetlinkRequest::addBytes(const void *data, std::size_t size)
{
    nlmsghdr *nh = header();
    const std::size_t at = NLMSG_ALIGN(nh->nlmsg_len);
    if (at + NLMSG_ALIGN(size) > sizeof m_buffer) {
        m_overflow = true;
        return;
    }
    std::memcpy(m_buffer + at, data, size);
    nh->nlmsg_len = std::uint32_t(at + NLMSG_ALIGN(size));
}

void RtnetlinkRequest::addAttr(std::uint16_t type, const void *data, std::size_t size)
{
    nlmsghdr *nh = header();
    const std::size_t at = NLMSG_ALIGN(nh->nlmsg_len);
    if (at + RTA_SPACE(size) > sizeof m_buffer) {
        m_overflow = true;
        return;
    }
    auto *rta = reinterpret_cast<rtattr *>(m_buffer + at);
    rta->rta_type = type;
    rta->rta_len = std::uint16_t(RTA_LENGTH(size));
    if (size > 0)
        std::memcpy(RTA_DATA(rta), data, size);
    nh->nlmsg_len = std::uint32_t(at + RTA_SPACE(size));
}

void RtnetlinkRequest::addString(std::uint16_t type, const QString &text)
{
    const QByteArray bytes = text.toLatin1();
    addAttr(type, bytes.constData(), std::size_t(bytes.size()) + 1); // with the NUL
}

std::size_t RtnetlinkRequest::beginNest(std::uint16_t type)
{
    const std::size_t at = NLMSG_ALIGN(header()->nlmsg_len);
    addAttr(type, nullptr, 0);
    return at;
}

void RtnetlinkRequest::endNest(std::size_t offset)
{
    if (m_overflow)
        return;
    auto *rta = reinterpret_cast<rtattr *>(m_buffer + offset);
    rta->rta_len = std::uint16_t(header()->nlmsg_len - offset);
}

int RtnetlinkRequest::exchange(char *reply, std::size_t size, long *received)
{
    if (m_overflow)
        return EMSGSIZE;
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
        return errno;
    sockaddr_nl sa{};
    sa.nl_family = AF_NETLINK;
    const nlmsghdr *nh = header();
    int code = 0;
    if (::sendto(fd, nh, nh->nlmsg_len, 0, reinterpret_cast<sockaddr *>(&sa), sizeof sa) !=
        ssize_t(nh->nlmsg_len)) {
        code = errno;
    } else {
        const ssize_t n = ::recv(fd, reply, size, 0);
        const auto *r = reinterpret_cast<const nlmsghdr *>(reply);
        *received = long(n);
        if (n < 0)
            code = errno;
        else if (n < ssize_t(sizeof(nlmsghdr)) || r->nlmsg_len > std::size_t(n))
            code = EPROTO;
        else if (r->nlmsg_type == NLMSG_ERROR)
            code = r->nlmsg_len < NLMSG_LENGTH(sizeof(nlmsgerr))
                       ? EPROTO
                       : -static_cast<const nlmsgerr *>(NLMSG_DATA(r))->error;
    }
    ::close(fd);
    return code;
}

namespace {
bool failed(const char *what, int code, QString *error)
{
    if (error)
        *error = QString::fromLatin1(what) + u": "_s + QString::fromLocal8Bit(std::strerror(code));
    return false;
}
} // namespace

bool RtnetlinkRequest::execute(const char *what, QString *error)
{
    alignas(nlmsghdr) char reply[4096];
    long n = 0;
    int code = exchange(reply, sizeof reply, &n);
    if (code == 0 && reinterpret_cast<const nlmsghdr *>(reply)->nlmsg_type != NLMSG_ERROR)
        code = EPROTO; // an ack was expected
    return code == 0 || failed(what, code, error);
}

bool RtnetlinkRequest::query(const char *what, std::size_t headerSize, QByteArray *attributes,
                             QString *error)
{
    alignas(nlmsghdr) char reply[16384];
    long n = 0;
    const int code = exchange(reply, sizeof reply, &n);
    const auto *r = reinterpret_cast<const nlmsghdr *>(reply);
    if (code != 0)
        return failed(what, code, error);
    if (r->nlmsg_type == NLMSG_ERROR || r->nlmsg_len < NLMSG_LENGTH(headerSize))
        return failed(what, EPROTO, error);
    const std::size_t at = NLMSG_LENGTH(NLMSG_ALIGN(headerSize));
    *attributes = QByteArray(reply + at, qsizetype(r->nlmsg_len) - qsizetype(at));
    return true;
}
