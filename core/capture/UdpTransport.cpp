#include "UdpTransport.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <span>
#include <utility>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
constexpr int kMaxBatch = 32;                 // datagrams per recvmmsg call
constexpr qint64 kCancelSliceNs = 10'000'000; // how often a waiting receive looks at `cancel`
constexpr int kReceiveBufferBytes = 4 << 20;  // SO_RCVBUF request; the kernel caps it

// Room for the packet info (IPv6's is the larger), TTL or hop limit, SO_TIMESTAMPNS and
// SO_RXQ_OVFL, with headroom.
constexpr size_t kControlSize = CMSG_SPACE(sizeof(in6_pktinfo)) + CMSG_SPACE(sizeof(int)) +
                                CMSG_SPACE(sizeof(timespec)) + CMSG_SPACE(sizeof(quint32)) + 64;

// `operation`: a QT_TR_NOOP literal in an UdpTransport member
CaptureError systemError(const char *operation, int err, const QString &details)
{
    return CaptureError{UdpTransport::tr(operation), err, details};
}

qint64 nowNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// A source address of either family.
union SourceAddress {
    sockaddr_in v4;
    sockaddr_in6 v6;
};

struct Slot
{
    SourceAddress from;
    iovec iov;
    alignas(cmsghdr) std::array<char, kControlSize> control;
};

// The kernel facts about one datagram, from its control messages.
void readControl(msghdr &msg, Packet &p, quint32 &kernelDrops)
{
    if (msg.msg_flags & MSG_CTRUNC)
        return; // cannot happen with kControlSize; if it did, leave the fields unknown
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            in_pktinfo info;
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            p.interfaceIndex = quint32(info.ipi_ifindex);
            p.destination = IpAddress::fromV4(ntohl(info.ipi_addr.s_addr));
        } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
            in6_pktinfo info;
            std::memcpy(&info, CMSG_DATA(c), sizeof info);
            p.interfaceIndex = quint32(info.ipi6_ifindex);
            p.destination = IpAddress::fromV6(info.ipi6_addr.s6_addr);
        } else if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) ||
                   (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)) {
            int ttl = -1;
            std::memcpy(&ttl, CMSG_DATA(c), sizeof ttl);
            p.ttl = ttl;
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            timespec ts;
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            p.timestampNs = qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
            quint32 drops = 0;
            std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
            kernelDrops = drops;
        }
    }
}

// The source of a datagram; an IPv6 link-local source's scope (sin6_scope_id) is the
// interface it arrived on, which the packet carries from IPV6_PKTINFO.
void readSource(const msghdr &h, const SourceAddress &from, Packet &p)
{
    if (h.msg_namelen >= sizeof(sockaddr_in) && from.v4.sin_family == AF_INET) {
        p.source = IpAddress::fromV4(ntohl(from.v4.sin_addr.s_addr));
        p.sourcePort = ntohs(from.v4.sin_port);
    } else if (h.msg_namelen >= sizeof(sockaddr_in6) && from.v6.sin6_family == AF_INET6) {
        p.source = IpAddress::fromV6(from.v6.sin6_addr.s6_addr);
        p.sourcePort = ntohs(from.v6.sin6_port);
        if (p.interfaceIndex == 0)
            p.interfaceIndex = from.v6.sin6_scope_id;
    }
}

bool setOption(int fd, int level, int name, int value)
{
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}

int socketFamily(IpFamily f)
{
    return f == IpFamily::V4 ? AF_INET : AF_INET6;
}

// The family-specific socket options: only the groups this socket joined, on the interfaces it
// joined them on (by default Linux would also deliver groups other sockets joined), packet
// info and TTL / hop limit with every datagram, and for IPv6 no IPv4 traffic.
bool setFamilyOptions(int fd, IpFamily f, const char **failed)
{
    if (f == IpFamily::V4) {
        *failed = "IP_MULTICAST_ALL, IP_PKTINFO, IP_RECVTTL";
        return setOption(fd, IPPROTO_IP, IP_MULTICAST_ALL, 0) &&
               setOption(fd, IPPROTO_IP, IP_PKTINFO, 1) && setOption(fd, IPPROTO_IP, IP_RECVTTL, 1);
    }
    *failed = "IPV6_V6ONLY, IPV6_MULTICAST_ALL, IPV6_RECVPKTINFO, IPV6_RECVHOPLIMIT";
    return setOption(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1) &&
           setOption(fd, IPPROTO_IPV6, IPV6_MULTICAST_ALL, 0) &&
           setOption(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1) &&
           setOption(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
}

int bindWildcard(int fd, IpFamily f, quint16 port)
{
    if (f == IpFamily::V4) {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_ANY);
        a.sin_port = htons(port);
        return ::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a);
    }
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_any;
    a.sin6_port = htons(port);
    return ::bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a);
}

// The group's bytes in network order, when `text` is a multicast address of family f.
std::optional<std::array<quint8, 16>> parseGroup(IpFamily f, const QString &text)
{
    std::array<quint8, 16> bytes{};
    const QByteArray latin = text.toLatin1();
    if (::inet_pton(socketFamily(f), latin.constData(), bytes.data()) != 1)
        return std::nullopt;
    const bool multicast = f == IpFamily::V4 ? (bytes[0] & 0xF0) == 0xE0 : bytes[0] == 0xFF;
    return multicast ? std::optional(bytes) : std::nullopt;
}
} // namespace

UdpTransport::UdpTransport(BufferPool &pool, IpFamily family)
    : m_pool(pool)
    , m_family(family)
{}

UdpTransport::~UdpTransport()
{
    close();
}

std::optional<CaptureError> UdpTransport::open(const CaptureConfig &config)
{
    close();

    const QString &groupText = config.group(m_family);
    const std::optional<std::array<quint8, 16>> group = parseGroup(m_family, groupText);
    if (!group) {
        return CaptureError{tr("join multicast group"), 0,
                            m_family == IpFamily::V4
                                ? tr("'%1' is not an IPv4 multicast address").arg(groupText)
                                : tr("'%1' is not an IPv6 multicast address").arg(groupText)};
    }

    const int fd = ::socket(socketFamily(m_family), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        //: %1: IPv4 or IPv6
        return systemError(QT_TR_NOOP("open socket"), errno,
                           tr("cannot create a UDP/%1 socket").arg(familyName(m_family)));
    }
    // From here on, every failure closes fd before returning.
    auto fail = [fd](CaptureError e) {
        ::close(fd);
        return std::optional<CaptureError>(std::move(e));
    };

    // Which interfaces to join.
    QList<MulticastInterface> targets;
    if (!config.interfaceName.isEmpty()) {
        const QByteArray name = config.interfaceName.toLocal8Bit();
        const quint32 index = name.size() < IFNAMSIZ ? ::if_nametoindex(name.constData()) : 0;
        if (index == 0)
            return fail(systemError(QT_TR_NOOP("join multicast group"), ENODEV,
                                    tr("interface '%1' does not exist").arg(config.interfaceName)));
        ifreq ifr{};
        std::memcpy(ifr.ifr_name, name.constData(), size_t(name.size()));
        if (::ioctl(fd, SIOCGIFFLAGS, &ifr) != 0)
            return fail(systemError(
                QT_TR_NOOP("join multicast group"), errno,
                tr("cannot read the flags of interface '%1'").arg(config.interfaceName)));
        if ((ifr.ifr_flags & IFF_UP) == 0)
            return fail(systemError(QT_TR_NOOP("join multicast group"), ENETDOWN,
                                    tr("interface '%1' is down").arg(config.interfaceName)));
        if ((ifr.ifr_flags & IFF_MULTICAST) == 0)
            return fail(systemError(
                QT_TR_NOOP("join multicast group"), 0,
                tr("interface '%1' is not multicast-capable").arg(config.interfaceName)));
        // An IPv4 socket receives on an interface without an IPv4 address (a monitor port); an
        // interface with IPv6 on always has a link-local address, so without one IPv6 is off.
        if (m_family == IpFamily::V6) {
            const QList<MulticastInterface> v6 = MulticastInterfaces::list(IpFamily::V6);
            const auto named = [&](const MulticastInterface &i) { return i.index == index; };
            if (std::none_of(v6.cbegin(), v6.cend(), named))
                return fail(systemError(
                    QT_TR_NOOP("join multicast group"), 0,
                    tr("interface '%1' has no IPv6 address").arg(config.interfaceName)));
        }
        targets.append(
            {config.interfaceName, index, m_family == IpFamily::V4, m_family == IpFamily::V6});
    } else {
        targets = MulticastInterfaces::list(m_family);
        if (targets.isEmpty()) {
            //: %1: IPv4 or IPv6
            return fail(systemError(QT_TR_NOOP("join multicast group"), 0,
                                    tr("no up, multicast-capable interface with an %1 address")
                                        .arg(familyName(m_family))));
        }
    }

    // Reuse: so that avahi-daemon / mDNSResponder and we all get every datagram.
    if (!setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1) || !setOption(fd, SOL_SOCKET, SO_REUSEPORT, 1))
        return fail(
            systemError(QT_TR_NOOP("set socket option"), errno, tr("cannot enable address reuse")));
    const char *failedOptions = "";
    if (!setFamilyOptions(fd, m_family, &failedOptions))
        return fail(systemError(QT_TR_NOOP("set socket option"), errno,
                                QString::fromLatin1(failedOptions)));
    if (!setOption(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1) || !setOption(fd, SOL_SOCKET, SO_RXQ_OVFL, 1))
        return fail(systemError(QT_TR_NOOP("set socket option"), errno,
                                tr("cannot enable timestamps or drop counts")));
    setOption(fd, SOL_SOCKET, SO_RCVBUF, kReceiveBufferBytes); // best effort: absorbs bursts

    if (bindWildcard(fd, m_family, config.port) != 0) {
        //: %1: IPv4 or IPv6, %2: a port number
        return fail(systemError(
            QT_TR_NOOP("bind"), errno,
            tr("cannot bind UDP/%1 port %2").arg(familyName(m_family)).arg(config.port)));
    }

    m_fd = fd;
    m_group = *group;
    QList<MulticastInterface> joined;
    std::optional<CaptureError> firstJoinError;
    for (const MulticastInterface &i : std::as_const(targets)) {
        int err = 0;
        if (joinGroup(i.index, &err)) {
            joined.append(i);
        } else if (!firstJoinError) {
            firstJoinError =
                systemError(QT_TR_NOOP("join multicast group"), err,
                            tr("cannot join %1 on interface '%2'").arg(groupText, i.name));
        }
    }
    // One named interface must work; with all interfaces, joining some is enough.
    if (joined.isEmpty() || (!config.interfaceName.isEmpty() && firstJoinError)) {
        m_fd = -1;
        return fail(*firstJoinError);
    }

    m_port = config.port;
    m_pooling = config.pooling;
    m_vlen = 1;
    m_joined = joined;
    m_counters = {};
    m_interfaceNames.clear();
    for (const MulticastInterface &i : std::as_const(joined))
        m_interfaceNames.insert(i.index, i.name);
    return std::nullopt;
}

void UdpTransport::close()
{
    if (m_fd >= 0)
        ::close(m_fd); // also leaves the groups
    m_fd = -1;
    m_joined.clear();
    m_slabs.seal(); // the open slab is freed with its last packet
}

QStringList UdpTransport::joinedInterfaces() const
{
    QStringList names;
    for (const MulticastInterface &i : m_joined)
        names.append(i.name);
    return names;
}

bool UdpTransport::joinGroup(quint32 index, int *error)
{
    int rc = 0;
    if (m_family == IpFamily::V4) {
        ip_mreqn req{};
        std::memcpy(&req.imr_multiaddr, m_group.data(), 4);
        req.imr_ifindex = int(index);
        rc = ::setsockopt(m_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &req, sizeof req);
    } else {
        ipv6_mreq req{};
        std::memcpy(&req.ipv6mr_multiaddr, m_group.data(), 16);
        req.ipv6mr_interface = index;
        rc = ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &req, sizeof req);
    }
    *error = rc == 0 ? 0 : errno;
    return rc == 0;
}

void UdpTransport::leaveGroup(quint32 index)
{
    // An interface that went away took its membership with it; the request then fails, which
    // is what was wanted.
    if (m_family == IpFamily::V4) {
        ip_mreqn req{};
        std::memcpy(&req.imr_multiaddr, m_group.data(), 4);
        req.imr_ifindex = int(index);
        ::setsockopt(m_fd, IPPROTO_IP, IP_DROP_MEMBERSHIP, &req, sizeof req);
    } else {
        ipv6_mreq req{};
        std::memcpy(&req.ipv6mr_multiaddr, m_group.data(), 16);
        req.ipv6mr_interface = index;
        ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_LEAVE_GROUP, &req, sizeof req);
    }
}

QList<InterfaceChange> UdpTransport::sync(const QList<MulticastInterface> &wanted)
{
    QList<InterfaceChange> changes;
    if (m_fd < 0)
        return changes;
    const auto same = [](const MulticastInterface &a, const MulticastInterface &b) {
        return a.index == b.index && a.name == b.name;
    };
    for (qsizetype k = m_joined.size() - 1; k >= 0; --k) {
        const MulticastInterface &i = m_joined.at(k);
        const auto isI = [&](const MulticastInterface &w) { return same(w, i); };
        if (std::any_of(wanted.cbegin(), wanted.cend(), isI))
            continue;
        leaveGroup(i.index);
        changes.append({i.name, m_family, false});
        m_joined.removeAt(k);
    }
    for (const MulticastInterface &w : wanted) {
        const auto isW = [&](const MulticastInterface &i) { return same(w, i); };
        if (std::any_of(m_joined.cbegin(), m_joined.cend(), isW))
            continue;
        int err = 0;
        if (!joinGroup(w.index, &err))
            continue; // e.g. the interface went away again; tried at the next sync
        m_joined.append(w);
        m_interfaceNames.insert(w.index, w.name);
        changes.append({w.name, m_family, true});
    }
    return changes;
}

const QString &UdpTransport::interfaceName(quint32 index)
{
    if (index == 0)
        return m_noName;
    auto it = m_interfaceNames.find(index);
    if (it == m_interfaceNames.end()) {
        // A datagram on an interface we did not join (unicast to our port): look it up once.
        char name[IF_NAMESIZE] = {};
        it = m_interfaceNames.insert(index, ::if_indextoname(index, name)
                                                ? QString::fromLocal8Bit(name)
                                                : QString::number(index));
    }
    return it.value();
}

ReceiveResult UdpTransport::receive(PacketBatch &into, qsizetype maxPackets,
                                    QDeadlineTimer deadline, const std::atomic_bool &cancel)
{
    ReceiveResult result;
    if (m_fd < 0) {
        result.status = ReceiveResult::Status::Failed;
        result.error = systemError(QT_TR_NOOP("receive"), EBADF, tr("the socket is not open"));
        return result;
    }
    maxPackets = std::max<qsizetype>(1, maxPackets);
    // A non-blocking drain with pooling (the capture worker's call, made when the socket is
    // readable) skips the wait and asks recvmmsg straight away: a wasted call would only
    // lease and return idle buffers. Unpooled, a wasted call would allocate a 9000-byte
    // buffer for nothing, so it waits (with a zero timeout) first.
    bool tryFirst = m_pooling && deadline.hasExpired();
    for (;;) {
        if (cancel.load(std::memory_order_acquire)) {
            result.status = ReceiveResult::Status::Cancelled;
            return result;
        }
        const qint64 remaining = deadline.remainingTimeNSecs(); // -1: forever
        int ready = 1;
        pollfd pfd{m_fd, POLLIN, POLLIN};
        if (!std::exchange(tryFirst, false)) {
            const qint64 slice =
                remaining < 0 ? kCancelSliceNs : std::min(remaining, kCancelSliceNs);
            const timespec timeout{time_t(slice / 1'000'000'000), long(slice % 1'000'000'000)};
            pfd.revents = 0;
            ready = ::ppoll(&pfd, 1, &timeout, nullptr);
        }
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            result.status = ReceiveResult::Status::Failed;
            result.error = systemError(QT_TR_NOOP("wait for datagrams"), errno, tr("poll failed"));
            return result;
        }
        if (ready > 0 && (pfd.revents & POLLNVAL)) {
            result.status = ReceiveResult::Status::Failed;
            result.error =
                systemError(QT_TR_NOOP("wait for datagrams"), EBADF, tr("the socket was closed"));
            return result;
        }
        if (ready > 0) {
            // Drain what is queued now, up to maxPackets.
            while (result.packets < maxPackets) {
                int offered = 0, taken = 0;
                const qsizetype n =
                    receiveOnce(into, maxPackets - result.packets, &offered, &taken);
                if (n == -EAGAIN || n == -EWOULDBLOCK || n == -EINTR)
                    break;
                if (n < 0) {
                    result.status = ReceiveResult::Status::Failed;
                    result.error =
                        systemError(QT_TR_NOOP("receive"), int(-n), tr("recvmmsg failed"));
                    return result; // packets already appended stay valid
                }
                result.packets += n;
                // Fewer than offered: the queue is empty now. As many as offered: ask before
                // the next call, since a recvmmsg that finds nothing would have leased (or,
                // unpooled, allocated) buffers for nothing; but a full batch of kMaxBatch
                // means a backlog, where one more recvmmsg is cheaper than a poll per batch
                // (at worst it leases idle buffers and returns them untouched).
                if (taken < offered)
                    break;
                if (offered < kMaxBatch) {
                    pollfd more{m_fd, POLLIN, 0};
                    if (::poll(&more, 1, 0) <= 0 || (more.revents & POLLIN) == 0)
                        break;
                }
                // Still more queued after this call: offer twice what it got next time.
                if (m_pooling)
                    m_vlen = std::min(m_vlen * 2, kMaxBatch);
            }
            if (result.packets > 0) {
                result.status = ReceiveResult::Status::Received;
                return result;
            }
        }
        if (remaining >= 0 && deadline.hasExpired()) {
            result.status = ReceiveResult::Status::TimedOut;
            return result;
        }
    }
}

qsizetype UdpTransport::receiveOnce(PacketBatch &into, qsizetype limit, int *offered, int *taken)
{
    // Pooled: an adaptive batch (grows while full calls leave more queued, shrinks to what
    // arrived), so a quiet network leases one buffer per datagram.
    // Not pooled: one fresh buffer per datagram, exactly like the seed's receive.
    const int vlen = m_pooling ? int(std::min<qsizetype>(m_vlen, limit)) : 1;
    *offered = vlen;

    // Both arrays give their buffers back when this function returns, on every path (the
    // leases as one batch once the datagrams are copied, or by their destructors).
    std::array<BufferPool::Lease, kMaxBatch> leases;
    std::array<std::unique_ptr<std::byte[]>, kMaxBatch> fresh;
    std::array<Slot, kMaxBatch> slots;
    std::array<mmsghdr, kMaxBatch> msgs;
    const std::span<BufferPool::Lease> leased(leases.data(), size_t(m_pooling ? vlen : 0));
    m_pool.acquire(leased); // one lock for the whole call
    for (int i = 0; i < vlen; ++i) {
        std::byte *buffer = nullptr;
        if (m_pooling) {
            buffer = leases[i].data();
        } else {
            fresh[i] = std::make_unique<std::byte[]>(size_t(kReceiveBufferSize));
            buffer = fresh[i].get();
        }
        Slot &s = slots[i];
        s.iov = {buffer, size_t(kReceiveBufferSize)};
        msghdr &h = msgs[i].msg_hdr;
        h = {};
        h.msg_name = &s.from;
        h.msg_namelen = sizeof s.from;
        h.msg_iov = &s.iov;
        h.msg_iovlen = 1;
        h.msg_control = s.control.data();
        h.msg_controllen = s.control.size();
        msgs[i].msg_len = 0;
    }

    // MSG_TRUNC makes msg_len the datagram's real length even when it did not fit.
    const int n = ::recvmmsg(m_fd, msgs.data(), unsigned(vlen), MSG_DONTWAIT | MSG_TRUNC, nullptr);
    const int err = errno;
    for (int i = std::max(n, 0); i < vlen; ++i) {
        if (m_pooling)
            leases[i].markWritten(0); // untouched: nothing to clear
    }
    *taken = std::max(n, 0);
    if (n < 0) {
        m_pool.release(leased);
        return -err;
    }
    if (m_pooling)
        m_vlen = std::max(n, 1); // shrink to what arrived; receive() grows it under load

    qsizetype appended = 0;
    for (int i = 0; i < n; ++i) {
        msghdr &h = msgs[i].msg_hdr;
        const quint32 length = msgs[i].msg_len;
        const qsizetype copied = std::min<qsizetype>(length, kReceiveBufferSize);
        if (m_pooling)
            leases[i].markWritten(copied);

        Packet &p = into.emplace_back(); // built in place: no temporary to move and destroy
        quint32 drops = quint32(m_counters.kernelDrops);
        readControl(h, p, drops);
        readSource(h, slots[i].from, p);
        m_counters.kernelDrops = std::max<quint64>(m_counters.kernelDrops, drops);
        if (!wanted(p)) {
            into.removeLast();
            ++m_counters.otherInterfaces;
            continue;
        }
        ++appended;
        const auto *bytes = static_cast<const char *>(slots[i].iov.iov_base);
        p.data = m_pooling ? m_slabs.copy(bytes, copied) : QByteArray(bytes, copied);
        p.originalLength = length;
        p.truncated = (h.msg_flags & MSG_TRUNC) != 0 || length > quint32(kReceiveBufferSize);
        p.destinationPort = m_port;
        if (p.timestampNs == 0)
            p.timestampNs = nowNs();
        p.interfaceName = interfaceName(p.interfaceIndex);

        ++m_counters.packets;
        m_counters.bytes += length;
        if (p.truncated)
            ++m_counters.truncated;
    }
    m_pool.release(leased); // cleared and back in one lock, before anyone waits again
    return appended;
}

bool UdpTransport::wanted(const Packet &p) const
{
    // Linux delivers IPv4 multicast only from the interfaces this socket joined it on
    // (IP_MULTICAST_ALL 0), but IPv6 checks the group alone: a socket joined to ff02::fb on
    // eth0 also gets ff02::fb from wlan0 once anything on the machine joined it there.
    // Unicast to the port (answers to QU questions) is wanted from any interface, as for IPv4.
    if (m_family != IpFamily::V6 || !p.destination.isV6() || p.destination.bytes()[0] != 0xFF)
        return true;
    return std::any_of(m_joined.cbegin(), m_joined.cend(),
                       [&p](const MulticastInterface &i) { return i.index == p.interfaceIndex; });
}
